/**
 * Turns what a transport knows about an attachment into the `Attachment` of an incoming
 * message: photos and files are downloaded into the media store when possible; otherwise
 * (no store, too large, not an image/PDF, link dead) the reference alone is kept, so
 * nothing a voter sent is dropped. Voice messages and stickers are never downloaded.
 */
import type { Attachment, AttachmentKind } from "../core/types.ts";
import type { Logger } from "../logger.ts";
import { MediaRejectedError, type MediaStore } from "./store.ts";

export interface AttachmentSource {
  kind: AttachmentKind;
  /** The transport's own reference (file_id, URL, sticker id). */
  ref: string;
  /** Where the bytes can be fetched, if anywhere. */
  downloadUrl?: string;
  /** Kept on the attachment for staff (a CDN link). Leave unset when the URL holds a secret (Telegram file URLs hold the bot token). */
  publicUrl?: string;
  name?: string;
  /** Size/mime the channel claims; replaced by the real ones when the file is kept. */
  size?: number;
  mime?: string;
}

/** Kinds whose bytes are worth keeping (and that pass the image/PDF check). */
const DOWNLOADED: ReadonlySet<AttachmentKind> = new Set(["photo", "file"]);

/** `timeoutMs` bounds the download (webhooks must answer their platform within seconds). */
export async function collectAttachment(source: AttachmentSource, media: MediaStore | undefined, log?: Logger, timeoutMs?: number): Promise<Attachment> {
  const base: Attachment = {
    kind: source.kind,
    ref: source.ref,
    ...(source.publicUrl ? { url: source.publicUrl } : {}),
    ...(source.name ? { name: source.name } : {}),
    ...(source.mime ? { mime: source.mime } : {}),
    ...(source.size !== undefined && Number.isFinite(source.size) && source.size >= 0 ? { size: Math.floor(source.size) } : {}),
  };
  if (!media || !source.downloadUrl || !DOWNLOADED.has(source.kind)) return base;
  if (base.size !== undefined && base.size > media.maxBytes) {
    log?.info("media: kept as a reference only", { kind: source.kind, reason: "too_large" });
    return base;
  }
  try {
    const saved = await media.download(source.downloadUrl, timeoutMs !== undefined ? { timeoutMs } : {});
    return { ...base, path: saved.path, mime: saved.mime, size: saved.size };
  } catch (err) {
    const reason = err instanceof MediaRejectedError ? err.reason : "error";
    log?.info("media: kept as a reference only", { kind: source.kind, reason });
    return base;
  }
}

/** All of a message's attachments, downloaded in parallel. */
export function collectAttachments(sources: AttachmentSource[], media: MediaStore | undefined, log?: Logger, timeoutMs?: number): Promise<Attachment[]> {
  return Promise.all(sources.map((s) => collectAttachment(s, media, log, timeoutMs)));
}

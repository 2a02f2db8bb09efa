/**
 * Keeps voters' photos and PDFs under DATA_DIR/media, content-addressed by SHA-256 (the same
 * photo sent twice is one file). A download is refused when it is larger than the limit or
 * when its bytes are not an image or a PDF, whatever the sender claims; the caller then
 * keeps only the reference (see attach.ts). Paths handed out are relative to DATA_DIR.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { sniffContentType } from "./sniff.ts";

export type MediaRejection = "too_large" | "unsupported_type" | "empty" | "http" | "network";

/** Why a file was not kept; the message names the reason, never the URL (it may carry a token). */
export class MediaRejectedError extends Error {
  constructor(
    readonly reason: MediaRejection,
    detail?: string,
  ) {
    super(`media not kept: ${reason}${detail ? ` (${detail})` : ""}`);
    this.name = "MediaRejectedError";
  }
}

export interface SavedMedia {
  /** Relative to DATA_DIR, with forward slashes: "media/2026/12/<sha256>.jpg". */
  path: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface MediaStore {
  /** Downloads `url` (size-limited, type-checked) and keeps it; `timeoutMs` overrides the store's for this call. */
  download(url: string, init?: { headers?: Record<string, string>; timeoutMs?: number }): Promise<SavedMedia>;
  /** Keeps bytes already in memory (type-checked, size-limited). */
  save(bytes: Uint8Array): Promise<SavedMedia>;
  readonly maxBytes: number;
}

export interface MediaStoreOptions {
  /** DATA_DIR; files go to DATA_DIR/media/YYYY/MM/. */
  dataDir: string;
  /** Largest file kept (default 10 MiB; Telegram bots cannot download more than 20 MB anyway). */
  maxBytes?: number;
  /** Per download, headers to end of body (default 20 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

export const DEFAULT_MEDIA_MAX_BYTES = 10 * 1024 * 1024;

export function createMediaStore(options: MediaStoreOptions): MediaStore {
  const maxBytes = options.maxBytes ?? DEFAULT_MEDIA_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());

  async function save(bytes: Uint8Array): Promise<SavedMedia> {
    if (bytes.length === 0) throw new MediaRejectedError("empty");
    if (bytes.length > maxBytes) throw new MediaRejectedError("too_large", `${bytes.length} > ${maxBytes} bytes`);
    const type = sniffContentType(bytes);
    if (!type) throw new MediaRejectedError("unsupported_type");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const at = now();
    const rel = ["media", String(at.getUTCFullYear()), String(at.getUTCMonth() + 1).padStart(2, "0"), `${sha256}.${type.ext}`].join("/");
    const abs = path.join(options.dataDir, ...rel.split("/"));
    const exists = await stat(abs).then(
      (s) => s.size === bytes.length,
      () => false,
    );
    if (!exists) {
      await mkdir(path.dirname(abs), { recursive: true });
      // Write aside and rename: a reader never sees half a file, a crash leaves only a .tmp.
      const tmp = `${abs}.${randomUUID().slice(0, 8)}.tmp`;
      try {
        await writeFile(tmp, bytes, { mode: 0o640 });
        await rename(tmp, abs);
      } catch (err) {
        await unlink(tmp).catch(() => {});
        throw err;
      }
    }
    return { path: rel, mime: type.mime, size: bytes.length, sha256 };
  }

  async function download(url: string, init: { headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<SavedMedia> {
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      throw new MediaRejectedError("http", "not a URL");
    }
    if (protocol !== "https:" && protocol !== "http:") throw new MediaRejectedError("http", `scheme ${protocol}`);
    let res: Response;
    const signal = AbortSignal.timeout(init.timeoutMs ?? timeoutMs);
    try {
      res = await doFetch(url, { headers: init.headers, signal, redirect: "follow" });
    } catch (err) {
      throw new MediaRejectedError("network", err instanceof Error ? err.name : "fetch failed");
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => {});
      throw new MediaRejectedError("http", `status ${res.status}`);
    }
    const declared = Number(res.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body.cancel().catch(() => {});
      throw new MediaRejectedError("too_large", `declared ${declared} > ${maxBytes} bytes`);
    }
    // Read at most maxBytes + 1: a lying or missing Content-Length cannot fill the disk or memory.
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.length;
        if (total > maxBytes) {
          await reader.cancel().catch(() => {});
          throw new MediaRejectedError("too_large", `more than ${maxBytes} bytes`);
        }
        chunks.push(value);
      }
    } catch (err) {
      if (err instanceof MediaRejectedError) throw err;
      throw new MediaRejectedError("network", err instanceof Error ? err.name : "read failed");
    }
    return save(Buffer.concat(chunks));
  }

  return { download, save, maxBytes };
}

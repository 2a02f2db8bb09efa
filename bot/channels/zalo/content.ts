/**
 * Reading zca-js message content: text, attachment sources (photos and files to download,
 * voice, stickers, other kinds passed on as references) and shared locations.
 */
import { z } from "zod";
import type { Location } from "../../core/types.ts";
import type { AttachmentSource } from "../../media/attach.ts";
import type { ZaloMessage } from "./zca-api.ts";

/** zca-js's attachment content (photos, files, voice, stickers, locations, links); every field optional. */
const zcaContentSchema = z
  .object({
    title: z.string().optional(),
    description: z.string().optional(),
    href: z.string().optional(),
    thumb: z.string().optional(),
    params: z.unknown().optional(),
    id: z.union([z.string(), z.number()]).optional(),
    catId: z.union([z.string(), z.number()]).optional(),
  })
  .loose();
type ZcaContent = z.infer<typeof zcaContentSchema>;

/** `params` is a JSON string in live events (an object in some versions). */
const zcaParamsSchema = z
  .object({
    hd: z.string().optional(),
    m4a: z.string().optional(),
    fileSize: z.coerce.number().optional(),
    fileExt: z.string().optional(),
    latitude: z.coerce.number().optional(),
    longitude: z.coerce.number().optional(),
  })
  .loose();

function paramsOf(content: ZcaContent): z.infer<typeof zcaParamsSchema> {
  let raw = content.params;
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch {
      return {};
    }
  }
  const parsed = zcaParamsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** What one zca-js message carries besides text. */
interface ZcaParts {
  text: string;
  sources: AttachmentSource[];
  location: Location | null;
}

/**
 * zca-js message content → text, attachment sources and location. Field names follow
 * zca-js's own message types (TAttachmentContent) and public code reading its events
 * (params.hd for photos, params.m4a for voice, params {latitude, longitude} for
 * locations); see docs/zalo.md.
 */
export function readZcaContent(msgType: string | undefined, raw: ZaloMessage["data"]["content"]): ZcaParts | undefined {
  if (typeof raw === "string") return { text: raw, sources: [], location: null };
  const parsed = zcaContentSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  const p = paramsOf(c);
  const href = c.href ?? "";
  switch (msgType) {
    case "chat.photo":
    case "chat.gif":
    case "chat.doodle": {
      const url = p.hd || href;
      return { text: c.title ?? "", sources: url ? [{ kind: "photo", ref: url, downloadUrl: url, publicUrl: url }] : [], location: null };
    }
    case "share.file":
      return {
        text: "",
        sources: href ? [{ kind: "file", ref: href, downloadUrl: href, publicUrl: href, ...(c.title ? { name: c.title } : {}), ...(p.fileSize ? { size: p.fileSize } : {}) }] : [],
        location: null,
      };
    case "chat.voice": {
      const url = p.m4a || href;
      return { text: "", sources: [{ kind: "voice", ref: url || "voice", ...(url ? { publicUrl: url } : {}) }], location: null };
    }
    case "chat.sticker":
      return { text: "", sources: [{ kind: "sticker", ref: `zalo-sticker:${c.catId ?? "?"}:${c.id ?? "?"}` }], location: null };
    case "chat.location.new": {
      const ok = p.latitude !== undefined && p.longitude !== undefined && Math.abs(p.latitude) <= 90 && Math.abs(p.longitude) <= 180;
      const label = c.title || c.description || null;
      return ok ? { text: "", sources: [], location: { latitude: p.latitude!, longitude: p.longitude!, label } } : { text: label ?? "", sources: [], location: null };
    }
    case "chat.link":
      return { text: [c.title, href].filter((x) => x && x.trim()).join("\n"), sources: [], location: null };
    default:
      // Video, contact cards and whatever Zalo adds: passed on so the core can answer, not dropped.
      return { text: "", sources: [{ kind: "other", ref: href || msgType || "unknown" }], location: null };
  }
}

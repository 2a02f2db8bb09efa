/**
 * Zalo Bot Platform updates: {event_name, message}. Event names per the platform's docs:
 * message.text.received, message.image.received, message.sticker.received,
 * message.unsupported.received. The documented getUpdates sample has no event_name, so
 * the kind is also read from the fields present. Image fields differ between sources
 * (photo_url in public code, photo in others): both are read. See docs/zalo.md.
 */
import { z } from "zod";
import type { AttachmentSource } from "../../media/attach.ts";

const id = z.union([z.string().min(1), z.number()]).transform(String);

export const zaloBotMessageSchema = z
  .object({
    message_id: id,
    from: z.object({ id, display_name: z.string().optional(), name: z.string().optional(), first_name: z.string().optional(), is_bot: z.boolean().optional() }).loose(),
    chat: z.object({ id, chat_type: z.string().optional() }).loose(),
    date: z.number().optional(),
    text: z.string().optional(),
    caption: z.string().optional(),
    photo_url: z.string().optional(),
    photo: z.unknown().optional(),
    url: z.string().optional(),
    sticker: z.union([z.string(), z.number()]).optional(),
    message_type: z.string().optional(),
  })
  .loose();

export const zaloBotUpdateSchema = z.object({ event_name: z.string().optional(), message: zaloBotMessageSchema }).loose();
export type ZaloBotUpdate = z.infer<typeof zaloBotUpdateSchema>;

export interface ZaloBotParts {
  text: string;
  sources: AttachmentSource[];
  displayName: string | null;
  isGroup: boolean;
}

/** What an update carries, for the channel. */
export function readZaloBotUpdate(u: ZaloBotUpdate): ZaloBotParts {
  const m = u.message;
  const name = m.from.display_name ?? m.from.name ?? m.from.first_name ?? null;
  const isGroup = (m.chat.chat_type ?? "PRIVATE").toUpperCase() === "GROUP";
  const photo = m.photo_url ?? (typeof m.photo === "string" ? m.photo : undefined) ?? (u.event_name === "message.image.received" ? m.url : undefined);
  const event = u.event_name ?? (photo ? "message.image.received" : m.sticker !== undefined ? "message.sticker.received" : m.text !== undefined ? "message.text.received" : "message.unsupported.received");
  switch (event) {
    case "message.text.received":
      return { text: m.text ?? "", sources: [], displayName: name, isGroup };
    case "message.image.received":
      return { text: m.caption ?? m.text ?? "", sources: photo ? [{ kind: "photo", ref: photo, downloadUrl: photo, publicUrl: photo }] : [], displayName: name, isGroup };
    case "message.sticker.received":
      return { text: "", sources: [{ kind: "sticker", ref: String(m.sticker ?? m.url ?? "sticker") }], displayName: name, isGroup };
    default:
      // Voice, files, locations and whatever else the platform does not support for bots yet.
      return { text: "", sources: [{ kind: "other", ref: m.message_type ?? event }], displayName: name, isGroup };
  }
}

/**
 * Official Account webhook events: zod schemas for the events the bot acts on, and their
 * translation into what the channel needs. Shapes follow Zalo's samples as quoted by
 * integrators and the public code that reads them (docs/zalo.md): ids are strings, the
 * timestamp is a string of epoch milliseconds, user_send_location carries its
 * coordinates as strings in attachments[0].payload.coordinates, user_click_chatnow has
 * no sender (top-level user_id), follow/unfollow name the user in `follower`.
 * Unknown fields are allowed everywhere: Zalo adds fields without notice.
 */
import { z } from "zod";
import type { Location } from "../../core/types.ts";
import type { AttachmentSource } from "../../media/attach.ts";

const id = z.union([z.string().min(1), z.number()]).transform(String);
const idObject = z.object({ id }).loose();
/** Epoch milliseconds as Zalo sends it (a string; a number in some samples). */
const timestamp = z.union([z.string(), z.number()]).transform(String);

const attachmentSchema = z
  .object({
    type: z.string(),
    payload: z
      .object({
        url: z.string().optional(),
        thumbnail: z.string().optional(),
        name: z.string().optional(),
        size: z.union([z.string(), z.number()]).optional(),
        type: z.string().optional(),
        id: z.union([z.string(), z.number()]).optional(),
        description: z.string().optional(),
        // Strings in Zalo's samples; a bad value must not make the whole message unreadable.
        coordinates: z.object({ latitude: z.union([z.string(), z.number()]), longitude: z.union([z.string(), z.number()]) }).loose().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** Every user_send_* event (text, image, gif, file, sticker, audio, video, location, link, business card). */
const userMessageSchema = z
  .object({
    event_name: z.string().regex(/^user_send_/),
    app_id: id.optional(),
    sender: idObject,
    recipient: idObject,
    message: z.object({ msg_id: id, text: z.string().optional(), attachments: z.array(attachmentSchema).optional() }).loose(),
    timestamp,
  })
  .loose();

const followSchema = z
  .object({
    event_name: z.enum(["follow", "unfollow"]),
    app_id: id.optional(),
    oa_id: id.optional(),
    follower: idObject.optional(),
    sender: idObject.optional(),
    recipient: idObject.optional(),
    timestamp,
  })
  .loose();

const chatNowSchema = z.object({ event_name: z.literal("user_click_chatnow"), app_id: id.optional(), oa_id: id, user_id: id, timestamp }).loose();

/** The envelope every event shares: enough to check the signature and route. */
export const eventEnvelopeSchema = z.object({ event_name: z.string().min(1), app_id: id.optional(), timestamp: timestamp.optional() }).loose();

export type OaEvent =
  | {
      kind: "message";
      eventName: string;
      oaId: string;
      userId: string;
      msgId: string;
      text: string;
      attachments: AttachmentSource[];
      location: Location | null;
      at: Date;
    }
  | { kind: "follow" | "unfollow"; oaId: string; userId: string; at: Date }
  | { kind: "chatnow"; oaId: string; userId: string; at: Date }
  | { kind: "ignored"; eventName: string; reason: "oa_echo" | "unsupported" | "malformed" };

const dateOf = (ts: string): Date => {
  const n = Number(ts);
  return Number.isFinite(n) && n > 0 ? new Date(n) : new Date(Number.NaN);
};

function validLocation(lat: number, lon: number): boolean {
  // Number("") is 0: an empty coordinate is not the Gulf of Guinea.
  return lat !== 0 && lon !== 0 && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

/** A parsed webhook body → the event the channel handles (or why it is ignored). */
export function readOaEvent(body: unknown): OaEvent {
  const envelope = eventEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { kind: "ignored", eventName: "?", reason: "malformed" };
  const name = envelope.data.event_name;

  // The OA's own messages (sent by us or by staff in the OA manager) come back as oa_send_*.
  if (name.startsWith("oa_send_")) return { kind: "ignored", eventName: name, reason: "oa_echo" };

  if (name.startsWith("user_send_")) {
    const e = userMessageSchema.safeParse(body);
    if (!e.success) return { kind: "ignored", eventName: name, reason: "malformed" };
    const { message } = e.data;
    const text = message.text ?? "";
    const attachments: AttachmentSource[] = [];
    let location: Location | null = null;
    let extraText = "";
    for (const a of message.attachments ?? []) {
      const p = a.payload ?? {};
      const url = p.url;
      const size = p.size === undefined ? undefined : Number(p.size);
      switch (a.type) {
        case "image":
        case "gif":
          if (url) attachments.push({ kind: "photo", ref: url, downloadUrl: url, publicUrl: url });
          break;
        case "file":
          if (url)
            attachments.push({ kind: "file", ref: url, downloadUrl: url, publicUrl: url, ...(p.name ? { name: p.name } : {}), ...(size !== undefined && Number.isFinite(size) ? { size } : {}) });
          break;
        case "sticker":
          attachments.push({ kind: "sticker", ref: String(p.id ?? url ?? "sticker"), ...(url ? { publicUrl: url } : {}) });
          break;
        case "audio":
          attachments.push({ kind: "voice", ref: url ?? "audio", ...(url ? { publicUrl: url } : {}) });
          break;
        case "location": {
          const c = p.coordinates;
          const lat = Number(c?.latitude);
          const lon = Number(c?.longitude);
          if (c && validLocation(lat, lon)) location = { latitude: lat, longitude: lon, label: text.trim() || null };
          break;
        }
        case "link":
          if (url && !text.includes(url)) extraText = url;
          break;
        default:
          // video, business cards and whatever Zalo adds: passed on, never dropped.
          attachments.push({ kind: "other", ref: url ?? a.type, ...(url ? { publicUrl: url } : {}) });
      }
    }
    // A location's text is its label, not a message of its own.
    const messageText = location ? "" : [text, extraText].filter((x) => x.trim() !== "").join("\n");
    return {
      kind: "message",
      eventName: name,
      oaId: e.data.recipient.id,
      userId: e.data.sender.id,
      msgId: message.msg_id,
      text: messageText,
      attachments,
      location,
      at: dateOf(e.data.timestamp),
    };
  }

  if (name === "follow" || name === "unfollow") {
    const e = followSchema.safeParse(body);
    const userId = e.success ? (e.data.follower?.id ?? e.data.sender?.id) : undefined;
    const oaId = e.success ? (e.data.oa_id ?? e.data.recipient?.id) : undefined;
    if (!e.success || !userId || !oaId) return { kind: "ignored", eventName: name, reason: "malformed" };
    return { kind: name, oaId, userId, at: dateOf(e.data.timestamp) };
  }

  if (name === "user_click_chatnow") {
    const e = chatNowSchema.safeParse(body);
    if (!e.success) return { kind: "ignored", eventName: name, reason: "malformed" };
    return { kind: "chatnow", oaId: e.data.oa_id, userId: e.data.user_id, at: dateOf(e.data.timestamp) };
  }

  // Delivery/seen receipts, reactions, shop and ZNS events, anonymous chats: not for the bot.
  return { kind: "ignored", eventName: name, reason: "unsupported" };
}

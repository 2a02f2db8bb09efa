/**
 * The contract between transports (Telegram, Zalo, console) and the conversation core.
 * Transports translate their updates into `IncomingMessage`, call `core.accept` (webhooks,
 * when the core has it) or `core.handle`, and render the `Reply` objects they get back; the
 * core never imports a transport.
 */
import { z } from "zod";

/** zalo: a personal account (zca-js); zalo_oa: a Zalo Official Account; zalo_bot: the Zalo Bot Platform. */
export const CHANNELS = ["telegram", "zalo", "zalo_oa", "zalo_bot", "console"] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * What a user id looks like on each channel, for ids typed by people (admin CLI, sign-in):
 * a Telegram user id is a positive integer, a Zalo uid a string of digits.
 */
export const USER_ID_FORMAT: Readonly<Record<Channel, { pattern: RegExp; example: string }>> = {
  telegram: { pattern: /^[1-9]\d{0,15}$/, example: "123456789" },
  zalo: { pattern: /^\d{6,25}$/, example: "8472615390284716" },
  zalo_oa: { pattern: /^\d{6,25}$/, example: "5318794602275183" },
  zalo_bot: { pattern: /^[A-Za-z0-9_.-]{1,64}$/, example: "a88c1e2f" },
  console: { pattern: /^[\p{L}\p{N}_.-]{1,64}$/u, example: "canbo-1" },
};

export function isValidUserId(channel: Channel, id: string): boolean {
  return USER_ID_FORMAT[channel].pattern.test(id);
}

export { ROLES, type Role } from "../petitions/roles.ts";

/** A button; `data` is opaque to transports (≤ 64 bytes for Telegram callback_data). */
/** Callback data of a button payload that was not sent to this user (typed, pasted, forged). */
export const FOREIGN_BUTTON = "x:foreign";

export const buttonSchema = z.object({ label: z.string().min(1), data: z.string().min(1).max(64) });
export type Button = z.infer<typeof buttonSchema>;

export const ATTACHMENT_KINDS = ["photo", "file", "sticker", "voice", "other"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * One attachment as the transport saw it. `ref` is always the transport's own reference
 * (Telegram file_id, a Zalo URL or sticker id). When the file was downloaded, `path` is
 * where it lies, relative to DATA_DIR (e.g. "media/2026/12/<sha256>.jpg"), and `mime`/`size`
 * come from its bytes; when it could not be (too large, wrong type, link expired) only the
 * reference and, if known, `url` remain.
 */
export const attachmentSchema = z.object({
  kind: z.enum(ATTACHMENT_KINDS),
  ref: z.string(),
  path: z.string().optional(),
  url: z.string().optional(),
  mime: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  /** The sender's file name, when the channel gives one. */
  name: z.string().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** WGS 84 degrees; `label` is the place name or address the channel gave with it, if any. */
export const locationSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  label: z.string().nullable().default(null),
});
export type Location = z.infer<typeof locationSchema>;

export const incomingMessageSchema = z.object({
  channel: z.enum(CHANNELS),
  /** Unique per delivery source: Telegram update_id, Zalo msgId, console line number. Makes processing idempotent. */
  externalId: z.string().min(1),
  /** Where replies go (Telegram chat id, Zalo thread id, console user). */
  chatId: z.string().min(1),
  /** Who is speaking (Telegram from.id, Zalo uidFrom, console --user). */
  userId: z.string().min(1),
  displayName: z.string().nullable().default(null),
  /** Message text; empty for a photo without caption or a sticker. */
  text: z.string().default(""),
  /** A button press: the button's data. */
  callbackData: z.string().nullable().default(null),
  /** Photos, files, stickers and voice messages; downloaded when possible (see bot/media/). */
  attachments: z.array(attachmentSchema).default([]),
  /** A shared map location (Telegram location, Zalo OA user_send_location, zca-js location). */
  location: locationSchema.nullable().default(null),
  /** Group chats: staff work in a staff group. */
  isGroup: z.boolean().default(false),
  receivedAt: z.date().default(() => new Date()),
});
/**
 * `location` is optional in the type (parsing fills in null) so transports that never see
 * one need not name it; read it as `msg.location ?? null`.
 */
export type IncomingMessage = Omit<z.infer<typeof incomingMessageSchema>, "location"> & { location?: Location | null };

/** A file sent with a reply (the /baocao workbook). */
export interface ReplyDocument {
  filename: string;
  mime: string;
  data: Buffer;
}

export interface Reply {
  text: string;
  /** A file to send with the text; transports that cannot send files say where to get it. */
  document?: ReplyDocument;
  /** Rows of buttons. Transports without buttons (Zalo) render numbered choices. */
  buttons?: Button[][];
  /**
   * A key the core may use later to edit this reply (e.g. the petition acknowledgement,
   * edited when classification finishes). Transports remember key → their message id.
   */
  key?: string;
  /** Edit the earlier reply with this key instead of sending a new message, when the transport can. */
  editKey?: string;
}

/** Where replies to one incoming message go; the transport implements it. */
export interface ReplySink {
  send(reply: Reply): Promise<void>;
}

/** A notification addressed to a chat on some channel (drained from the outbox). */
export interface OutboundNotification {
  id: number;
  channel: string;
  chatId: string;
  text: string;
  buttons?: Button[][];
}

export interface ConversationCore {
  /** Handles one incoming message; replies through `sink`. Never throws for user errors. */
  handle(msg: IncomingMessage, sink: ReplySink): Promise<void>;
  /**
   * Resolves once the message is durably stored (idempotent by channel + externalId: a
   * redelivery resolves without storing it twice); handling continues in the background
   * and its replies go to `sink`. Webhook transports answer their platform after this
   * resolves, so a slow LLM never makes the platform redeliver. Rejects only when the
   * message could not be stored (the platform should then redeliver). Optional: a core
   * without it is driven through `handle`, awaited.
   */
  accept?(msg: IncomingMessage, sink: ReplySink): Promise<void>;
}

/**
 * The contract between transports (Telegram, Zalo, console) and the conversation core.
 * Transports translate their updates into `IncomingMessage`, call `core.handle`, and
 * render the `Reply` objects they get back; the core never imports a transport.
 */
import { z } from "zod";

export const CHANNELS = ["telegram", "zalo", "console"] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * What a user id looks like on each channel, for ids typed by people (admin CLI, sign-in):
 * a Telegram user id is a positive integer, a Zalo uid a string of digits.
 */
export const USER_ID_FORMAT: Readonly<Record<Channel, { pattern: RegExp; example: string }>> = {
  telegram: { pattern: /^[1-9]\d{0,15}$/, example: "123456789" },
  zalo: { pattern: /^\d{6,25}$/, example: "8472615390284716" },
  console: { pattern: /^[\p{L}\p{N}_.-]{1,64}$/u, example: "canbo-1" },
};

export function isValidUserId(channel: Channel, id: string): boolean {
  return USER_ID_FORMAT[channel].pattern.test(id);
}

export { ROLES, type Role } from "../petitions/roles.ts";

/** A button; `data` is opaque to transports (≤ 64 bytes for Telegram callback_data). */
export const buttonSchema = z.object({ label: z.string().min(1), data: z.string().min(1).max(64) });
export type Button = z.infer<typeof buttonSchema>;

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
  /** Photos and files as transport references (Telegram file_id, Zalo URL). */
  attachments: z.array(z.object({ kind: z.enum(["photo", "file", "sticker", "other"]), ref: z.string() })).default([]),
  /** Group chats: staff work in a staff group. */
  isGroup: z.boolean().default(false),
  /** A shared location (Telegram location, Zalo OA user_send_location). */
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), label: z.string().nullable().default(null) }).nullable().optional(),
  receivedAt: z.date().default(() => new Date()),
});
export type IncomingMessage = z.infer<typeof incomingMessageSchema>;

export interface Reply {
  text: string;
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
}

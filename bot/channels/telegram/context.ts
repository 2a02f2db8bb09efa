/**
 * The grammY context used by the Telegram transport: services injected per update (so
 * tests pass fakes) and the per-chat session.
 */
import type { Context, LazySessionFlavor } from "grammy";
import type { ConversationCore } from "../../core/types.ts";
import type { MediaStore } from "../../media/store.ts";
import type { Logger } from "../common.ts";

/** Per-chat state persisted through the session StorageAdapter. */
export interface SessionData {
  /** Reply.key → Telegram message_id, so a later Reply.editKey edits that message. */
  messageKeys: Record<string, number>;
}

export function initialSession(): SessionData {
  return { messageKeys: {} };
}

/** Services every feature needs; set once per update by `createBot`. */
export interface TelegramDeps {
  core: ConversationCore;
  logger: Logger;
  /** Where voters' photos and documents are kept; without it only file_ids are passed on. */
  media?: MediaStore;
  /** Bot API root without a trailing slash, for file downloads (…/file/bot<token>/<path>). */
  apiRoot: string;
}

/** Per-update bookkeeping. */
export interface TurnState {
  /** True once anything was sent to the user for this update (avoids a second apology). */
  replied: boolean;
}

/** Lazy: the session row is read only by an update that uses it (a reply with a key), not by every message. */
export type BotContext = Context & LazySessionFlavor<SessionData> & { deps: TelegramDeps; turn: TurnState };

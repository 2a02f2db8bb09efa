/**
 * The grammY context used by the Telegram transport: services injected per update (so
 * tests pass fakes) and the per-chat session.
 */
import type { Context, SessionFlavor } from "grammy";
import type { ConversationCore } from "../../core/types.ts";
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
}

/** Per-update bookkeeping. */
export interface TurnState {
  /** True once anything was sent to the user for this update (avoids a second apology). */
  replied: boolean;
}

export type BotContext = Context & SessionFlavor<SessionData> & { deps: TelegramDeps; turn: TurnState };

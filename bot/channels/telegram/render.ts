/** Rendering of core replies into Telegram message parameters. */
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Button } from "../../core/types.ts";

/** Telegram rejects messages longer than this (characters after entity parsing). */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** Reply.buttons → an inline keyboard; undefined when there are no buttons. */
export function toInlineKeyboard(rows: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  const filtered = (rows ?? []).filter((row) => row.length > 0);
  if (filtered.length === 0) return undefined;
  return { inline_keyboard: filtered.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))) };
}

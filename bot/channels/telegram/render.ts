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

/**
 * Splits text into chunks Telegram accepts, preferring line breaks, then spaces, so long
 * answers (plan excerpts) arrive whole instead of failing with "message is too long".
 */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf("\n", limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(" ", limit);
    if (cut < limit / 2) cut = limit;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, "");
  }
  chunks.push(rest);
  return chunks;
}

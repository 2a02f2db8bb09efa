/** Sends one outbox notification to a Telegram chat (called by the outbox drain). */
import { GrammyError } from "grammy";
import type { Api } from "grammy";
import type { OutboundNotification } from "../../core/types.ts";
import { splitText } from "../common.ts";
import { TELEGRAM_TEXT_LIMIT, toInlineKeyboard } from "./render.ts";

/**
 * Sends `n` to `n.chatId` with its buttons as an inline keyboard. Throws on failure so the
 * outbox retries; `isPermanentTelegramError` tells which failures retrying cannot fix.
 */
export async function sendNotification(api: Api, n: OutboundNotification): Promise<void> {
  if (n.channel !== "telegram") throw new Error(`sendNotification: channel ${n.channel} is not telegram (outbox id ${n.id})`);
  const markup = toInlineKeyboard(n.buttons);
  const chunks = splitText(n.text, TELEGRAM_TEXT_LIMIT);
  for (const [i, chunk] of chunks.entries()) {
    const last = i === chunks.length - 1;
    await api.sendMessage(n.chatId, chunk, last && markup ? { reply_markup: markup } : {});
  }
}

/** Bot blocked, chat gone, bad request: the outbox should mark these failed, not retry. */
export function isPermanentTelegramError(err: unknown): boolean {
  return err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403 || err.error_code === 404);
}

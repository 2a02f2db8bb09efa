/** Turns a Telegram update into an IncomingMessage and hands it to the conversation core. */
import type { IncomingMessage } from "../../core/types.ts";
import type { BotContext } from "./context.ts";
import { createReplySink } from "./reply-sink.ts";

/** What a feature knows about the update beyond the chat and the sender. */
export type IncomingParts = Partial<Pick<IncomingMessage, "text" | "callbackData" | "attachments" | "location">>;

/**
 * The idempotency key of an update. It names the bot (its id from getMe): two bots sharing
 * a store each number their updates from 1. A message is keyed by chat and message id,
 * not by update_id, because Telegram restarts update ids at random after a week without
 * updates; a button press by its callback query id, which is unique. Other updates fall
 * back to the update id.
 */
export function telegramMessageKey(ctx: Pick<BotContext, "me" | "update" | "callbackQuery" | "message" | "editedMessage">): string {
  const bot = ctx.me.id;
  if (ctx.callbackQuery) return `tg:${bot}:cb:${ctx.callbackQuery.id}`;
  if (ctx.message) return `tg:${bot}:m:${ctx.message.chat.id}:${ctx.message.message_id}`;
  // An edit is a new text for an old message: each edit is its own delivery.
  if (ctx.editedMessage) return `tg:${bot}:e:${ctx.editedMessage.chat.id}:${ctx.editedMessage.message_id}:${ctx.editedMessage.edit_date}`;
  return `tg:${bot}:u:${ctx.update.update_id}`;
}

/** Builds the IncomingMessage for the current update; undefined for updates without chat/sender. */
export function toIncoming(ctx: BotContext, parts: IncomingParts): IncomingMessage | undefined {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || !from) return undefined;
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ").trim();
  const date = ctx.msg?.date;
  return {
    channel: "telegram",
    externalId: telegramMessageKey(ctx),
    chatId: String(chat.id),
    userId: String(from.id),
    displayName: name || from.username || null,
    text: parts.text ?? "",
    callbackData: parts.callbackData ?? null,
    attachments: parts.attachments ?? [],
    location: parts.location ?? null,
    isGroup: chat.type === "group" || chat.type === "supergroup",
    // Callback queries carry the old message's date: use the arrival time instead.
    receivedAt: date && !ctx.callbackQuery ? new Date(date * 1000) : new Date(),
  };
}

/** Sends the update to the core with a sink replying into the same chat. */
export async function dispatch(ctx: BotContext, parts: IncomingParts): Promise<void> {
  const msg = toIncoming(ctx, parts);
  if (!msg) {
    ctx.deps.logger.debug("telegram: update without chat or sender ignored", { updateId: ctx.update.update_id });
    return;
  }
  await ctx.deps.core.handle(msg, createReplySink(ctx, Number(msg.chatId)));
}

/**
 * The ReplySink for one Telegram update: sends core replies with inline keyboards and
 * edits an earlier reply when asked (Reply.editKey), remembering Reply.key → message_id
 * in the chat's session so edits also work after a restart.
 */
import { GrammyError, InputFile } from "grammy";
import type { Reply, ReplySink } from "../../core/types.ts";
import { describeError } from "../common.ts";
import type { BotContext, SessionData } from "./context.ts";
import { splitText } from "../common.ts";
import { TELEGRAM_TEXT_LIMIT, toInlineKeyboard } from "./render.ts";

/** Oldest keys are dropped beyond this, so sessions stay small. */
const MAX_REMEMBERED_KEYS = 50;

async function sessionOf(ctx: BotContext): Promise<SessionData | undefined> {
  try {
    // Throws for updates without a chat (no session key); such updates have no keys.
    return await ctx.session;
  } catch {
    return undefined;
  }
}

async function remember(ctx: BotContext, key: string, messageId: number): Promise<void> {
  const session = await sessionOf(ctx);
  if (!session) return;
  const keys = { ...session.messageKeys };
  delete keys[key]; // re-insert so insertion order tracks recency
  keys[key] = messageId;
  const names = Object.keys(keys);
  for (const old of names.slice(0, Math.max(0, names.length - MAX_REMEMBERED_KEYS))) delete keys[old];
  // Assigning a new object marks the session as changed for the storage write.
  ctx.session = { ...session, messageKeys: keys };
}

function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && /not modified/i.test(err.description);
}

/** A sink that replies into `chatId` (the chat the update came from). */
export function createReplySink(ctx: BotContext, chatId: number): ReplySink {
  const { logger } = ctx.deps;

  async function trySend(reply: Reply): Promise<void> {
    const markup = toInlineKeyboard(reply.buttons);
    if (reply.editKey) {
      const messageId = (await sessionOf(ctx))?.messageKeys[reply.editKey];
      if (messageId !== undefined && reply.text.length <= TELEGRAM_TEXT_LIMIT) {
        try {
          await ctx.api.editMessageText(chatId, messageId, reply.text, markup ? { reply_markup: markup } : {});
          if (reply.key) await remember(ctx, reply.key, messageId);
          return;
        } catch (err) {
          if (isNotModified(err)) return; // same text again: nothing to do
          // The message may be too old or deleted: the user still gets the new text.
          logger.warn("telegram: edit failed, sending a new message", { chatId, messageId, error: describeError(err) });
        }
      }
    }
    const chunks = splitText(reply.text, TELEGRAM_TEXT_LIMIT);
    let lastId = 0;
    for (const [i, chunk] of chunks.entries()) {
      const last = i === chunks.length - 1;
      const sent = await ctx.api.sendMessage(chatId, chunk, last && markup ? { reply_markup: markup } : {});
      lastId = sent.message_id;
    }
    const key = reply.key ?? reply.editKey;
    if (key) await remember(ctx, key, lastId);
    if (reply.document) await ctx.api.sendDocument(chatId, new InputFile(reply.document.data, reply.document.filename));
  }

  return {
    async send(reply: Reply): Promise<void> {
      if (reply.text.trim() === "") {
        logger.warn("telegram: empty reply skipped", { chatId });
        return;
      }
      await trySend(reply);
      ctx.turn.replied = true;
    },
  };
}

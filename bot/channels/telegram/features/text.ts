/** Text messages and commands go to the conversation core as they are. */
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { dispatch } from "../dispatch.ts";

export const textFeature = new Composer<BotContext>();

textFeature.on("message:text", async (ctx) => {
  let text = ctx.message.text;
  // In groups Telegram appends the bot name ("/start@TroLyBot"); the core expects "/start".
  const username = ctx.me?.username;
  if (username && text.startsWith("/")) {
    text = text.replace(new RegExp(`^(/\\S+?)@${username}\\b`, "i"), "$1");
  }
  await dispatch(ctx, { text });
});

/** Inline button presses: always answered (stops the client's spinner), data → core. */
import { Composer } from "grammy";
import { describeError } from "../../common.ts";
import type { BotContext } from "../context.ts";
import { dispatch } from "../dispatch.ts";

export const callbackFeature = new Composer<BotContext>();

callbackFeature.on("callback_query:data", async (ctx) => {
  // Answer first: the core may take seconds (LLM), and Telegram expires the query.
  await ctx.answerCallbackQuery().catch((err: unknown) => {
    ctx.deps.logger.warn("telegram: answerCallbackQuery failed", { error: describeError(err) });
  });
  await dispatch(ctx, { callbackData: ctx.callbackQuery.data });
});

/**
 * Registered last: whatever no feature took. Callback queries are still answered so the
 * client stops waiting; the rest (edits, member updates, service messages) is logged.
 */
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

export const unhandledFeature = new Composer<BotContext>();

unhandledFeature.on("callback_query", (ctx) => ctx.answerCallbackQuery());

unhandledFeature.use((ctx) => {
  const kind = Object.keys(ctx.update).find((k) => k !== "update_id") ?? "unknown";
  ctx.deps.logger.debug("telegram: unhandled update", { updateId: ctx.update.update_id, kind });
});

/** Photos (e.g. of a flooded street) reach the core as the largest size's file_id. */
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { dispatch } from "../dispatch.ts";

export const photoFeature = new Composer<BotContext>();

photoFeature.on("message:photo", async (ctx) => {
  const sizes = ctx.message.photo;
  // Telegram lists sizes smallest first, but compare areas rather than rely on the order.
  const largest = sizes.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  await dispatch(ctx, {
    text: ctx.message.caption ?? "",
    attachments: [{ kind: "photo", ref: largest.file_id }],
  });
});

/** Photos (e.g. of a flooded street): the largest size, downloaded into the media store. */
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { dispatch } from "../dispatch.ts";
import { telegramAttachment } from "./files.ts";

export const photoFeature = new Composer<BotContext>();

photoFeature.on("message:photo", async (ctx) => {
  const sizes = ctx.message.photo;
  // Telegram lists sizes smallest first, but compare areas rather than rely on the order.
  const largest = sizes.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  const attachment = await telegramAttachment(ctx, { kind: "photo", fileId: largest.file_id, size: largest.file_size });
  await dispatch(ctx, { text: ctx.message.caption ?? "", attachments: [attachment] });
});

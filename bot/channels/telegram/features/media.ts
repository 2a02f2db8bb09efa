/**
 * Stickers, documents, voice and other non-text messages: the core gets empty text and
 * the attachment, so it can answer ("please describe in words") instead of staying silent.
 */
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { dispatch } from "../dispatch.ts";

export const mediaFeature = new Composer<BotContext>();

mediaFeature.on("message:sticker", (ctx) =>
  dispatch(ctx, { attachments: [{ kind: "sticker", ref: ctx.message.sticker.file_id }] }),
);

mediaFeature.on("message:document", (ctx) =>
  dispatch(ctx, { text: ctx.message.caption ?? "", attachments: [{ kind: "file", ref: ctx.message.document.file_id }] }),
);

mediaFeature.on(["message:voice", "message:audio", "message:video", "message:video_note", "message:animation"], (ctx) => {
  const m = ctx.message;
  const file = m.voice ?? m.audio ?? m.video ?? m.video_note ?? m.animation;
  return dispatch(ctx, {
    text: m.caption ?? "",
    attachments: file ? [{ kind: "other", ref: file.file_id }] : [],
  });
});

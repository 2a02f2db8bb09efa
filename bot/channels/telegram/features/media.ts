/**
 * Stickers, documents, voice and other non-text messages: the core gets the attachment
 * (documents downloaded when they are images or PDFs), so it can answer ("please describe
 * in words") instead of staying silent.
 */
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { dispatch } from "../dispatch.ts";
import { telegramAttachment } from "./files.ts";

export const mediaFeature = new Composer<BotContext>();

mediaFeature.on("message:sticker", async (ctx) =>
  dispatch(ctx, { attachments: [await telegramAttachment(ctx, { kind: "sticker", fileId: ctx.message.sticker.file_id })] }),
);

mediaFeature.on("message:document", async (ctx) => {
  const d = ctx.message.document;
  const attachment = await telegramAttachment(ctx, { kind: "file", fileId: d.file_id, name: d.file_name, size: d.file_size, mime: d.mime_type });
  await dispatch(ctx, { text: ctx.message.caption ?? "", attachments: [attachment] });
});

mediaFeature.on("message:voice", async (ctx) => {
  const v = ctx.message.voice;
  const attachment = await telegramAttachment(ctx, { kind: "voice", fileId: v.file_id, size: v.file_size, mime: v.mime_type });
  await dispatch(ctx, { text: ctx.message.caption ?? "", attachments: [attachment] });
});

mediaFeature.on(["message:audio", "message:video", "message:video_note", "message:animation"], async (ctx) => {
  const m = ctx.message;
  const file = m.audio ?? m.video ?? m.video_note ?? m.animation;
  const attachments = file ? [await telegramAttachment(ctx, { kind: "other", fileId: file.file_id, size: file.file_size })] : [];
  await dispatch(ctx, { text: m.caption ?? "", attachments });
});

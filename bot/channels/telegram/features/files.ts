/**
 * A Telegram file as an attachment: photos and documents are fetched through getFile and
 * kept in the media store; if that fails (no store, over Telegram's 20 MB bot limit,
 * refused type) the file_id alone is passed on. The download URL contains the bot token,
 * so it is never stored or logged.
 */
import type { Attachment, AttachmentKind } from "../../../core/types.ts";
import { collectAttachment } from "../../../media/attach.ts";
import { describeError } from "../../common.ts";
import type { BotContext } from "../context.ts";

export interface TelegramFileRef {
  kind: AttachmentKind;
  fileId: string;
  name?: string | undefined;
  size?: number | undefined;
  mime?: string | undefined;
}

export async function telegramAttachment(ctx: BotContext, file: TelegramFileRef): Promise<Attachment> {
  const { media, logger, apiRoot } = ctx.deps;
  const base = {
    kind: file.kind,
    ref: file.fileId,
    ...(file.name ? { name: file.name } : {}),
    ...(file.size !== undefined ? { size: file.size } : {}),
    ...(file.mime ? { mime: file.mime } : {}),
  };
  const wanted = file.kind === "photo" || file.kind === "file";
  if (!media || !wanted || (file.size !== undefined && file.size > media.maxBytes)) return collectAttachment(base, undefined);
  let downloadUrl: string | undefined;
  try {
    const info = await ctx.api.getFile(file.fileId);
    if (info.file_path) downloadUrl = `${apiRoot}/file/bot${ctx.api.token}/${info.file_path}`;
  } catch (err) {
    logger.info("telegram: getFile failed, keeping the file_id only", { error: describeError(err) });
  }
  return collectAttachment({ ...base, ...(downloadUrl ? { downloadUrl } : {}) }, media, logger);
}

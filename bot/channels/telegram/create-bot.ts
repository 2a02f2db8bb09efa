/**
 * Builds the grammY bot: services on the context, persisted sessions, one composer per
 * feature behind an error boundary, retrying API calls. Starting it is run.ts's job.
 */
import { Bot, BotError, MemorySessionStorage, lazySession } from "grammy";
import type { StorageAdapter } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { ConversationCore } from "../../core/types.ts";
import type { MediaStore } from "../../media/store.ts";
import { describeError, stderrLogger, type Logger } from "../common.ts";
import { transportTexts } from "../text.vi.ts";
import { initialSession, type BotContext, type SessionData } from "./context.ts";
import { callbackFeature } from "./features/callback.ts";
import { mediaFeature } from "./features/media.ts";
import { locationFeature } from "./features/location.ts";
import { photoFeature } from "./features/photo.ts";
import { textFeature } from "./features/text.ts";
import { unhandledFeature } from "./features/unhandled.ts";
import { retryTransformer, type RetryOptions } from "./retry-transformer.ts";

export interface CreateBotDeps {
  core: ConversationCore;
  /** TELEGRAM_API_ROOT without a trailing slash; default https://api.telegram.org. */
  apiRoot?: string;
  /** Where sessions live (the Prisma ChatSession adapter in production); default in memory. */
  sessionStorage?: StorageAdapter<SessionData>;
  logger?: Logger;
  /** Known bot identity: skips getMe (tests, faster restarts). */
  botInfo?: UserFromGetMe;
  /** Options for the retry transformer, or false to send every call once. */
  retry?: RetryOptions | false;
  /** Where voters' photos and documents are downloaded (DATA_DIR/media); absent: file_ids only. */
  media?: MediaStore;
}

/** Creates a bot whose every update goes to `deps.core`; not started. */
export function createBot(token: string, deps: CreateBotDeps): Bot<BotContext> {
  const logger = deps.logger ?? stderrLogger;
  const apiRoot = (deps.apiRoot ?? "https://api.telegram.org").replace(/\/+$/, "");
  const bot = new Bot<BotContext>(token, {
    client: { apiRoot },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });

  if (deps.retry !== false) bot.api.config.use(retryTransformer({ logger, ...deps.retry }));

  const services = { core: deps.core, logger, apiRoot, ...(deps.media ? { media: deps.media } : {}) };
  bot.use((ctx, next) => {
    ctx.deps = services;
    ctx.turn = { replied: false };
    return next();
  });
  bot.use(lazySession({ initial: initialSession, storage: deps.sessionStorage ?? new MemorySessionStorage<SessionData>() }));

  const onError = (err: BotError<BotContext>) => handleUpdateError(err, logger);
  // Inside the boundary a failing update still lets the session be written.
  bot.errorBoundary(onError, textFeature, photoFeature, callbackFeature, mediaFeature, locationFeature, unhandledFeature);
  // Outside it (session storage, middleware above): log and apologise, polling goes on.
  bot.catch(onError);
  return bot;
}

/** Logs the failure and tells the user, unless they already got an answer for this update. */
async function handleUpdateError(err: BotError<BotContext>, logger: Logger): Promise<void> {
  const ctx = err.ctx;
  logger.error("telegram: update failed", { updateId: ctx.update.update_id, error: describeError(err.error) });
  const chatId = ctx.chat?.id;
  if (chatId === undefined || ctx.turn?.replied) return;
  try {
    await ctx.api.sendMessage(chatId, transportTexts.apology);
    if (ctx.turn) ctx.turn.replied = true;
  } catch (sendErr) {
    logger.error("telegram: could not send the apology", { chatId, error: describeError(sendErr) });
  }
}

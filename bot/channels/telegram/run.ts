/**
 * Starts the bot: long polling by default, or a webhook when a webhook URL is configured
 * (TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET). The webhook is a route on the process's
 * one HTTP server (the web face's Fastify server on HOST:PORT, web/server.ts): register
 * `telegramWebhook(bot, options)` on it before it listens, then `runTelegram` registers the
 * URL with Telegram.
 */
import type { FastifyPluginAsync } from "fastify";
import { webhookCallback, type Bot } from "grammy";
import type { Config } from "../../config.ts";
import { describeError, stderrLogger, type Logger } from "../common.ts";
import type { BotContext } from "./context.ts";

export interface RunTelegramOptions {
  /** Public HTTPS URL Telegram posts updates to; absent → long polling. */
  webhookUrl?: string;
  /** Checked against X-Telegram-Bot-Api-Secret-Token on every webhook request. */
  webhookSecret?: string;
  logger?: Logger;
}

export interface RunningTelegram {
  mode: "polling" | "webhook";
  stop(): Promise<void>;
}

/** Run options from the validated configuration (TELEGRAM_WEBHOOK_URL/SECRET). */
export function telegramRunOptions(config: Pick<Config, "TELEGRAM_WEBHOOK_URL" | "TELEGRAM_WEBHOOK_SECRET">, logger?: Logger): RunTelegramOptions {
  return {
    ...(config.TELEGRAM_WEBHOOK_URL ? { webhookUrl: config.TELEGRAM_WEBHOOK_URL } : {}),
    ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
    ...(logger ? { logger } : {}),
  };
}

/**
 * `POST <path of webhookUrl>` as a Fastify plugin, through grammY's Fastify adapter: a
 * wrong or missing secret token gets 401 and the update is not handled. The server's JSON
 * parser reads the body. Register it on the shared server before it listens.
 */
export function telegramWebhook(bot: Bot<BotContext>, options: RunTelegramOptions & { webhookUrl: string }): FastifyPluginAsync {
  const logger = options.logger ?? stderrLogger;
  const path = new URL(options.webhookUrl).pathname;
  // "return": answer Telegram after 9 s while a slow update (LLM) finishes, instead of
  // letting Telegram redeliver it; the core is idempotent on externalId anyway.
  const handle = webhookCallback(bot, "fastify", {
    ...(options.webhookSecret ? { secretToken: options.webhookSecret } : {}),
    onTimeout: "return",
    timeoutMilliseconds: 9_000,
  });
  return async (app) => {
    app.post(path, async (request, reply) => {
      try {
        await handle(request, reply);
      } catch (err) {
        logger.error("telegram: webhook update failed", { error: describeError(err) });
        if (!reply.sent) return reply.code(500).send();
      }
      return reply;
    });
  };
}

/**
 * Starts `bot` and resolves once it is receiving updates: polling, or — with a webhook URL —
 * registering it with Telegram (the route must already be served, see `telegramWebhook`).
 */
export async function runTelegram(bot: Bot<BotContext>, options: RunTelegramOptions = {}): Promise<RunningTelegram> {
  const logger = options.logger ?? stderrLogger;
  return options.webhookUrl ? registerWebhook(bot, options.webhookUrl, options, logger) : runPolling(bot, logger);
}

async function runPolling(bot: Bot<BotContext>, logger: Logger): Promise<RunningTelegram> {
  await new Promise<void>((resolve, reject) => {
    bot
      .start({ onStart: (me) => (logger.info(`telegram: polling as @${me.username}`), resolve()) })
      // Rejects on 401 (bad token) or 409 (another instance polling): fatal for this transport.
      .catch((err: unknown) => {
        logger.error("telegram: polling stopped", { error: describeError(err) });
        reject(err);
      });
  });
  return { mode: "polling", stop: () => bot.stop() };
}

async function registerWebhook(bot: Bot<BotContext>, url: string, options: RunTelegramOptions, logger: Logger): Promise<RunningTelegram> {
  if (!options.webhookSecret) logger.warn("telegram: TELEGRAM_WEBHOOK_SECRET is not set; anyone can post updates to the webhook");
  await bot.api.setWebhook(url, options.webhookSecret ? { secret_token: options.webhookSecret } : {});
  logger.info(`telegram: webhook at POST ${new URL(url).pathname}`);
  // The webhook stays registered: a restart (or another replica) keeps receiving. The
  // server that serves the route is closed by its owner.
  return { mode: "webhook", stop: async () => {} };
}

/**
 * Starts the bot: long polling by default, or a webhook on node:http when a webhook URL is
 * configured (TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET, PORT).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { webhookCallback, type Bot } from "grammy";
import type { Config } from "../../config.ts";
import { describeError, stderrLogger, type Logger } from "../common.ts";
import type { BotContext } from "./context.ts";

export interface RunTelegramOptions {
  /** Public HTTPS URL Telegram posts updates to; absent → long polling. */
  webhookUrl?: string;
  /** Checked against X-Telegram-Bot-Api-Secret-Token on every webhook request. */
  webhookSecret?: string;
  /** Port of the webhook server (0 picks a free one). */
  port?: number;
  logger?: Logger;
}

export interface RunningTelegram {
  mode: "polling" | "webhook";
  /** Webhook mode: the port actually listened on. */
  port?: number;
  stop(): Promise<void>;
}

/** Run options from the validated configuration (TELEGRAM_WEBHOOK_URL/SECRET, PORT). */
export function telegramRunOptions(
  config: Pick<Config, "TELEGRAM_WEBHOOK_URL" | "TELEGRAM_WEBHOOK_SECRET" | "PORT">,
  logger?: Logger,
): RunTelegramOptions {
  return {
    ...(config.TELEGRAM_WEBHOOK_URL ? { webhookUrl: config.TELEGRAM_WEBHOOK_URL } : {}),
    ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
    port: config.PORT,
    ...(logger ? { logger } : {}),
  };
}

/** Starts `bot` and resolves once it is receiving updates. */
export async function runTelegram(bot: Bot<BotContext>, options: RunTelegramOptions = {}): Promise<RunningTelegram> {
  const logger = options.logger ?? stderrLogger;
  return options.webhookUrl ? runWebhook(bot, options.webhookUrl, options, logger) : runPolling(bot, logger);
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

async function runWebhook(bot: Bot<BotContext>, url: string, options: RunTelegramOptions, logger: Logger): Promise<RunningTelegram> {
  if (!options.webhookSecret) logger.warn("telegram: TELEGRAM_WEBHOOK_SECRET is not set; anyone can post updates to the webhook");
  const path = new URL(url).pathname;
  // "return": answer Telegram after 9 s while a slow update (LLM) finishes, instead of
  // letting Telegram redeliver it; the core is idempotent on externalId anyway.
  const handle = webhookCallback(bot, "http", {
    secretToken: options.webhookSecret,
    onTimeout: "return",
    timeoutMilliseconds: 9_000,
  });
  const server = http.createServer((req, res) => {
    const reqPath = (req.url ?? "/").split("?")[0];
    if (req.method === "POST" && reqPath === path) {
      handle(req, res).catch((err: unknown) => {
        logger.error("telegram: webhook update failed", { error: describeError(err) });
        if (!res.headersSent) res.writeHead(500).end();
      });
    } else if (req.method === "GET" && reqPath === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  try {
    await bot.api.setWebhook(url, options.webhookSecret ? { secret_token: options.webhookSecret } : {});
  } catch (err) {
    server.close();
    throw err;
  }
  logger.info(`telegram: webhook on port ${port}, path ${path}`);
  return {
    mode: "webhook",
    port,
    // The webhook stays registered: a restart (or another replica) keeps receiving.
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections(); // keep-alive sockets would hold close() open
      }),
  };
}

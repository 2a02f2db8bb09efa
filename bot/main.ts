/**
 * The main job. With no tokens: the local console chat on embedded defaults (SQLite,
 * offline classifier, local embeddings). With TELEGRAM_BOT_TOKEN, Zalo credentials, a Zalo
 * Official Account or a Zalo Bot token: the same core behind those transports (the Telegram
 * and Zalo webhooks on the web face's Fastify server at HOST:PORT). `--user <id>` picks the
 * console speaker.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { every } from "../lib/periodic.ts";
import { createApp } from "./app.ts";
import { createBot } from "./channels/telegram/create-bot.ts";
import { createSessionStorage } from "./channels/telegram/session-storage.ts";
import { runTelegram, telegramRunOptions, telegramWebhook } from "./channels/telegram/run.ts";
import { isPermanentTelegramError, sendNotification } from "./channels/telegram/notifier.ts";
import { PermanentSendError } from "./petitions/outbox.ts";
import { runConsole } from "./channels/console/console.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { grantRole, resolveRole } from "./petitions/roles.ts";
import { createLogger } from "./logger.ts";
import { formatClockVi, isoDay } from "../lib/time.ts";
import { buildReportXlsx } from "../web/report-xlsx.ts";
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import { startWebServer } from "../web/server.ts";
import { createMediaStore } from "./media/store.ts";
import { startZaloChannels, zaloNeedsHttp, zaloOfficialConfigured } from "./channels/zalo-official.ts";

let args;
try {
  args = parseArgs({
    options: { user: { type: "string", default: "cutri-1" }, console: { type: "boolean", default: false }, echo: { type: "boolean", default: false } },
  }).values;
} catch (err) {
  process.stderr.write(`Lỗi: ${(err as Error).message}\nCách dùng: npm start [-- --user <id>] [--console] [--echo]\n`);
  process.exit(2);
}

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

const interactive = Boolean(process.stdin.isTTY);
// In the console the chat itself is on stdout/stderr: keep logs to warnings unless asked.
const zaloOfficial = zaloOfficialConfigured(config);
const log = createLogger(config.LOG_LEVEL === "info" && !config.TELEGRAM_BOT_TOKEN && !zaloOfficial ? "warn" : config.LOG_LEVEL);
// The console's /cho moves this clock forward; everything else runs on real time.
let clockShift = 0;
const now = () => new Date(Date.now() + clockShift);
const app = await createApp(config, {
  log,
  now,
  reportFile: (db, petitionDeps) => async (period) => ({
    filename: `bao-cao-kien-nghi-${isoDay(period.from)}-${isoDay(new Date(period.to.getTime() - 1))}.xlsx`,
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    data: await buildReportXlsx(db, period, { ...petitionDeps, ward: config.WARD_NAME }),
  }),
});
const stops: Array<() => Promise<void> | void> = [];
// Voters' photos and PDFs, for every channel.
const media = createMediaStore({ dataDir: config.DATA_DIR });

const zaloConfigured = Boolean(config.ZALO_COOKIE || (config.ZALO_CREDENTIALS_FILE && existsSync(config.ZALO_CREDENTIALS_FILE)));
const useConsole = args.console || (!config.TELEGRAM_BOT_TOKEN && !zaloConfigured && !zaloOfficial);

// Telegram in webhook mode: its route goes on the HTTP server below, registered with Telegram once that listens.
let telegramWebhookStart: (() => Promise<void>) | null = null;
let telegramWebhookRoute: FastifyPluginAsync | null = null;
if (config.TELEGRAM_BOT_TOKEN) {
  const bot = createBot(config.TELEGRAM_BOT_TOKEN, {
    core: app.core,
    apiRoot: config.TELEGRAM_API_ROOT,
    sessionStorage: createSessionStorage(app.db),
    logger: log,
    media,
  });
  app.dispatcher.register("telegram", async (n) => {
    try {
      await sendNotification(bot.api, n);
    } catch (err) {
      // 400/403/404 (blocked the bot, chat deleted): retrying cannot help.
      throw isPermanentTelegramError(err) ? new PermanentSendError(String(err), { cause: err }) : err;
    }
  });
  const options = telegramRunOptions(config, log);
  if (options.webhookUrl) {
    telegramWebhookRoute = telegramWebhook(bot, { ...options, webhookUrl: options.webhookUrl });
    telegramWebhookStart = async () => {
      const running = await runTelegram(bot, options);
      stops.push(() => running.stop());
    };
  } else {
    const running = await runTelegram(bot, options);
    stops.push(() => running.stop());
  }
}

if (zaloConfigured) {
  try {
    const { loginZalo, asZaloApi } = await import("./channels/zalo/login.ts");
    const { createZaloTransport } = await import("./channels/zalo/adapter.ts");
    const api = await loginZalo({ credentialsFile: config.ZALO_CREDENTIALS_FILE, cookie: config.ZALO_COOKIE, imei: config.ZALO_IMEI, userAgent: config.ZALO_USER_AGENT, logger: log });
    const zalo = createZaloTransport({ core: app.core, api: asZaloApi(api), logger: log, media });
    app.dispatcher.register("zalo", (n) => zalo.deliver(n));
    zalo.start();
    stops.push(() => zalo.stop());
  } catch (err) {
    // Zalo is an unofficial API: a locked or rate-limited account must not stop the other channels.
    log.error("Zalo không đăng nhập được; bỏ qua kênh Zalo", { err: String(err) });
  }
}

// One HTTP server on HOST:PORT: the web face (staff console, public page, Open311) and the
// chat webhooks (Telegram, the official Zalo channels), registered before it listens.
let zalo: Awaited<ReturnType<typeof startZaloChannels>> | null = null;
const mountChannels =
  telegramWebhookRoute || zaloOfficial
    ? async (server: FastifyInstance) => {
        if (telegramWebhookRoute) await server.register(telegramWebhookRoute);
        if (zaloOfficial) zalo = await startZaloChannels(app, server, config, log, { media });
      }
    : null;
let listening = false;
if (config.WEB_ENABLED) {
  // Open311 partners poll for updates: their notifications are marked sent, not delivered.
  app.dispatcher.register("open311", async () => {});
  const web = await startWebServer(app, config, log, undefined, mountChannels ?? undefined);
  if (web) {
    listening = true;
    stops.push(() => web.close());
    process.stderr.write(`Trang web: cán bộ đăng nhập tại ${web.url}/can-bo/dang-nhap — trang công khai ${web.url}/cong-khai\n`);
  }
} else if (mountChannels) {
  // No web face: a bare server for the webhooks alone.
  const { default: Fastify } = await import("fastify");
  const server = Fastify();
  server.get("/healthz", async () => "ok");
  await mountChannels(server);
  if (telegramWebhookRoute || zaloNeedsHttp(config)) {
    try {
      await server.listen({ port: config.PORT, host: config.HOST });
      listening = true;
      stops.push(() => server.close());
    } catch (err) {
      // A busy port must not stop the other channels.
      log.error(`cannot listen on ${config.HOST}:${config.PORT} (${(err as NodeJS.ErrnoException).code ?? String(err)}); the chat webhooks are off`);
    }
  }
}
if (zaloOfficial) stops.push(() => zalo?.stop());
if (telegramWebhookStart) {
  if (listening) await telegramWebhookStart();
  else log.error(`telegram: webhook mode needs the HTTP server on ${config.HOST}:${config.PORT}, which did not start; no Telegram updates will arrive`);
}

app.dispatcher.start();
const recovered = await app.core.recover();
if (recovered) log.info("re-classifying petitions left unclassified", { count: recovered });
// Messages whose handler died keep its lease (45 s); once it expires nothing else would pick them up.
const sweep = every("*/10 * * * * *", () => app.core.recoverInbound(), (err) => log.error("inbound recovery failed", { err: String(err) }));
stops.push(() => sweep.stop());

if (useConsole) {
  if (interactive) {
    process.stdout.write(
      "Trợ lý HĐND — phiên trò chuyện cục bộ (không cần mạng).\n" +
        "Gõ nội dung như một cử tri. /vai daibieu | canbo | cutri để đổi vai, /user <mã> để đổi người nói, /giup để xem hướng dẫn, /thoat để thoát.\n\n",
    );
  }
  const chat = runConsole({
    core: app.core,
    input: process.stdin,
    output: process.stdout,
    isTTY: interactive,
    defaultUser: args.user!,
    // Scripted sessions: repeat each input line so the output reads as a transcript.
    echo: args.echo,
    now: () => now().getTime(),
    filesDir: path.resolve(config.DATA_DIR, "reports"),
    // A script read from a file: each line's classification and notifications come before the next line.
    async afterLine() {
      await app.core.idle();
      await app.dispatcher.poke();
    },
    async advanceClock(ms) {
      clockShift += ms;
      // What the periodic jobs would have done meanwhile: deferred messages, retries, notifications.
      await app.core.recoverInbound();
      await app.core.idle();
      await app.dispatcher.poke(true);
      return formatClockVi(now());
    },
    setRole: (userId, role) => grantRole(app.db, "console", userId, role, "console /vai"),
    getRole: (userId) => resolveRole(app.db, "console", userId),
    logger: log,
  });
  app.dispatcher.register("console", (n) => chat.deliver(n));
  await chat.done;
  // Let classification finish and its notifications print before leaving.
  await app.core.idle();
  await app.dispatcher.poke();
  await shutdown(0);
} else {
  process.once("SIGINT", () => void shutdown(0));
  process.once("SIGTERM", () => void shutdown(0));
}

async function shutdown(code: number): Promise<never> {
  for (const stop of stops) await stop();
  await app.close();
  process.exit(code);
}

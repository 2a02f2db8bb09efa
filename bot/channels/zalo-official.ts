/**
 * Wiring of the official Zalo channels — the Official Account (webhook) and the Zalo Bot
 * Platform (long polling, or webhook when ZALO_BOT_WEBHOOK_SECRET is set) — onto the
 * application and a Fastify server. Call before the server listens. With no Zalo variables
 * set it does nothing.
 *
 * The OA token pair and the follow/unfollow log live in the application's database
 * (shared by every worker); both are injectable. Without a database (a bare core) the pair
 * is kept in a JSON file in DATA_DIR and the events in memory, fine for one process.
 */
import path from "node:path";
import { existsSync, renameSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { every } from "../../lib/periodic.ts";
import type { Repos } from "../../store/index.ts";
import type { Config } from "../config.ts";
import type { ConversationCore, OutboundNotification } from "../core/types.ts";
import type { OutboxDispatcher } from "../delivery/dispatcher.ts";
import type { Logger } from "../logger.ts";
import { createMediaStore, type MediaStore } from "../media/store.ts";
import { describeError } from "./common.ts";
import type { UndeliverableError } from "./undeliverable.ts";
import { createZaloBotChannel, type ZaloBotChannel, ZALO_BOT_CHANNEL } from "./zalo-bot/channel.ts";
import { createZaloBotClient } from "./zalo-bot/client.ts";
import { startZaloBotPolling, type ZaloBotPolling } from "./zalo-bot/polling.ts";
import { zaloBotWebhook, ZALO_BOT_WEBHOOK_PATH } from "./zalo-bot/webhook.ts";
import { createZaloOaChannel, type ZaloOaChannel, ZALO_OA_CHANNEL } from "./zalo-oa/channel.ts";
import { createZaloOaClient } from "./zalo-oa/client.ts";
import { DbZaloTokenStore } from "./zalo-oa/db-token-store.ts";
import { DbZaloOaEventLog, InMemoryZaloOaEventLog, type ZaloOaEventLog } from "./zalo-oa/event-log.ts";
import { FileZaloTokenStore } from "./zalo-oa/file-token-store.ts";
import { refreshTokens } from "./zalo-oa/oauth.ts";
import { createButtonPayloadSigner } from "./zalo-oa/payload.ts";
import { ZaloTokenManager } from "./zalo-oa/token-manager.ts";
import type { ZaloTokenStore } from "./zalo-oa/token-store.ts";
import { zaloOaWebhook } from "./zalo-oa/webhook.ts";

export interface ZaloChannelsDeps {
  /** Where the OA token pair lives (default: the application's database). */
  tokenStore?: ZaloTokenStore;
  /** Where follow/unfollow/chat-now events are kept (default: the application's database). */
  eventLog?: ZaloOaEventLog;
  media?: MediaStore;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** Public HTTPS base of this server: with it, webhook mode registers …/zalo/bot/webhook by setWebhook. */
  publicBaseUrl?: string;
  /** A notification that can never be delivered (OA window closed, unfollowed, blocked). */
  onUndeliverable?: (n: OutboundNotification, err: UndeliverableError) => void | Promise<void>;
  /** getUpdates long-poll seconds (default 30). */
  botPollTimeoutSeconds?: number;
  /** Cron pattern of the OA token's expiry check (six fields, seconds first; default every 10 min). */
  tokenCheckSchedule?: string;
}

export interface RunningZaloChannels {
  oa: ZaloOaChannel | null;
  bot: ZaloBotChannel | null;
  tokens: ZaloTokenManager | null;
  /** Background work of both channels finished (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** True when an official Zalo channel is configured. */
export function zaloOfficialConfigured(config: Pick<Config, "ZALO_OA_APP_ID" | "ZALO_BOT_TOKEN">): boolean {
  return Boolean(config.ZALO_OA_APP_ID || config.ZALO_BOT_TOKEN);
}

/** True when one of them needs the HTTP server (the OA always; the Bot Platform in webhook mode). */
export function zaloNeedsHttp(config: Pick<Config, "ZALO_OA_APP_ID" | "ZALO_BOT_TOKEN" | "ZALO_BOT_WEBHOOK_SECRET">): boolean {
  return Boolean(config.ZALO_OA_APP_ID || (config.ZALO_BOT_TOKEN && config.ZALO_BOT_WEBHOOK_SECRET));
}

/** The file of the token pair before it moved to the database (one process only). */
export function zaloOaTokenFile(config: Pick<Config, "DATA_DIR">): string {
  return path.join(config.DATA_DIR, "zalo-oa-tokens.json");
}

/**
 * The database-backed token store. A pair a previous version kept in DATA_DIR's JSON file
 * is copied in first when the database holds none: its refresh token is the live one (the
 * one in the environment was spent at the first refresh), and losing it would mean
 * authorising the OA again by hand.
 */
export async function openZaloOaTokenStore(db: Pick<Repos, "credentials">, config: Pick<Config, "DATA_DIR">, key: string, log?: Logger): Promise<DbZaloTokenStore> {
  const store = new DbZaloTokenStore(db);
  const file = zaloOaTokenFile(config);
  if (existsSync(file) && !(await store.read(key))) {
    const legacy = await new FileZaloTokenStore(file).read(key);
    if (legacy && (await store.saveRotated(key, null, legacy))) {
      // Renamed, not deleted: a stale copy must not be imported again into a fresh database.
      renameSync(file, `${file}.moved`);
      log?.info(`zalo-oa: token pair moved from ${file} into the database`);
    }
  }
  return store;
}

export async function startZaloChannels(
  app: { core: ConversationCore; dispatcher: Pick<OutboxDispatcher, "register">; db?: Pick<Repos, "credentials" | "channelEvents"> },
  fastify: FastifyInstance,
  config: Config,
  log: Logger,
  deps: ZaloChannelsDeps = {},
): Promise<RunningZaloChannels> {
  const stops: Array<() => Promise<void> | void> = [];
  const media = deps.media ?? createMediaStore({ dataDir: config.DATA_DIR, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  let oa: ZaloOaChannel | null = null;
  let bot: ZaloBotChannel | null = null;
  let tokens: ZaloTokenManager | null = null;

  if (config.ZALO_OA_APP_ID && config.ZALO_OA_APP_SECRET && config.ZALO_OA_SECRET_KEY) {
    const appId = config.ZALO_OA_APP_ID;
    const appSecret = config.ZALO_OA_APP_SECRET;
    const key = `zalo_oa:${appId}`;
    const store = deps.tokenStore ?? (app.db ? await openZaloOaTokenStore(app.db, config, key, log) : new FileZaloTokenStore(zaloOaTokenFile(config)));
    tokens = new ZaloTokenManager({
      store,
      key,
      refresh: (rt) => refreshTokens({ oauthRoot: config.ZALO_OAUTH_ROOT, appId, appSecret, ...(deps.fetch ? { fetch: deps.fetch } : {}) }, rt),
      log,
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      ...(config.ZALO_OA_REFRESH_TOKEN ? { seed: { accessToken: config.ZALO_OA_ACCESS_TOKEN, refreshToken: config.ZALO_OA_REFRESH_TOKEN } } : {}),
    });
    const client = createZaloOaClient({ apiRoot: config.ZALO_OA_API_ROOT, tokens, log, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.sleep ? { sleep: deps.sleep } : {}) });
    const channel = createZaloOaChannel({
      core: app.core,
      client,
      signer: createButtonPayloadSigner(config.ZALO_OA_SECRET_KEY),
      events: deps.eventLog ?? (app.db ? new DbZaloOaEventLog(app.db, deps.now) : new InMemoryZaloOaEventLog()),
      ward: config.WARD_NAME,
      media,
      log,
      ...(deps.now ? { now: () => deps.now!().getTime() } : {}),
      ...(deps.onUndeliverable ? { onUndeliverable: deps.onUndeliverable } : {}),
    });
    await fastify.register(zaloOaWebhook, { channel, appId, oaSecretKey: config.ZALO_OA_SECRET_KEY, log });
    app.dispatcher.register(ZALO_OA_CHANNEL, (n) => channel.deliver(n));
    // Keep the pair rotating even when nothing is sent: a refresh token unused for 3 months expires.
    const manager = tokens;
    const failed = (err: unknown) => log.error("zalo-oa: token refresh failed", { error: describeError(err) });
    void manager.refreshIfDue().catch(failed);
    const timer = every(deps.tokenCheckSchedule ?? "0 */10 * * * *", () => manager.refreshIfDue(), failed);
    stops.push(() => timer.stop());
    oa = channel;
    log.info("zalo-oa: webhook at POST /zalo/oa/webhook");
  }

  if (config.ZALO_BOT_TOKEN) {
    const client = createZaloBotClient({ token: config.ZALO_BOT_TOKEN, apiRoot: config.ZALO_BOT_API_ROOT, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
    const channel = createZaloBotChannel({ core: app.core, client, media, log, ...(deps.now ? { now: () => deps.now!().getTime() } : {}) });
    app.dispatcher.register(ZALO_BOT_CHANNEL, (n) => channel.deliver(n));
    client.getMe().then(
      (me) => log.info(`zalo-bot: running as ${me.account_name ?? me.id}`),
      (err: unknown) => log.error("zalo-bot: getMe failed; check ZALO_BOT_TOKEN", { error: describeError(err) }),
    );
    if (config.ZALO_BOT_WEBHOOK_SECRET) {
      await fastify.register(zaloBotWebhook, { channel, secret: config.ZALO_BOT_WEBHOOK_SECRET, log });
      if (deps.publicBaseUrl) {
        const url = new URL(ZALO_BOT_WEBHOOK_PATH, deps.publicBaseUrl).toString();
        await client.setWebhook(url, config.ZALO_BOT_WEBHOOK_SECRET).catch((err: unknown) => log.error("zalo-bot: setWebhook failed", { error: describeError(err) }));
      } else {
        log.warn(`zalo-bot: webhook mode; register https://<your domain>${ZALO_BOT_WEBHOOK_PATH} with setWebhook and the same secret`);
      }
    } else {
      // getUpdates does not work while a webhook is set.
      await client.deleteWebhook().catch((err: unknown) => log.warn("zalo-bot: deleteWebhook failed", { error: describeError(err) }));
      const polling: ZaloBotPolling = startZaloBotPolling({
        client,
        onUpdate: (u) => channel.receive(u),
        log,
        ...(deps.botPollTimeoutSeconds ? { timeoutSeconds: deps.botPollTimeoutSeconds } : {}),
      });
      stops.push(() => polling.stop());
    }
    bot = channel;
  }

  return {
    oa,
    bot,
    tokens,
    async idle() {
      await Promise.all([oa?.idle(), bot?.idle()]);
    },
    async stop() {
      for (const stop of stops) await stop();
    },
  };
}

import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../bot/channels/common.ts";
import { startZaloChannels, zaloNeedsHttp, zaloOfficialConfigured } from "../../bot/channels/zalo-official.ts";
import { InMemoryZaloTokenStore } from "../../bot/channels/zalo-oa/token-store.ts";
import { ConfigError, loadConfig } from "../../bot/config.ts";
import type { ConversationCore, OutboundNotification } from "../../bot/core/types.ts";
import { startFakeZaloBot } from "../helpers/fake-zalo-bot.ts";
import { startFakeZaloOa } from "../helpers/fake-zalo-oa.ts";

describe("Zalo configuration", () => {
  it("changes nothing when no Zalo variable is set", () => {
    const config = loadConfig({});
    expect(zaloOfficialConfigured(config)).toBe(false);
    expect(zaloNeedsHttp(config)).toBe(false);
    expect(config.ZALO_OA_API_ROOT).toBe("https://openapi.zalo.me");
    expect(config.ZALO_OAUTH_ROOT).toBe("https://oauth.zaloapp.com");
    expect(config.ZALO_BOT_API_ROOT).toBe("https://bot-api.zaloplatforms.com");
    expect(config.HOST).toBe("127.0.0.1");
  });

  it("requires the app secret and the OA secret key with an OA app id, and an 8–256 character bot webhook secret", () => {
    expect(() => loadConfig({ ZALO_OA_APP_ID: "123" })).toThrow(ConfigError);
    expect(() => loadConfig({ ZALO_OA_APP_ID: "123" })).toThrow(/ZALO_OA_SECRET_KEY/);
    expect(loadConfig({ ZALO_OA_APP_ID: "123", ZALO_OA_APP_SECRET: "s", ZALO_OA_SECRET_KEY: "k" }).ZALO_OA_APP_ID).toBe("123");
    expect(() => loadConfig({ ZALO_BOT_TOKEN: "1:x", ZALO_BOT_WEBHOOK_SECRET: "short" })).toThrow(ConfigError);
    const bot = loadConfig({ ZALO_BOT_TOKEN: "1:x" });
    expect(zaloOfficialConfigured(bot)).toBe(true);
    expect(zaloNeedsHttp(bot)).toBe(false); // long polling needs no server
  });
});

describe("startZaloChannels", () => {
  it("mounts both webhooks on one server without taking JSON parsing from its other routes, and registers both senders", async () => {
    const oa = await startFakeZaloOa();
    const bot = await startFakeZaloBot();
    const server = Fastify();
    server.post("/other", async (req) => ({ echo: req.body }));
    const senders = new Map<string, (n: OutboundNotification) => Promise<void>>();
    const core: ConversationCore = { handle: async () => {} };
    const pair = oa.issuePair();
    const config = loadConfig({
      ZALO_OA_APP_ID: oa.appId,
      ZALO_OA_APP_SECRET: oa.appSecret,
      ZALO_OA_SECRET_KEY: oa.oaSecretKey,
      ZALO_OA_REFRESH_TOKEN: pair.refreshToken,
      ZALO_OA_API_ROOT: oa.apiRoot,
      ZALO_OAUTH_ROOT: oa.oauthRoot,
      ZALO_BOT_TOKEN: bot.token,
      ZALO_BOT_API_ROOT: bot.apiRoot,
      ZALO_BOT_WEBHOOK_SECRET: "webhook-secret-1234",
    });
    const running = await startZaloChannels({ core, dispatcher: { register: (c, s) => void senders.set(c, s) } }, server, config, silentLogger, {
      tokenStore: new InMemoryZaloTokenStore(),
      publicBaseUrl: "https://phuongphucloi.example",
    });
    try {
      expect([...senders.keys()].sort()).toEqual(["zalo_bot", "zalo_oa"]);
      expect(bot.webhook).toEqual({ url: "https://phuongphucloi.example/zalo/bot/webhook", secret: "webhook-secret-1234" });
      const other = await server.inject({ method: "POST", url: "/other", payload: { a: 1 } });
      expect(other.json()).toEqual({ echo: { a: 1 } });
      const unsignedOa = await server.inject({ method: "POST", url: "/zalo/oa/webhook", payload: { event_name: "user_send_text" } });
      expect(unsignedOa.statusCode).toBe(401);
      const unsignedBot = await server.inject({ method: "POST", url: "/zalo/bot/webhook", payload: { event_name: "message.text.received" } });
      expect(unsignedBot.statusCode).toBe(401);
      const signedBot = await server.inject({
        method: "POST",
        url: "/zalo/bot/webhook",
        headers: { "x-bot-api-secret-token": "webhook-secret-1234" },
        payload: { event_name: "message.text.received", message: { message_id: "m1", from: { id: "u1" }, chat: { id: "u1", chat_type: "PRIVATE" }, text: "alo" } },
      });
      expect(signedBot.statusCode).toBe(200);
      // The seeded refresh token was used at start-up (the pair is now known and rotating).
      await new Promise((r) => setImmediate(r));
      await running.tokens!.getAccessToken();
      expect(oa.refreshCalls).toBe(1);
    } finally {
      await running.stop();
      await server.close();
      await oa.close();
      await bot.close();
    }
  });
});

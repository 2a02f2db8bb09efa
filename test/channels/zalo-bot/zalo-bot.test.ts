import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../bot/channels/common.ts";
import { UndeliverableError } from "../../../bot/channels/undeliverable.ts";
import { createZaloBotChannel, type ZaloBotChannel } from "../../../bot/channels/zalo-bot/channel.ts";
import { createZaloBotClient, ZaloBotApiError, type ZaloBotClient } from "../../../bot/channels/zalo-bot/client.ts";
import { startZaloBotPolling } from "../../../bot/channels/zalo-bot/polling.ts";
import { secretsMatch, zaloBotWebhook } from "../../../bot/channels/zalo-bot/webhook.ts";
import type { ConversationCore, IncomingMessage, ReplySink } from "../../../bot/core/types.ts";
import { createMediaStore } from "../../../bot/media/store.ts";
import { startFakeZaloBot, type FakeZaloBot } from "../../helpers/fake-zalo-bot.ts";
import { startFileServer } from "../../helpers/file-server.ts";
import { JPEG_HEAD } from "../../helpers/media-fixtures.ts";

/** A core that stores by externalId (a redelivery is dropped) and answers with `answer`. */
function recordingCore(answer: (msg: IncomingMessage, sink: ReplySink) => Promise<void> = async () => {}) {
  const received: IncomingMessage[] = [];
  const seen = new Set<string>();
  const core: ConversationCore = {
    async handle(msg, sink) {
      if (seen.has(msg.externalId)) return;
      seen.add(msg.externalId);
      received.push(msg);
      await answer(msg, sink);
    },
  };
  return { core, received };
}

let fake: FakeZaloBot;
let client: ZaloBotClient;
beforeEach(async () => {
  fake = await startFakeZaloBot();
  client = createZaloBotClient({ token: fake.token, apiRoot: fake.apiRoot });
});
afterEach(async () => {
  await fake.close();
});

/** Polls until `cond` holds, driving the loop with the fake's short long-poll cap. */
async function until(cond: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setImmediate(r));
  }
}

describe("Zalo Bot client", () => {
  it("reads the bot id from the token and calls getMe", async () => {
    expect(client.botId).toBe("1459232241454765289");
    expect(await client.getMe()).toMatchObject({ id: "1459232241454765289", account_name: "bot.TroLyHDND" });
  });

  it("returns one update per getUpdates, null on the platform's 408, and throws other errors", async () => {
    fake.pushText("u1", "một");
    fake.pushText("u1", "hai");
    expect((await client.getUpdates(1))?.message.text).toBe("một");
    expect((await client.getUpdates(1))?.message.text).toBe("hai");
    expect(await client.getUpdates(1)).toBeNull();
    const bad = createZaloBotClient({ token: "1:wrong", apiRoot: fake.apiRoot });
    await expect(bad.getMe()).rejects.toMatchObject({ errorCode: 401 });
  });

  it("refuses texts over 2,000 characters and short webhook secrets before calling", async () => {
    await expect(client.sendMessage("u1", "x".repeat(2001))).rejects.toBeInstanceOf(RangeError);
    await expect(client.setWebhook("https://x.example/zalo/bot/webhook", "short")).rejects.toBeInstanceOf(RangeError);
  });
});

describe("Zalo Bot channel: long polling", () => {
  it("hands each update to the core, replies split at 2,000 characters, numbered choices answer back", async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Mục ${i + 1}: thông tin chi tiết về nhiệm vụ trong kế hoạch của phường.`).join("\n");
    const { core, received } = recordingCore(async (msg, sink) => {
      if (msg.callbackData) return sink.send({ text: `Đã chọn ${msg.callbackData}` });
      if (msg.text === "dài") return sink.send({ text: long });
      await sink.send({ text: "Xác nhận?", buttons: [[{ label: "Đúng", data: "ok:1" }, { label: "Sai", data: "no:1" }]] });
      await sink.send({ text: "Hoặc chọn lĩnh vực:", buttons: [[{ label: "Môi trường", data: "cat:mt" }]] });
    });
    const channel = createZaloBotChannel({ core, client, log: silentLogger });
    const polling = startZaloBotPolling({ client, onUpdate: (u) => channel.receive(u), log: silentLogger, timeoutSeconds: 1 });
    try {
      fake.pushText("u1", "chào", { name: "Bà Hoa" });
      await until(() => fake.sent.length >= 2);
      expect(received[0]).toMatchObject({ channel: "zalo_bot", chatId: "u1", userId: "u1", displayName: "Bà Hoa", text: "chào", isGroup: false });
      expect(received[0]!.externalId).toMatch(/^zbot:1459232241454765289:[0-9a-f]{20}$/);
      expect(fake.textsTo("u1")).toEqual(["Xác nhận?\n\nTrả lời số:\n1. Đúng\n2. Sai", "Hoặc chọn lĩnh vực:\n\nTrả lời số:\n3. Môi trường"]);

      fake.pushText("u1", "3");
      await until(() => fake.sent.length >= 3);
      expect(received[1]).toMatchObject({ text: "", callbackData: "cat:mt" });

      fake.pushText("u1", "dài");
      await until(() => fake.textsTo("u1").slice(3).join("\n") === long);
      const parts = fake.textsTo("u1").slice(3);
      expect(parts.length).toBe(Math.ceil(long.length / 2000));
      expect(parts.every((p) => p.length <= 2000)).toBe(true);
      expect(parts.join("\n")).toBe(long);
    } finally {
      await polling.stop();
    }
  });

  it("backs off after failures (injected sleep) and stops on a refused token", async () => {
    const sleeps: number[] = [];
    const { core, received } = recordingCore();
    const channel = createZaloBotChannel({ core, client, log: silentLogger });
    fake.failNext("getUpdates", 2, 502, "Bad Gateway");
    fake.pushText("u2", "sau lỗi");
    const polling = startZaloBotPolling({ client, onUpdate: (u) => channel.receive(u), log: silentLogger, timeoutSeconds: 1, sleep: async (ms) => void sleeps.push(ms) });
    await until(() => received.length === 1);
    expect(sleeps).toEqual([1000, 2000]);
    await polling.stop();

    const bad = createZaloBotClient({ token: "1:wrong", apiRoot: fake.apiRoot });
    const stopped = startZaloBotPolling({ client: bad, onUpdate: async () => {}, log: silentLogger, sleep: async () => {} });
    await stopped.done; // ended by itself on 401
  });

  it("keys messages by bot and message id: a redelivered message is stored once, another bot's is not dropped", async () => {
    const { core, received } = recordingCore();
    const channel = createZaloBotChannel({ core, client, log: silentLogger });
    const other = createZaloBotChannel({ core, client: { ...client, botId: "999" }, log: silentLogger });
    const u = fake.pushText("u3", "trùng", { messageId: "m-1" }) as never;
    await channel.receive(u);
    await channel.receive(u);
    await other.receive(u);
    expect(received.map((m) => m.externalId)).toEqual(["zbot:1459232241454765289:m-1", "zbot:999:m-1"]);
  });

  it("downloads photos, passes stickers and unsupported messages on", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zbot-media-"));
    const files = await startFileServer({ "/p.jpg": { body: JPEG_HEAD } });
    try {
      const { core, received } = recordingCore();
      const channel = createZaloBotChannel({ core, client, media: createMediaStore({ dataDir: dir }), log: silentLogger });
      await channel.receive(fake.pushImage("u4", files.url("/p.jpg"), "Nắp cống vỡ") as never);
      await channel.receive(fake.pushSticker("u4", "abc123") as never);
      await channel.receive(fake.pushUnsupported("u4") as never);
      expect(received[0]).toMatchObject({ text: "Nắp cống vỡ", attachments: [{ kind: "photo", ref: files.url("/p.jpg"), mime: "image/jpeg" }] });
      expect(received[0]!.attachments[0]!.path).toMatch(/^media\//);
      expect(received[1]).toMatchObject({ text: "", attachments: [{ kind: "sticker", ref: "abc123" }] });
      expect(received[2]).toMatchObject({ text: "", attachments: [{ kind: "other", ref: "message.unsupported.received" }] });
    } finally {
      await files.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("delivers notifications with numbered choices and photos by URL; a refused chat is undeliverable", async () => {
    const { core } = recordingCore();
    const channel = createZaloBotChannel({ core, client, log: silentLogger });
    await channel.deliver({ id: 1, channel: "zalo_bot", chatId: "u5", text: "Đánh giá kết quả:", buttons: [[{ label: "Hài lòng", data: "rate:5" }]] });
    await channel.sendPhoto("u5", "https://phuong.example/anh.jpg", "Ảnh sau xử lý");
    expect(fake.textsTo("u5")).toEqual(["Đánh giá kết quả:\n\nTrả lời số:\n1. Hài lòng", "[ảnh https://phuong.example/anh.jpg] Ảnh sau xử lý"]);
    fake.failNext("sendMessage", 1, 403, "Forbidden: the user blocked the bot");
    await expect(channel.deliver({ id: 2, channel: "zalo_bot", chatId: "u5", text: "x" })).rejects.toBeInstanceOf(UndeliverableError);
    fake.failNext("sendMessage", 1, 500, "Internal");
    await expect(channel.deliver({ id: 3, channel: "zalo_bot", chatId: "u5", text: "x" })).rejects.toBeInstanceOf(ZaloBotApiError);
  });
});

describe("Zalo Bot channel: webhook", () => {
  let server: FastifyInstance;
  let channel: ZaloBotChannel;
  let received: IncomingMessage[];
  const SECRET = "webhook-secret-1234";

  beforeEach(async () => {
    const rc = recordingCore((msg, sink) => sink.send({ text: `Đã nhận: ${msg.text}` }));
    received = rc.received;
    channel = createZaloBotChannel({ core: rc.core, client, log: silentLogger });
    server = Fastify();
    await server.register(zaloBotWebhook, { channel, secret: SECRET, log: silentLogger });
    await server.listen({ port: 0, host: "127.0.0.1" });
    const addr = server.server.address();
    await client.setWebhook(`http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/zalo/bot/webhook`, SECRET);
  });
  afterEach(async () => {
    await server.close();
  });

  it("takes updates carrying the secret token, refuses others with 401 and stores nothing", async () => {
    const u = fake.pushText("u6", "Cây đổ ở tổ 2", { messageId: "w-1" });
    expect(fake.pending()).toBe(0); // webhook mode: nothing queued for getUpdates
    expect(await fake.deliver(u, "wrong-secret-9999")).toBe(401);
    expect(await fake.deliver(u, null)).toBe(401);
    expect(received).toEqual([]);
    expect(await fake.deliver(u)).toBe(200);
    expect(await fake.deliver(u)).toBe(200); // redelivered: stored once
    expect(received.map((m) => [m.externalId, m.text])).toEqual([["zbot:1459232241454765289:w-1", "Cây đổ ở tổ 2"]]);
    expect(fake.textsTo("u6")).toEqual(["Đã nhận: Cây đổ ở tổ 2"]);
    expect(await fake.deliver({ ok: true, result: fake.pushText("u6", "bọc trong result") })).toBe(200);
    expect(received.at(-1)?.text).toBe("bọc trong result");
    expect(await fake.deliver({ event_name: "message.text.received" })).toBe(200); // signed but unreadable: acknowledged, not stored
    expect(received).toHaveLength(2);
  });

  it("getUpdates does not work while the webhook is set", async () => {
    await expect(client.getUpdates(1)).rejects.toMatchObject({ errorCode: 409 });
  });

  it("compares secrets in constant time whatever their length", () => {
    expect(secretsMatch("abc", "abc")).toBe(true);
    expect(secretsMatch("abc", "abcd")).toBe(false);
    expect(secretsMatch("", "abc")).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HttpError, InputFile, type Bot } from "grammy";
import type { ConversationCore, IncomingMessage, Reply, ReplySink } from "../../bot/core/types.ts";
import { silentLogger } from "../../bot/channels/common.ts";
import type { BotContext, SessionData } from "../../bot/channels/telegram/context.ts";
import { createBot, type CreateBotDeps } from "../../bot/channels/telegram/create-bot.ts";
import { sendNotification } from "../../bot/channels/telegram/notifier.ts";
import { createSessionStorage } from "../../bot/channels/telegram/session-storage.ts";
import { retryTransformer } from "../../bot/channels/telegram/retry-transformer.ts";
import { runTelegram, telegramWebhook, type RunningTelegram } from "../../bot/channels/telegram/run.ts";
import { transportTexts } from "../../bot/channels/text.vi.ts";
import { startFakeTelegram, type FakeTelegram, type RecordedRequest } from "../helpers/fake-telegram.ts";
import { createTestDb } from "../helpers/test-db.ts";
import { startWebTestApp } from "../helpers/web-app.ts";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMediaStore } from "../../bot/media/store.ts";
import { EXE_HEAD, PDF_MINI, PNG_1X1 } from "../helpers/media-fixtures.ts";

type Behaviour = (msg: IncomingMessage, sink: ReplySink) => Promise<void>;

/** A core that records what it gets and answers with `behaviour`. */
function fakeCore(behaviour: Behaviour): ConversationCore & { received: IncomingMessage[] } {
  const received: IncomingMessage[] = [];
  return {
    received,
    async handle(msg, sink) {
      received.push(msg);
      await behaviour(msg, sink);
    },
  };
}

const CONFIRM: Reply = {
  text: "Đã ghi nhận kiến nghị. Ông/Bà xác nhận?",
  buttons: [[{ label: "Xác nhận", data: "ok:1" }], [{ label: "Đổi lĩnh vực", data: "cat:1" }]],
  key: "ack",
};

let fake: FakeTelegram;
let running: RunningTelegram[] = [];

beforeEach(async () => {
  fake = await startFakeTelegram();
});

afterEach(async () => {
  for (const r of running) await r.stop();
  running = [];
  await fake.close();
});

async function startBot(core: ConversationCore, extra: Partial<CreateBotDeps> = {}): Promise<Bot<BotContext>> {
  const bot = createBot("123:TEST", { core, apiRoot: fake.apiRoot, botInfo: fake.botInfo, logger: silentLogger, ...extra });
  running.push(await runTelegram(bot, { logger: silentLogger }));
  return bot;
}

const isSend = (text?: string) => (r: RecordedRequest) =>
  r.method === "sendMessage" && r.status === 200 && (text === undefined || r.body.text === text);

describe("telegram transport", () => {
  it("passes a text message to the core and replies with an inline keyboard", async () => {
    const core = fakeCore((_, sink) => sink.send(CONFIRM));
    await startBot(core);
    fake.pushText("Đường Lê Lợi ngập nước", { userId: 555, chatId: 555, firstName: "Lan" });

    const sent = await fake.waitForRequest(isSend());
    expect(core.received).toHaveLength(1);
    expect(core.received[0]).toMatchObject({
      channel: "telegram",
      externalId: expect.stringMatching(new RegExp(`^tg:${fake.botInfo.id}:m:555:\\d+$`)),
      chatId: "555",
      userId: "555",
      displayName: "Lan",
      text: "Đường Lê Lợi ngập nước",
      callbackData: null,
      attachments: [],
      isGroup: false,
    });
    expect(sent.body).toMatchObject({
      chat_id: 555,
      text: CONFIRM.text,
      reply_markup: {
        inline_keyboard: [[{ text: "Xác nhận", callback_data: "ok:1" }], [{ text: "Đổi lĩnh vực", callback_data: "cat:1" }]],
      },
    });
  });

  it("marks group chats and strips the bot name from commands", async () => {
    const core = fakeCore((_, sink) => sink.send({ text: "ok" }));
    await startBot(core);
    fake.pushText(`/start@${fake.botInfo.username}`, { chatId: -100200, userId: 7, chatType: "supergroup" });
    await fake.waitForRequest(isSend("ok"));
    expect(core.received[0]).toMatchObject({ chatId: "-100200", userId: "7", isGroup: true, text: "/start" });
  });

  it("answers a callback query and gives the core its data", async () => {
    const core = fakeCore(async (msg, sink) => {
      if (msg.callbackData) await sink.send({ text: `Đã chọn ${msg.callbackData}` });
      else await sink.send(CONFIRM);
    });
    await startBot(core);
    fake.pushText("Kiến nghị");
    const first = await fake.waitForRequest(isSend());
    const messageId = (first.response as { message_id: number }).message_id;

    const updateId = fake.pushCallback("ok:1", { messageId });
    await fake.waitForRequest((r) => r.method === "answerCallbackQuery" && r.status === 200);
    await fake.waitForRequest(isSend("Đã chọn ok:1"));
    expect(core.received[1]).toMatchObject({ externalId: `tg:${fake.botInfo.id}:cb:cbq-${updateId}`, callbackData: "ok:1", text: "", chatId: "1001", userId: "1001" });
  });

  it("edits the remembered message for Reply.editKey, and sends anew when editing fails", async () => {
    const core = fakeCore(async (msg, sink) => {
      if (msg.text === "nộp") await sink.send(CONFIRM);
      else if (msg.text === "sửa") await sink.send({ text: "Kiến nghị KN-2026-000001 thuộc lĩnh vực Hạ tầng.", editKey: "ack" });
      else await sink.send({ text: "Không có gì để sửa.", editKey: "missing" });
    });
    await startBot(core);
    fake.pushText("nộp");
    const sent = await fake.waitForRequest(isSend());
    const messageId = (sent.response as { message_id: number }).message_id;

    fake.pushText("sửa");
    const edit = await fake.waitForRequest((r) => r.method === "editMessageText" && r.status === 200);
    expect(edit.body).toMatchObject({ chat_id: 1001, message_id: messageId, text: "Kiến nghị KN-2026-000001 thuộc lĩnh vực Hạ tầng." });
    expect(fake.messages.get(`1001:${messageId}`)).toMatchObject({ text: "Kiến nghị KN-2026-000001 thuộc lĩnh vực Hạ tầng." });

    // Unknown key: nothing to edit, the reply is still delivered.
    fake.pushText("khác");
    await fake.waitForRequest(isSend("Không có gì để sửa."));
  });

  it("falls back to sending when Telegram refuses the edit", async () => {
    const core = fakeCore(async (msg, sink) => {
      if (msg.text === "nộp") await sink.send(CONFIRM);
      else await sink.send({ text: "Đã cập nhật.", editKey: "ack" });
    });
    await startBot(core);
    fake.pushText("nộp");
    const sent = await fake.waitForRequest(isSend());
    fake.messages.delete(`1001:${(sent.response as { message_id: number }).message_id}`); // user deleted it
    fake.pushText("sửa");
    await fake.waitForRequest((r) => r.method === "editMessageText" && r.status === 400);
    await fake.waitForRequest(isSend("Đã cập nhật."));
  });

  it("retries a 429 after retry_after and delivers the reply once", async () => {
    const core = fakeCore((_, sink) => sink.send({ text: "Xin chào" }));
    await startBot(core);
    fake.failNext("sendMessage", 1, { status: 429, retryAfter: 1 });
    const started = Date.now();
    fake.pushText("chào");
    const ok = await fake.waitForRequest(isSend("Xin chào"));
    const attempts = fake.calls("sendMessage");
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(ok.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Give a stray duplicate the chance to show up.
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls("sendMessage").filter((r) => r.status === 200)).toHaveLength(1);
  });

  it("retries 5xx with backoff", async () => {
    const core = fakeCore((_, sink) => sink.send({ text: "Xin chào" }));
    await startBot(core, { retry: { baseDelayMs: 20 } });
    fake.failNext("sendMessage", 2, { status: 502, description: "Bad Gateway" });
    fake.pushText("chào");
    await fake.waitForRequest(isSend("Xin chào"));
    expect(fake.calls("sendMessage").map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it("apologises when the core throws and keeps processing later updates", async () => {
    const core = fakeCore(async (msg, sink) => {
      if (msg.text === "hỏng") throw new Error("boom");
      await sink.send({ text: `Trả lời: ${msg.text}` });
    });
    await startBot(core);
    fake.pushText("hỏng");
    await fake.waitForRequest(isSend(transportTexts.apology));
    fake.pushText("tiếp");
    await fake.waitForRequest(isSend("Trả lời: tiếp"));
    expect(core.received.map((m) => m.text)).toEqual(["hỏng", "tiếp"]);
  });

  it("does not add an apology after a reply was already sent", async () => {
    const core = fakeCore(async (msg, sink) => {
      await sink.send({ text: "Đang xử lý…" });
      if (msg.text === "hỏng") throw new Error("late failure");
    });
    await startBot(core);
    fake.pushText("hỏng");
    fake.pushText("tiếp");
    // Updates are handled in order, so an apology for the first would precede this.
    await fake.waitForRequest(() => fake.calls("sendMessage").length >= 2);
    expect(fake.calls("sendMessage").map((r) => r.body.text)).toEqual(["Đang xử lý…", "Đang xử lý…"]);
  });

  it("sends photos (largest size, caption) and stickers to the core", async () => {
    const core = fakeCore((_, sink) => sink.send({ text: "Đã nhận" }));
    await startBot(core);
    fake.pushPhoto({ caption: "Ổ gà trước nhà số 12", fileIds: ["s", "m", "l"] });
    fake.pushSticker({ fileId: "stk" });
    await fake.waitForRequest(() => fake.calls("sendMessage").length >= 2);
    expect(core.received[0]).toMatchObject({ text: "Ổ gà trước nhà số 12", attachments: [{ kind: "photo", ref: "l" }] });
    expect(core.received[1]).toMatchObject({ text: "", attachments: [{ kind: "sticker", ref: "stk" }] });
  });

  it("downloads photos and PDF documents through getFile into the media store; voice, locations and refused files pass as references", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tg-media-"));
    try {
      const core = fakeCore((_, sink) => sink.send({ text: "Đã nhận" }));
      await startBot(core, { media: createMediaStore({ dataDir: dir }) });
      fake.putFile("big-photo", PNG_1X1);
      fake.putFile("doc-pdf", PDF_MINI);
      fake.putFile("doc-exe", EXE_HEAD);
      fake.pushPhoto({ caption: "Cây đổ chắn đường", fileIds: ["small-photo", "big-photo"] });
      fake.pushDocument({ fileId: "doc-pdf", fileName: "don-kien-nghi.pdf", mimeType: "application/pdf" });
      fake.pushDocument({ fileId: "doc-exe", fileName: "anh.jpg", mimeType: "image/jpeg" });
      fake.pushVoice({ fileId: "voice-7" });
      fake.pushLocation({ latitude: 21.0285, longitude: 105.8542, venue: { title: "Nhà văn hóa tổ 3", address: "ngõ 12 Hoa Lâm" } });
      fake.pushLocation({ latitude: 10.77, longitude: 106.7 });
      await fake.waitForRequest(() => fake.calls("sendMessage").length >= 6);

      const [photo, pdf, exe, voice, venue, pin] = core.received;
      expect(photo).toMatchObject({ text: "Cây đổ chắn đường", attachments: [{ kind: "photo", ref: "big-photo", mime: "image/png", size: PNG_1X1.length }] });
      expect(readFileSync(path.join(dir, photo!.attachments[0]!.path!))).toEqual(PNG_1X1);
      expect(pdf!.attachments[0]).toMatchObject({ kind: "file", ref: "doc-pdf", name: "don-kien-nghi.pdf", mime: "application/pdf" });
      expect(pdf!.attachments[0]!.path).toMatch(/\.pdf$/);
      // An executable named .jpg: refused by its bytes, the file_id alone is kept.
      expect(exe!.attachments[0]).toEqual({ kind: "file", ref: "doc-exe", name: "anh.jpg", size: EXE_HEAD.length, mime: "image/jpeg" });
      expect(voice).toMatchObject({ text: "", attachments: [{ kind: "voice", ref: "voice-7" }] });
      expect(venue).toMatchObject({ attachments: [], location: { latitude: 21.0285, longitude: 105.8542, label: "Nhà văn hóa tổ 3, ngõ 12 Hoa Lâm" } });
      expect(pin).toMatchObject({ location: { latitude: 10.77, longitude: 106.7, label: null } });
      // Voice is never downloaded; the token-bearing file URL is stored nowhere.
      expect(fake.fileDownloads).toEqual(["photos/big-photo.jpg", "photos/doc-pdf.jpg", "photos/doc-exe.jpg"]);
      expect(JSON.stringify(core.received)).not.toContain("123:TEST");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("persists sessions through the store, so editKey works after a restart", async () => {
    const { db, prisma, cleanup } = await createTestDb();
    try {
      const storage = createSessionStorage<SessionData>(db);
      const core = fakeCore(async (msg, sink) => {
        if (msg.text === "nộp") await sink.send(CONFIRM);
        else await sink.send({ text: "Đã phân loại: Môi trường.", editKey: "ack" });
      });
      await startBot(core, { sessionStorage: storage });
      fake.pushText("nộp");
      const sent = await fake.waitForRequest(isSend());
      const messageId = (sent.response as { message_id: number }).message_id;

      // The session is written after the update's middleware finishes.
      let row = null;
      for (let i = 0; i < 50 && !row; i++) {
        row = await prisma.chatSession.findUnique({ where: { key: "telegram:1001" } });
        if (!row) await new Promise((r) => setTimeout(r, 20));
      }
      expect(row).not.toBeNull();
      expect(JSON.parse(row!.value)).toEqual({ messageKeys: { ack: messageId } });

      // A fresh bot (restart) reads the key back from the database.
      for (const r of running) await r.stop();
      running = [];
      await startBot(core, { sessionStorage: createSessionStorage<SessionData>(db) });
      const from = fake.requests.length;
      fake.pushText("sửa");
      const edit = await fake.waitForRequest((r) => r.method === "editMessageText", { from });
      expect(edit.status).toBe(200);
      expect(edit.body).toMatchObject({ message_id: messageId, text: "Đã phân loại: Môi trường." });

      expect(await storage.has?.("1001")).toBe(true);
      // Delete on a key of its own: the bot may still be writing chat 1001's session after the
      // edit it just sent (grammY writes it when the update's middleware ends).
      await storage.write("1002", { messageKeys: { ack: 7 } });
      expect(await storage.read("1002")).toEqual({ messageKeys: { ack: 7 } });
      await storage.delete("1002");
      expect(await storage.read("1002")).toBeUndefined();
      expect(await storage.has?.("1002")).toBe(false);
    } finally {
      await cleanup();
    }
  });

  it("sends outbox notifications with buttons", async () => {
    const bot = createBot("123:TEST", { core: fakeCore(async () => {}), apiRoot: fake.apiRoot, botInfo: fake.botInfo, logger: silentLogger });
    await sendNotification(bot.api, {
      id: 9,
      channel: "telegram",
      chatId: "1001",
      text: "Kiến nghị KN-2026-000001 đã được giải quyết.",
      buttons: [[{ label: "Đánh giá", data: "rate:1" }]],
    });
    const sent = await fake.waitForRequest(isSend());
    expect(sent.body).toMatchObject({ chat_id: "1001", reply_markup: { inline_keyboard: [[{ text: "Đánh giá", callback_data: "rate:1" }]] } });
  });

  it("runs as a webhook on the web face's server, with a secret token", async () => {
    const core = fakeCore((msg, sink) => sink.send({ text: `Nhận: ${msg.text}` }));
    const bot = createBot("123:TEST", { core, apiRoot: fake.apiRoot, botInfo: fake.botInfo, logger: silentLogger });
    const options = { webhookUrl: "https://bot.example.vn/tg/hook", webhookSecret: "s3cret", logger: silentLogger };
    const web = await startWebTestApp();
    try {
      // Mounted next to the console and the public page, before the server listens.
      await web.app.register(telegramWebhook(bot, options));
      const address = await web.app.listen({ host: "127.0.0.1", port: 0 });
      const hook = await runTelegram(bot, options);
      running.push(hook);
      expect(hook.mode).toBe("webhook");
      expect(fake.webhook).toEqual({ url: "https://bot.example.vn/tg/hook", secret_token: "s3cret" });

      const update = {
        update_id: 77,
        message: { message_id: 1, date: 1, chat: { id: 5, type: "private", first_name: "A" }, from: { id: 5, is_bot: false, first_name: "A" }, text: "xin chào" },
      };
      const post = (secret: string | null) =>
        fetch(`${address}/tg/hook`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }) },
          body: JSON.stringify(update),
        });
      expect((await post("wrong")).status).toBe(401);
      expect((await post(null)).status).toBe(401);
      expect(core.received).toHaveLength(0);
      expect((await post("s3cret")).status).toBe(200);
      await fake.waitForRequest(isSend("Nhận: xin chào"));
      expect(core.received[0]).toMatchObject({ externalId: `tg:${fake.botInfo.id}:m:5:1`, chatId: "5" });
      // The web face and the health check answer on the same port.
      expect((await fetch(`${address}/healthz`)).status).toBe(200);
      expect((await fetch(`${address}/cong-khai`)).status).toBe(200);
    } finally {
      await web.cleanup();
    }
  });

  it("records multipart uploads in the fake server", async () => {
    const bot = createBot("123:TEST", { core: fakeCore(async () => {}), apiRoot: fake.apiRoot, botInfo: fake.botInfo, logger: silentLogger });
    await bot.api.sendPhoto(1001, new InputFile(Buffer.from("png-bytes"), "anh.png"), { caption: "Ảnh minh hoạ" });
    const req = await fake.waitForRequest((r) => r.method === "sendPhoto");
    expect(req.status).toBe(200);
    expect(req.body).toMatchObject({ chat_id: "1001", caption: "Ảnh minh hoạ" });
    expect(Object.values(req.body)).toContainEqual({ filename: "anh.png", size: 9 });
  });
});

describe("retryTransformer", () => {
  type Res = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };
  /** Calls the transformer with a scripted `prev`; returns the result and the sleeps it asked for. */
  async function drive(script: Array<Res | Error>, method = "sendMessage", opts = {}) {
    const sleeps: number[] = [];
    let calls = 0;
    const t = retryTransformer({ sleep: async (ms) => void sleeps.push(ms), baseDelayMs: 100, ...opts });
    const prev = (async () => {
      const step = script[Math.min(calls++, script.length - 1)]!;
      if (step instanceof Error) throw step;
      return step;
    }) as never;
    const result = await (t as (...a: unknown[]) => Promise<Res>)(prev, method, {}, undefined).catch((e: unknown) => e);
    return { result, sleeps, calls };
  }
  const tooMany = (s: number): Res => ({ ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: s } });
  const ok: Res = { ok: true, result: true };

  it("waits retry_after seconds on 429", async () => {
    const r = await drive([tooMany(3), ok]);
    expect(r.result).toEqual(ok);
    expect(r.sleeps).toEqual([3000]);
  });

  it("gives up after maxRetries and returns the last error", async () => {
    const r = await drive([{ ok: false, error_code: 500, description: "boom" }], "sendMessage", { maxRetries: 2 });
    expect(r.calls).toBe(3);
    expect(r.result).toMatchObject({ ok: false, error_code: 500 });
    expect(r.sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(r.sleeps[1]).toBeGreaterThanOrEqual(100);
  });

  it("does not wait on a 429 that asks for more than maxRetryAfterSeconds, nor retry 4xx", async () => {
    expect((await drive([tooMany(3600), ok])).calls).toBe(1);
    expect((await drive([{ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }, ok])).calls).toBe(1);
  });

  it("retries network errors but not other exceptions, and leaves getUpdates to grammY", async () => {
    const net = await drive([new HttpError("Network request failed", new Error("ECONNRESET")), ok]);
    expect(net.result).toEqual(ok);
    expect(net.calls).toBe(2);
    const other = await drive([new TypeError("bug"), ok]);
    expect(other.result).toBeInstanceOf(TypeError);
    expect((await drive([tooMany(1), ok], "getUpdates")).calls).toBe(1);
  });
});

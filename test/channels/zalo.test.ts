import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationCore, IncomingMessage, ReplySink } from "../../bot/core/types.ts";
import type { Logger } from "../../bot/channels/common.ts";
import { transportTexts } from "../../bot/channels/text.vi.ts";
import { createZaloTransport, type ZaloApi, type ZaloMessage, type ZaloTransport } from "../../bot/channels/zalo/adapter.ts";
import { GroupMessage, ThreadType, UserMessage } from "../../bot/channels/zalo/zca.ts";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createMediaStore } from "../../bot/media/store.ts";
import { startFileServer } from "../helpers/file-server.ts";
import { EXE_HEAD, JPEG_HEAD, PDF_MINI } from "../helpers/media-fixtures.ts";

const OWN_ID = "900";

/** zca-js's Listener as the transport sees it: an EventEmitter with start/stop. */
class FakeListener extends EventEmitter {
  starts = 0;
  stops = 0;
  active = false;
  autoConnect = true;
  start(_opts?: { retryOnClose?: boolean }) {
    if (this.active) throw new Error("Already started");
    this.active = true;
    this.starts++;
    if (this.autoConnect) setImmediate(() => this.emit("connected"));
  }
  stop() {
    if (!this.active) return;
    this.active = false;
    this.stops++;
    // Like the real socket: "closed" arrives later, from onclose.
    setImmediate(() => this.emit("closed", 1000, ""));
  }
  /** The server drops the socket. */
  drop(code: number) {
    this.active = false;
    this.emit("closed", code, "");
  }
}

function fakeApi() {
  const listener = new FakeListener();
  const sent: { content: unknown; threadId: string; type: unknown }[] = [];
  let failSends = 0;
  const api: ZaloApi = {
    listener,
    async sendMessage(content, threadId, type) {
      if (failSends > 0) {
        failSends--;
        throw new Error("Zalo API error: rate limited");
      }
      sent.push({ content, threadId, type });
      return { message: { msgId: sent.length }, attachment: [] };
    },
    getOwnId: () => OWN_ID,
  };
  return { api, listener, sent, failNextSends: (n: number) => (failSends = n) };
}

function recordingLogger() {
  const lines: { level: string; msg: string }[] = [];
  const log = (level: string) => (msg: string) => void lines.push({ level, msg });
  const logger: Logger = { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
  return { logger, lines };
}

function fakeCore(behaviour: (msg: IncomingMessage, sink: ReplySink) => Promise<void>) {
  const received: IncomingMessage[] = [];
  const core: ConversationCore = {
    async handle(msg, sink) {
      received.push(msg);
      await behaviour(msg, sink);
    },
  };
  return { core, received };
}

let msgSeq = 1;
/** A direct message as zca-js builds it ("0" as uidFrom means sent by this account). */
function userMessage(uidFrom: string, content: unknown, extra: Record<string, unknown> = {}): ZaloMessage {
  const data = { msgId: String(msgSeq++), cliMsgId: "c", msgType: "webchat", uidFrom, idTo: uidFrom === "0" ? "111" : "0", dName: "Cử tri A", ts: String(Date.now()), content, ...extra };
  return new UserMessage(OWN_ID, data as never) as unknown as ZaloMessage;
}
function groupMessage(uidFrom: string, groupId: string, content: string, mentions?: unknown[]): ZaloMessage {
  const data = { msgId: String(msgSeq++), msgType: "webchat", uidFrom, idTo: groupId, dName: "Cán bộ B", content, mentions };
  return new GroupMessage(OWN_ID, data as never) as unknown as ZaloMessage;
}

const tick = () => new Promise((r) => setImmediate(r));
const waitFor = async (cond: () => boolean, ms = 2_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
};

let transport: ZaloTransport | undefined;
afterEach(() => transport?.stop());

describe("zalo transport", () => {
  it("passes text to the core and replies to the same thread", async () => {
    const z = fakeApi();
    const { core, received } = fakeCore((msg, sink) => sink.send({ text: `Đã nhận: ${msg.text}` }));
    transport = createZaloTransport({ core, api: z.api, logger: recordingLogger().logger });
    transport.start();
    const m = userMessage("111", "Đèn đường tổ 5 bị hỏng");
    z.listener.emit("message", m);
    await transport.idle();

    expect(received[0]).toMatchObject({
      channel: "zalo",
      externalId: `zalo:${OWN_ID}:${m.data.msgId}`,
      chatId: "111",
      userId: "111",
      displayName: "Cử tri A",
      text: "Đèn đường tổ 5 bị hỏng",
      callbackData: null,
      isGroup: false,
    });
    expect(z.sent).toEqual([{ content: { msg: "Đã nhận: Đèn đường tổ 5 bị hỏng" }, threadId: "111", type: ThreadType.User }]);
  });

  it("renders buttons as numbered choices and maps a numeric answer back to the button", async () => {
    const z = fakeApi();
    const { core, received } = fakeCore(async (msg, sink) => {
      if (msg.callbackData) return sink.send({ text: `Chọn ${msg.callbackData}` });
      await sink.send({ text: "Xác nhận kiến nghị?", buttons: [[{ label: "Xác nhận", data: "ok:1" }], [{ label: "Đổi lĩnh vực", data: "cat:1" }]] });
      await sink.send({ text: "(Mẹo: trả lời bằng số)" }); // a follow-up must not forget the choices
    });
    transport = createZaloTransport({ core, api: z.api });
    transport.start();
    z.listener.emit("message", userMessage("111", "Rác tồn đọng"));
    await transport.idle();
    expect((z.sent[0]!.content as { msg: string }).msg).toBe("Xác nhận kiến nghị?\n\nTrả lời số:\n1. Xác nhận\n2. Đổi lĩnh vực");

    z.listener.emit("message", userMessage("111", " 2 "));
    await transport.idle();
    expect(received[1]).toMatchObject({ text: "", callbackData: "cat:1" });
    expect((z.sent.at(-1)!.content as { msg: string }).msg).toBe("Chọn cat:1");

    // The reply to "2" had no buttons: a later "1" is ordinary text again.
    z.listener.emit("message", userMessage("111", "1"));
    await transport.idle();
    expect(received[2]).toMatchObject({ text: "1", callbackData: null });

    // Choices are per thread: another voter's "1" is plain text.
    z.listener.emit("message", userMessage("222", "1"));
    await transport.idle();
    expect(received[3]).toMatchObject({ chatId: "222", text: "1", callbackData: null });
  });

  it("ignores messages sent by the account itself", async () => {
    const z = fakeApi();
    const { core, received } = fakeCore((_, sink) => sink.send({ text: "x" }));
    transport = createZaloTransport({ core, api: z.api });
    transport.start();
    const self = userMessage("0", "tin tự gửi");
    expect(self.isSelf).toBe(true);
    z.listener.emit("message", self);
    z.listener.emit("message", userMessage(OWN_ID, "cũng là mình"));
    await transport.idle();
    expect(received).toHaveLength(0);
    expect(z.sent).toHaveLength(0);
  });

  it("passes photos, files, voice, stickers and locations on; photos and PDFs are downloaded", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "zalo-media-"));
    const files = await startFileServer({ "/abc.jpg": { body: JPEG_HEAD }, "/hd.jpg": { body: JPEG_HEAD }, "/bien-ban.pdf": { body: PDF_MINI }, "/x.exe": { body: EXE_HEAD } });
    try {
      const z = fakeApi();
      const { core, received } = fakeCore((_, sink) => sink.send({ text: "ok" }));
      transport = createZaloTransport({ core, api: z.api, media: createMediaStore({ dataDir: dir }) });
      transport.start();
      const photo = { title: "Cống bị tắc", href: files.url("/abc.jpg"), thumb: "t", params: JSON.stringify({ hd: files.url("/hd.jpg") }) };
      z.listener.emit("message", userMessage("111", photo, { msgType: "chat.photo" }));
      z.listener.emit("message", userMessage("111", { title: "bien-ban.pdf", href: files.url("/bien-ban.pdf"), params: JSON.stringify({ fileSize: PDF_MINI.length }) }, { msgType: "share.file" }));
      z.listener.emit("message", userMessage("111", { title: "setup.exe", href: files.url("/x.exe") }, { msgType: "share.file" }));
      z.listener.emit("message", userMessage("111", { href: "https://voice.zalo.me/a.aac", params: JSON.stringify({ m4a: "https://voice.zalo.me/a.m4a" }) }, { msgType: "chat.voice" }));
      z.listener.emit("message", userMessage("111", { id: 5, catId: 1 }, { msgType: "chat.sticker" }));
      z.listener.emit("message", userMessage("111", { title: "Ngõ 12 Hoa Lâm", params: JSON.stringify({ latitude: 21.0451, longitude: 105.9123 }) }, { msgType: "chat.location.new" }));
      await transport.idle();

      expect(received).toHaveLength(6);
      expect(received[0]).toMatchObject({ text: "Cống bị tắc", attachments: [{ kind: "photo", ref: files.url("/hd.jpg"), mime: "image/jpeg" }] });
      expect(received[0]!.attachments[0]!.path).toMatch(/^media\/\d{4}\/\d{2}\/[0-9a-f]{64}\.jpg$/);
      expect(files.hits).toContain("/hd.jpg"); // the HD copy, not the preview
      expect(received[1]!.attachments[0]).toMatchObject({ kind: "file", name: "bien-ban.pdf", mime: "application/pdf", size: PDF_MINI.length });
      expect(received[2]!.attachments[0]).toEqual({ kind: "file", ref: files.url("/x.exe"), url: files.url("/x.exe"), name: "setup.exe" }); // refused: reference only
      expect(received[3]).toMatchObject({ text: "", attachments: [{ kind: "voice", ref: "https://voice.zalo.me/a.m4a" }] });
      expect(received[4]).toMatchObject({ text: "", attachments: [{ kind: "sticker", ref: "zalo-sticker:1:5" }] });
      expect(received[5]).toMatchObject({ text: "", attachments: [], location: { latitude: 21.0451, longitude: 105.9123, label: "Ngõ 12 Hoa Lâm" } });
    } finally {
      await files.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("numbers the choices of every reply in a turn uniquely (five cards do not all start at 1)", async () => {
    const z = fakeApi();
    const { core, received } = fakeCore(async (msg, sink) => {
      if (msg.callbackData) return sink.send({ text: `Chọn ${msg.callbackData}` });
      for (const code of ["KN-1", "KN-2", "KN-3"]) {
        await sink.send({ text: `Kiến nghị ${code}`, buttons: [[{ label: "Xác nhận", data: `ok:${code}` }, { label: "Giao đơn vị", data: `unit:${code}` }]] });
      }
    });
    transport = createZaloTransport({ core, api: z.api });
    transport.start();
    z.listener.emit("message", userMessage("777", "/hangdoi"));
    await transport.idle();
    const texts = z.sent.map((x) => (x.content as { msg: string }).msg);
    expect(texts).toEqual([
      "Kiến nghị KN-1\n\nTrả lời số:\n1. Xác nhận\n2. Giao đơn vị",
      "Kiến nghị KN-2\n\nTrả lời số:\n3. Xác nhận\n4. Giao đơn vị",
      "Kiến nghị KN-3\n\nTrả lời số:\n5. Xác nhận\n6. Giao đơn vị",
    ]);
    z.listener.emit("message", userMessage("777", "4"));
    await transport.idle();
    expect(received.at(-1)).toMatchObject({ callbackData: "unit:KN-2" });
  });

  it("keys messages by the account too: two accounts on one store both get a group message with the same msgId", async () => {
    const a = fakeApi();
    const b = fakeApi();
    b.api.getOwnId = () => "901";
    const seen = new Set<string>();
    const ids: string[] = [];
    // A core that drops redeliveries by externalId, like the real one.
    const core: ConversationCore = {
      async handle(msg, sink) {
        ids.push(msg.externalId);
        if (seen.has(msg.externalId)) return;
        seen.add(msg.externalId);
        await sink.send({ text: "đã nhận" });
      },
    };
    transport = createZaloTransport({ core, api: a.api, groups: "all" });
    const second = createZaloTransport({ core, api: b.api, groups: "all" });
    transport.start();
    second.start();
    try {
      const data = { msgId: "5550001", msgType: "webchat", uidFrom: "333", idTo: "g1", dName: "Cử tri", content: "cột điện nghiêng ở tổ 4" };
      a.listener.emit("message", new GroupMessage(OWN_ID, { ...data } as never) as unknown as ZaloMessage);
      b.listener.emit("message", new GroupMessage("901", { ...data } as never) as unknown as ZaloMessage);
      await transport.idle();
      await second.idle();
      expect(ids).toEqual(["zalo:900:5550001", "zalo:901:5550001"]);
      expect(a.sent).toHaveLength(1);
      expect(b.sent).toHaveLength(1);
    } finally {
      second.stop();
    }
  });

  it("answers in groups only when mentioned, without the mention text", async () => {
    const z = fakeApi();
    const { core, received } = fakeCore((_, sink) => sink.send({ text: "ok" }));
    transport = createZaloTransport({ core, api: z.api });
    transport.start();
    z.listener.emit("message", groupMessage("333", "g1", "chuyện riêng của nhóm"));
    z.listener.emit("message", groupMessage("333", "g1", "@Trợ lý danh sách kiến nghị quá hạn", [{ uid: OWN_ID, pos: 0, len: 7, type: 0 }]));
    await transport.idle();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ chatId: "g1", userId: "333", isGroup: true, text: "danh sách kiến nghị quá hạn" });
    expect(z.sent[0]).toMatchObject({ threadId: "g1", type: ThreadType.Group });
  });

  it("restarts the listener when it closes with 1006 (and any other code)", async () => {
    const z = fakeApi();
    const { core } = fakeCore(async () => {});
    const log = recordingLogger();
    transport = createZaloTransport({ core, api: z.api, logger: log.logger, restartDelayMs: 10, watchdogMs: 60_000 });
    transport.start();
    expect(z.listener.starts).toBe(1);
    await tick();

    z.listener.drop(1006);
    await waitFor(() => z.listener.starts === 2);
    z.listener.drop(3000);
    await waitFor(() => z.listener.starts === 3);
    expect(transport.restarts).toBe(2);
    expect(log.lines.some((l) => l.level === "warn" && l.msg.includes("3000"))).toBe(true);

    // Messages still flow after a restart.
    z.listener.emit("message", userMessage("111", "còn đó không?"));
    await transport.idle();
  });

  it("restarts a silent listener, waiting for the old socket to close first", async () => {
    const z = fakeApi();
    const { core } = fakeCore(async () => {});
    transport = createZaloTransport({ core, api: z.api, logger: recordingLogger().logger, restartDelayMs: 5, watchdogMs: 40 });
    transport.start();
    await waitFor(() => z.listener.starts >= 2);
    expect(z.listener.stops).toBeGreaterThanOrEqual(1);
    transport.stop();
    const starts = z.listener.starts;
    await new Promise((r) => setTimeout(r, 100));
    expect(z.listener.starts).toBe(starts); // stop() ends the watchdog too
  });

  it("keeps retrying and warns that the account may be locked when it never connects", async () => {
    const z = fakeApi();
    z.listener.autoConnect = false;
    const { core } = fakeCore(async () => {});
    const log = recordingLogger();
    transport = createZaloTransport({ core, api: z.api, logger: log.logger, restartDelayMs: 1, maxRestartDelayMs: 2, watchdogMs: 5, closeGraceMs: 5 });
    transport.start();
    await waitFor(() => log.lines.some((l) => l.level === "error" && l.msg.includes("rate-limited")));
    expect(z.listener.starts).toBeGreaterThan(3);
  });

  it("apologises when the core fails and survives a failing send", async () => {
    const z = fakeApi();
    const log = recordingLogger();
    const { core, received } = fakeCore(async (msg, sink) => {
      if (msg.text === "hỏng") throw new Error("boom");
      await sink.send({ text: "ok" });
    });
    transport = createZaloTransport({ core, api: z.api, logger: log.logger });
    transport.start();
    z.listener.emit("message", userMessage("111", "hỏng"));
    await transport.idle();
    expect(z.sent.at(-1)).toMatchObject({ content: { msg: transportTexts.apology } });

    z.failNextSends(1);
    z.listener.emit("message", userMessage("111", "gửi lỗi"));
    z.listener.emit("message", userMessage("111", "tiếp"));
    await transport.idle();
    expect(received.map((m) => m.text)).toEqual(["hỏng", "gửi lỗi", "tiếp"]);
    expect(log.lines.some((l) => l.level === "error" && l.msg.includes("rate-limited or locked"))).toBe(true);
  });

  it("delivers outbox notifications with numbered choices that answer back", async () => {
    const z = fakeApi();
    const { core, received } = fakeCore(async () => {});
    transport = createZaloTransport({ core, api: z.api });
    transport.start();
    await transport.deliver({ id: 1, channel: "zalo", chatId: "111", text: "Kiến nghị đã giải quyết.", buttons: [[{ label: "Hài lòng", data: "rate:5" }]] });
    expect(z.sent[0]).toMatchObject({ threadId: "111", content: { msg: "Kiến nghị đã giải quyết.\n\nTrả lời số:\n1. Hài lòng" } });
    z.listener.emit("message", userMessage("111", "1"));
    await transport.idle();
    expect(received[0]).toMatchObject({ callbackData: "rate:5" });
  });
});

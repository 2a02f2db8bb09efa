import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationCore, IncomingMessage, ReplySink } from "../../bot/core/types.ts";
import type { Logger } from "../../bot/channels/common.ts";
import { transportTexts } from "../../bot/channels/text.vi.ts";
import { createZaloTransport, type ZaloApi, type ZaloMessage, type ZaloTransport } from "../../bot/channels/zalo/adapter.ts";
import { GroupMessage, ThreadType, UserMessage } from "../../bot/channels/zalo/zca.ts";

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
      externalId: `zalo:${m.data.msgId}`,
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

  it("takes photos as URL attachments and skips other non-text content", async () => {
    const z = fakeApi();
    const { core, received } = fakeCore((_, sink) => sink.send({ text: "ok" }));
    transport = createZaloTransport({ core, api: z.api });
    transport.start();
    z.listener.emit("message", userMessage("111", { title: "Cống bị tắc", href: "https://photo.zalo.me/abc.jpg", thumb: "t" }, { msgType: "chat.photo" }));
    z.listener.emit("message", userMessage("111", { id: 5, catId: 1 }, { msgType: "chat.sticker" }));
    await transport.idle();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ text: "Cống bị tắc", attachments: [{ kind: "photo", ref: "https://photo.zalo.me/abc.jpg" }] });
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

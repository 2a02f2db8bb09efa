import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ConversationCore, IncomingMessage, ReplySink, Role } from "../../bot/core/types.ts";
import { runConsole, type ConsoleOptions } from "../../bot/channels/console/console.ts";

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

/** Runs a non-TTY console over `lines` and returns everything it printed. */
async function session(lines: string[], opts: Partial<ConsoleOptions> & Pick<ConsoleOptions, "core">) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (c: Buffer) => (text += c.toString("utf8")));
  const channel = runConsole({ input, output, isTTY: false, defaultUser: "0901", runId: "r1", ...opts });
  input.end(lines.map((l) => `${l}\n`).join(""));
  await channel.done;
  return { text, channel };
}

const echoCore = () =>
  fakeCore(async (msg, sink) => {
    if (msg.callbackData) return sink.send({ text: `Bấm ${msg.callbackData}` });
    if (msg.text === "nộp") return sink.send({ text: "Xác nhận?", buttons: [[{ label: "Xác nhận", data: "ok:1" }, { label: "Đổi lĩnh vực", data: "cat:1" }]] });
    await sink.send({ text: `Đáp: ${msg.text}` });
  });

describe("console channel (non-TTY)", () => {
  it("reads one message per line and prints each reply as plain text", async () => {
    const { core, received } = echoCore();
    const { text } = await session(["xin chào", "", "# ghi chú bị bỏ qua", "đèn đường hỏng"], { core });
    expect(text).toBe("🤖 Đáp: xin chào\n🤖 Đáp: đèn đường hỏng\n");
    expect(text).not.toMatch(/\x1b\[/);
    expect(received.map((m) => [m.externalId, m.chatId, m.userId, m.channel])).toEqual([
      ["console:r1:1", "0901", "0901", "console"],
      ["console:r1:2", "0901", "0901", "console"],
    ]);
  });

  it("switches speaker with /user and role with /vai or /role", async () => {
    const { core, received } = echoCore();
    const grants: [string, Role][] = [];
    const { text } = await session(["/user 0902", "/vai canbo", "danh sách", "/role delegate", "/vai xyz"], {
      core,
      setRole: (u, r) => void grants.push([u, r]),
    });
    expect(grants).toEqual([["0902", "staff"], ["0902", "delegate"]]);
    expect(received).toHaveLength(1); // console commands never reach the core
    expect(received[0]).toMatchObject({ userId: "0902", chatId: "0902", text: "danh sách" });
    expect(text).toContain("Đang nói với tư cách cử tri 0902.");
    expect(text).toContain("Đã đặt vai cán bộ cho 0902.");
    expect(text).toContain("Đã đặt vai đại biểu cho 0902.");
    expect(text).toContain("Vai không hợp lệ");
  });

  it("refuses /vai without a role setter", async () => {
    const { core } = echoCore();
    const { text } = await session(["/vai quantri"], { core });
    expect(text).toContain("không hỗ trợ đổi vai");
  });

  it("prints buttons as numbered choices and /1 or #2 presses them", async () => {
    const { core, received } = echoCore();
    const { text } = await session(["nộp", "/2", "#1", "nộp", "#1", "/7"], { core });
    expect(text).toContain("🤖 Xác nhận?\n   [1] Xác nhận  [2] Đổi lĩnh vực\n");
    expect(received.map((m) => m.callbackData)).toEqual([null, "cat:1", null, "ok:1"]);
    expect(received[1]!.text).toBe("");
    // After "Bấm cat:1" (no buttons), "#1" has nothing to press.
    expect(text).toContain("Câu trả lời gần nhất không có nút số 1.");
    expect(text).toContain("không có nút số 7.");
  });

  it("stops at /thoat and ignores the rest", async () => {
    const { core, received } = echoCore();
    const { text } = await session(["một", "/thoat", "hai"], { core });
    expect(received.map((m) => m.text)).toEqual(["một"]);
    expect(text.trim().endsWith("Tạm biệt.")).toBe(true);
  });

  it("apologises when the core throws and goes on", async () => {
    const { core, received } = fakeCore(async (msg, sink) => {
      if (msg.text === "hỏng") throw new Error("boom");
      await sink.send({ text: "ok" });
    });
    const { text } = await session(["hỏng", "tiếp"], { core });
    expect(received).toHaveLength(2);
    expect(text).toBe("🤖 Xin lỗi, hệ thống đang gặp sự cố, vui lòng thử lại sau.\n🤖 ok\n");
  });

  it("prints notifications for console users, and their buttons can be pressed", async () => {
    const { core, received } = echoCore();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (c: Buffer) => (text += c.toString("utf8")));
    const channel = runConsole({ core, input, output, isTTY: false, defaultUser: "0901", runId: "r2" });
    await channel.deliver({ id: 3, channel: "console", chatId: "0901", text: "Kiến nghị KN-2026-000001 đã được giải quyết.", buttons: [[{ label: "Hài lòng", data: "rate:5" }]] });
    await channel.deliver({ id: 4, channel: "console", chatId: "0902", text: "Có kiến nghị mới cần duyệt." });
    input.end("/1\n");
    await channel.done;
    expect(text).toContain("🔔 [tới 0901] Kiến nghị KN-2026-000001 đã được giải quyết.\n   [1] Hài lòng\n");
    expect(text).toContain("🔔 [tới 0902] Có kiến nghị mới cần duyệt.\n");
    expect(received[0]).toMatchObject({ callbackData: "rate:5", externalId: "console:r2:1" });
  });

  it("makes externalIds unique across runs", async () => {
    const a = echoCore();
    const b = echoCore();
    const input1 = new PassThrough();
    const input2 = new PassThrough();
    const c1 = runConsole({ core: a.core, input: input1, output: new PassThrough(), isTTY: false, defaultUser: "u" });
    const c2 = runConsole({ core: b.core, input: input2, output: new PassThrough(), isTTY: false, defaultUser: "u" });
    input1.end("x\n");
    input2.end("x\n");
    await Promise.all([c1.done, c2.done]);
    expect(a.received[0]!.externalId).not.toBe(b.received[0]!.externalId);
  });

  it("shows the role and user in the interactive prompt", async () => {
    const { core } = echoCore();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (c: Buffer) => (text += c.toString("utf8")));
    const channel = runConsole({ core, input, output, isTTY: true, defaultUser: "0901", setRole: () => {} });
    input.write("/vai daibieu\n");
    await new Promise((r) => setTimeout(r, 50));
    input.end("/thoat\n");
    await channel.done;
    const plain = text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
    expect(plain).toContain("[cử tri:0901] > ");
    expect(plain).toContain("[đại biểu:0901] > ");
  });
});

/**
 * A whole local-console session with the real application, typed line by line as a
 * person would (each line after the previous one and its notifications were printed):
 * a voter files a petition and gives the place when asked, checks on it; a staff member
 * assigns it by buttons and resolves it; the voter gets the notification and rates it;
 * a delegate asks what is due this quarter. Assertions are on the printed transcript.
 */
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsole, type ConsoleChannel } from "../../bot/channels/console/console.ts";
import { grantRole, resolveRole } from "../../bot/core/roles.ts";
import type { ConversationCore } from "../../bot/core/types.ts";
import { sleep, startIntegrationApp, waitUntil, type IntegrationApp } from "../helpers/integration-app.ts";

/** 10 May 2026, 10:00 in Hà Nội, moving with real time: "quý này" is Quý II/2026. */
const START = new Date("2026-05-10T03:00:00.000Z").getTime();
const t0 = Date.now();
const clock = () => new Date(START + (Date.now() - t0));

const CODE_RE = /KN-\d{4}-\d{6}/;

let env: IntegrationApp;
let chat: ConsoleChannel;
let input: PassThrough;
let transcript = "";
let inflight = 0;

beforeAll(async () => {
  env = await startIntegrationApp({ now: clock });
  const { app } = env;
  input = new PassThrough();
  const output = new PassThrough();
  output.on("data", (c: Buffer) => (transcript += c.toString("utf8")));
  const core: ConversationCore = {
    async handle(msg, sink) {
      inflight++;
      try {
        await app.core.handle(msg, sink);
      } finally {
        inflight--;
      }
    },
  };
  chat = runConsole({
    core,
    input,
    output,
    isTTY: false,
    echo: true,
    runId: "it",
    defaultUser: "0901",
    setRole: (userId, role) => grantRole(app.db, "console", userId, role, "console /vai"),
    getRole: (userId) => resolveRole(app.db, "console", userId),
    logger: env.log,
  });
  app.dispatcher.register("console", (n) => chat.deliver(n));
});

afterAll(async () => {
  input?.end();
  await chat?.done;
  await env?.cleanup();
});

/**
 * Types one line and waits until it was handled, its background classification finished
 * and every notification it caused was printed — a person reads before typing on.
 */
async function type(line: string): Promise<string> {
  const mark = transcript.length;
  input.write(`${line}\n`);
  const echo = `> ${line}\n`;
  await waitUntil(() => transcript.indexOf(echo, mark) >= 0, 5_000, `the echo of ${JSON.stringify(line)}`);
  const afterEcho = transcript.indexOf(echo, mark) + echo.length;
  await waitUntil(() => transcript.length > afterEcho && inflight === 0, 5_000, `an answer to ${JSON.stringify(line)}`);
  await env.app.core.idle();
  await env.app.dispatcher.poke();
  await sleep(10);
  return transcript.slice(mark);
}

/** Each needle appears after the previous one. */
function expectInOrder(text: string, needles: (string | RegExp)[]): void {
  let at = 0;
  for (const n of needles) {
    const rest = text.slice(at);
    const m = typeof n === "string" ? { index: rest.indexOf(n), len: n.length } : (() => {
      const r = n.exec(rest);
      return { index: r ? r.index : -1, len: r ? r[0].length : 0 };
    })();
    expect(m.index, `${String(n)} after offset ${at} in:\n${text.slice(at, at + 400)}`).toBeGreaterThanOrEqual(0);
    at += m.index + m.len;
  }
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe("console session with the real core", () => {
  it("voter → staff → voter → delegate, as typed by people", async () => {

    // The voter files a petition without a place; the bot asks once for it.
    const filed = await type("Cống thoát nước bị tắc, cứ mưa to là nước tràn vào nhà dân, đề nghị nạo vét");
    const code = CODE_RE.exec(filed)?.[0] ?? "";
    expect(code).toBe("KN-2026-000001");
    expect(filed).toContain(`🤖 Đã tiếp nhận kiến nghị của Ông/Bà. Mã theo dõi: ${code}.`);
    expect(count(filed, "vui lòng cho biết địa điểm cụ thể")).toBe(1);

    const place = await type("ngõ 12 phố Hoa Lâm, tổ dân phố 5");
    expect(place).toContain(`🤖 Đã ghi nhận địa điểm “ngõ 12 phố Hoa Lâm, tổ dân phố 5” cho kiến nghị ${code}.`);
    expect((await env.prisma.petition.findUniqueOrThrow({ where: { code } })).location).toBe("ngõ 12 phố Hoa Lâm, tổ dân phố 5");

    const status = await type("kiến nghị của tôi thế nào rồi?");
    expectInOrder(status, [`🤖 Kiến nghị ${code}: `, "Lĩnh vực: ", "Lịch sử:", "Đã tiếp nhận"]);
    expect(status).not.toContain("vui lòng cho biết địa điểm");

    // A staff member: a new speaker who takes the staff role.
    expect(await type("/user canbo1")).toContain("Đang nói với tư cách cử tri canbo1.");
    expect(await type("/vai canbo")).toContain("Đã đặt vai cán bộ cho canbo1.");
    const queue = await type("/hangdoi");
    expectInOrder(queue, [
      "🤖 Có 1 kiến nghị chờ xem xét",
      `🤖 Kiến nghị ${code}\n`,
      "Địa điểm: ngõ 12 phố Hoa Lâm, tổ dân phố 5",
      "[1] ✅ Xác nhận  [2] ✏️ Đổi lĩnh vực  [3] 🏢 Giao đơn vị  [4] ⛔ Không tiếp nhận  [5] 🔁 Trùng",
    ]);
    const units = await type("/3");
    expectInOrder(units, [`🤖 Chọn đơn vị xử lý ${code}:`, "[1] Văn phòng HĐND và UBND phường  [2] Phòng Kinh tế – Hạ tầng và Đô thị"]);
    // The voter's notification and the staff member's confirmation are both printed;
    // which comes first is not fixed (the outbox is drained as soon as the change commits).
    const assigned = await type("/2");
    expect(assigned).toContain(`🤖 Đã cập nhật: ${code} — giao Phòng Kinh tế – Hạ tầng và Đô thị.`);
    expect(assigned).toContain(`🔔 [tới 0901] Kiến nghị ${code} đã được chuyển đến Phòng Kinh tế – Hạ tầng và Đô thị để xử lý. Hạn xử lý: 25/05/2026.`);
    const progress = await type(`/capnhat ${code} dang_xu_ly Đang nạo vét`);
    expect(progress).toContain(`🤖 Đã cập nhật: ${code} → Đang xử lý (Đang nạo vét). Cử tri sẽ được thông báo.`);
    expect(progress).toContain(`🔔 [tới 0901] Kiến nghị ${code} đang được Phòng Kinh tế – Hạ tầng và Đô thị xử lý. Ghi chú: Đang nạo vét`);
    const resolved = await type(`/capnhat ${code} da_giai_quyet Đã nạo vét xong ngày 24/11`);
    expect(resolved).toContain(`🤖 Đã cập nhật: ${code} → Đã giải quyết (Đã nạo vét xong ngày 24/11).`);
    expectInOrder(resolved, [
      `🔔 [tới 0901] Kiến nghị ${code} đã được giải quyết. Kết quả: Đã nạo vét xong ngày 24/11`,
      "đánh giá mức độ hài lòng từ 1 (không hài lòng) đến 5 (rất hài lòng)",
      "\n   [1] 1  [2] 2  [3] 3  [4] 4  [5] 5\n",
    ]);
    // Product bug (petitions.vi.ts, resolved): the staff note runs into the next sentence
    // ("…nạo vét xong Ông/Bà vui lòng…"). Soft, so the rest of the session is still checked.
    expect.soft(resolved, "a full stop after the result note").toContain("Kết quả: Đã nạo vét xong ngày 24/11. Ông/Bà vui lòng đánh giá");

    // Back to the voter, who rates with the notification's buttons.
    expect(await type("/user 0901")).toContain("Đang nói với tư cách cử tri 0901.");
    const rated = await type("/4");
    expect(rated).toContain("🤖 Cảm ơn Ông/Bà đã đánh giá. Ý kiến của Ông/Bà giúp chính quyền phục vụ tốt hơn.");
    const after = await type("kiến nghị của tôi thế nào rồi?");
    expectInOrder(after, [`🤖 Kiến nghị ${code}: Đã hoàn tất.`, "Đơn vị xử lý: Phòng Kinh tế – Hạ tầng và Đô thị.", "Đánh giá của Ông/Bà: 4/5."]);

    // A delegate asks what is due this quarter.
    expect(await type("/user daibieu1")).toContain("Đang nói với tư cách cử tri daibieu1.");
    expect(await type("/vai daibieu")).toContain("Đã đặt vai đại biểu cho daibieu1.");
    const due = await type("quý này có những việc gì?");
    expect(due).toMatch(/🤖 Có \d+ nhiệm vụ đến hạn trong Quý II\/2026/);
    expect(due).toContain("Nguồn:");
    const shortcut = await type("/viecquynay");
    expect(shortcut).toMatch(/🤖 Có \d+ nhiệm vụ đến hạn trong Quý II\/2026 của Phúc Lợi:/);

    expect(await type("/thoat")).toContain("Tạm biệt.");
    await chat.done;

    // The whole transcript reads in order, each notification printed once, nothing refused.
    expectInOrder(transcript, [
      "[cử tri:0901] > Cống thoát nước bị tắc",
      `Mã theo dõi: ${code}`,
      "[cử tri:0901] > ngõ 12 phố Hoa Lâm, tổ dân phố 5",
      "[cử tri:0901] > kiến nghị của tôi thế nào rồi?",
      "[cán bộ:canbo1] > /hangdoi",
      "[cán bộ:canbo1] > /3",
      "[cán bộ:canbo1] > /2",
      `[cán bộ:canbo1] > /capnhat ${code} da_giai_quyet Đã nạo vét xong ngày 24/11`,
      `🔔 [tới 0901] Kiến nghị ${code} đã được giải quyết.`,
      "[cử tri:0901] > /4",
      "Cảm ơn Ông/Bà đã đánh giá.",
      "[đại biểu:daibieu1] > quý này có những việc gì?",
      "Quý II/2026",
    ]);
    expect(count(transcript, `🔔 [tới 0901] Kiến nghị ${code} đã được giải quyết.`)).toBe(1);
    expect(count(transcript, "vui lòng cho biết địa điểm cụ thể")).toBe(1);
    expect(transcript).not.toMatch(/chỉ dành cho|không có quyền|sự cố|không có nút số|Lệnh không có trong danh sách/);

    const p = await env.prisma.petition.findUniqueOrThrow({ where: { code }, include: { ratings: true, unit: true } });
    expect(p).toMatchObject({ status: "closed", channel: "console", chatId: "0901" });
    expect(p.unit?.code).toBe("phong_kt_ht_dt");
    expect(p.ratings.map((r) => r.score)).toEqual([4]);
    expect(env.log.errors()).toEqual([]);
  }, 45_000);
});

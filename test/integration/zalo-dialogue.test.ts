/**
 * End to end over Zalo: the real application behind createZaloTransport, with a fake
 * zca-js API whose listener emits zca-js's own UserMessage objects. Zalo has no buttons:
 * replies and outbox notifications list numbered choices, and a reply "4" is mapped back
 * to the button's data by the transport.
 */
import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZaloTransport, type ZaloApi, type ZaloMessage, type ZaloTransport } from "../../bot/channels/zalo/adapter.ts";
import { ThreadType, UserMessage } from "../../bot/channels/zalo/zca.ts";
import { grantRole } from "../../bot/core/roles.ts";
import type { ConversationCore, IncomingMessage } from "../../bot/core/types.ts";
import { startIntegrationApp, type IntegrationApp } from "../helpers/integration-app.ts";

const OWN_ID = "900";
const VOTER = "5551";
const STAFF = "7771";
const CODE_RE = /KN-\d{4}-\d{6}/;

/** 10 May 2026, 10:00 in Hà Nội, moving with real time. */
const START = new Date("2026-05-10T03:00:00.000Z").getTime();
const t0 = Date.now();
const clock = () => new Date(START + (Date.now() - t0));

/** zca-js's Listener as the transport sees it. */
class FakeListener extends EventEmitter {
  active = false;
  start() {
    if (this.active) throw new Error("Already started");
    this.active = true;
    setImmediate(() => this.emit("connected"));
  }
  stop() {
    if (!this.active) return;
    this.active = false;
    setImmediate(() => this.emit("closed", 1000, ""));
  }
}

interface Sent {
  threadId: string;
  text: string;
  type: unknown;
}

const listener = new FakeListener();
const sent: Sent[] = [];
const api: ZaloApi = {
  listener,
  async sendMessage(content, threadId, type) {
    sent.push({ threadId, text: typeof content === "string" ? content : content.msg, type });
    return { message: { msgId: sent.length }, attachment: [] };
  },
  getOwnId: () => OWN_ID,
};

let msgSeq = 1;
/** A direct message from `uidFrom`, built by zca-js's own class. */
function userMessage(uidFrom: string, content: string, dName = "Cử tri"): ZaloMessage {
  const data = { msgId: String(10_000 + msgSeq++), cliMsgId: "c", msgType: "webchat", uidFrom, idTo: "0", dName, ts: String(Date.now()), content };
  return new UserMessage(OWN_ID, data as never) as unknown as ZaloMessage;
}

let env: IntegrationApp;
let transport: ZaloTransport;
const received: IncomingMessage[] = [];

beforeAll(async () => {
  env = await startIntegrationApp({ now: clock });
  const core: ConversationCore = {
    handle(msg, sink) {
      received.push(msg);
      return env.app.core.handle(msg, sink);
    },
  };
  transport = createZaloTransport({ core, api, logger: env.log });
  // As in main.ts.
  env.app.dispatcher.register("zalo", (n) => transport.deliver(n));
  transport.start();
  await grantRole(env.app.db, "zalo", STAFF, "staff", "test");
});

afterAll(async () => {
  transport?.stop();
  await env?.cleanup();
});

/** Sends `text` from `uid`, waits for the reply, background work and notifications; returns what was sent since. */
async function say(uid: string, text: string, dName?: string): Promise<Sent[]> {
  const from = sent.length;
  listener.emit("message", userMessage(uid, text, dName));
  await transport.idle();
  await env.app.core.idle();
  await env.app.dispatcher.poke();
  return sent.slice(from);
}

const to = (xs: Sent[], thread: string) => xs.filter((s) => s.threadId === thread).map((s) => s.text);

describe("Zalo dialogue with the real core", () => {
  it("a voter files, staff resolve by numbered choices and /capnhat, the voter rates with “4”", async () => {
    const db = env.prisma;

    // The voter files a petition.
    const filed = await say(VOTER, "Rác thải tập kết ở đầu ngõ 3 phố Hoa Lâm, tổ dân phố 8 nhiều ngày không thu gom, bốc mùi hôi thối", "Cô Hoa");
    const ack = to(filed, VOTER);
    const code = CODE_RE.exec(ack[0] ?? "")?.[0] ?? "";
    expect(code).toMatch(/^KN-2026-\d{6}$/);
    expect(ack[0]).toContain(`Mã theo dõi: ${code}`);
    expect(filed.every((s) => s.type === ThreadType.User)).toBe(true);
    // The classification notice came through the outbox and deliver().
    expect(ack.some((t) => t.startsWith(`Kiến nghị ${code} đã được xếp vào lĩnh vực`))).toBe(true);
    const p0 = await db.petition.findUniqueOrThrow({ where: { code } });
    expect(p0).toMatchObject({ channel: "zalo", chatId: VOTER, status: "classified" });

    // Staff (granted on Zalo) review: the card's choices are numbered; "3" = Giao đơn vị, then "2" = the unit.
    const queue = to(await say(STAFF, "/hangdoi", "Cán bộ Văn phòng"), STAFF);
    const card = queue.find((t) => t.startsWith(`Kiến nghị ${code}\n`)) ?? "";
    expect(card).toContain("Trả lời số:\n1. ✅ Xác nhận\n2. ✏️ Đổi lĩnh vực\n3. 🏢 Giao đơn vị\n4. ⛔ Không tiếp nhận\n5. 🔁 Trùng");
    const units = to(await say(STAFF, "3"), STAFF);
    expect(received.at(-1)).toMatchObject({ userId: STAFF, text: "", callbackData: `rv:unit:${code}` });
    expect(units[0]).toContain(`Chọn đơn vị xử lý ${code}:`);
    expect(units[0]).toContain("2. Phòng Kinh tế – Hạ tầng và Đô thị");
    const assigned = await say(STAFF, "2");
    expect(received.at(-1)).toMatchObject({ callbackData: `rv:su:${code}:phong_kt_ht_dt` });
    expect(to(assigned, STAFF)).toContain(`Đã cập nhật: ${code} — giao Phòng Kinh tế – Hạ tầng và Đô thị.`);
    expect(to(assigned, VOTER).some((t) => t.startsWith(`Kiến nghị ${code} đã được chuyển đến Phòng Kinh tế – Hạ tầng và Đô thị`))).toBe(true);

    // /capnhat … dang_xu_ly, then … da_giai_quyet.
    const progress = await say(STAFF, `/capnhat ${code} dang_xu_ly Đã liên hệ công ty môi trường`);
    expect(to(progress, STAFF)[0]).toContain(`${code} → Đang xử lý`);
    expect(to(progress, VOTER)).toEqual([`Kiến nghị ${code} đang được Phòng Kinh tế – Hạ tầng và Đô thị xử lý. Ghi chú: Đã liên hệ công ty môi trường.`]);
    const resolved = await say(STAFF, `/capnhat ${code} da_giai_quyet Đã thu gom và khử mùi ngày 24/11`);
    expect(to(resolved, STAFF)[0]).toContain(`${code} → Đã giải quyết`);
    const notice = to(resolved, VOTER);
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatch(new RegExp(`^Kiến nghị ${code} đã được giải quyết\\. Kết quả: Đã thu gom và khử mùi ngày 24/11`));
    expect(notice[0]).toMatch(/\n\nTrả lời số:\n1\. 1\n2\. 2\n3\. 3\n4\. 4\n5\. 5$/);

    // The voter answers "4": the transport maps it to the rating button.
    const rated = await say(VOTER, "4");
    expect(received.at(-1)).toMatchObject({ userId: VOTER, chatId: VOTER, text: "", callbackData: `rate:${code}:4` });
    expect(to(rated, VOTER)).toEqual(["Cảm ơn Ông/Bà đã đánh giá. Ý kiến của Ông/Bà giúp chính quyền phục vụ tốt hơn."]);
    const p = await db.petition.findUniqueOrThrow({ where: { code }, include: { ratings: true } });
    expect(p.status).toBe("closed");
    expect(p.ratings.map((r) => r.score)).toEqual([4]);

    // The choices are spent: a later "4" is plain text again, not a second rating.
    const again = await say(VOTER, "4");
    expect(received.at(-1)).toMatchObject({ text: "4", callbackData: null });
    expect(to(again, VOTER).join("\n")).not.toContain("Cảm ơn Ông/Bà đã đánh giá");
    expect(await db.rating.count({ where: { petitionId: p.id } })).toBe(1);

    // Every outbox row for Zalo went out.
    expect(await db.outbox.count({ where: { channel: "zalo", status: { not: "sent" } } })).toBe(0);
    expect(env.log.errors()).toEqual([]);
  });

  it("another Zalo user cannot rate or update the voter's petition", async () => {
    const db = env.prisma;
    const code = (await db.petition.findFirstOrThrow({ where: { channel: "zalo", chatId: VOTER } })).code;
    const before = await db.petitionStatusChange.count();
    const stranger = "6661";
    expect(to(await say(stranger, `/capnhat ${code} dang_xu_ly mở lại`), stranger)[0]).toMatch(/chỉ dành cho|không có quyền/);
    expect(to(await say(stranger, `/trangthai ${code}`), stranger)[0]).toMatch(/Không tìm thấy kiến nghị/);
    expect(await db.petitionStatusChange.count()).toBe(before);
    expect((await db.petition.findUniqueOrThrow({ where: { code } })).status).toBe("closed");
  });
});

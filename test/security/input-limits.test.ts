/**
 * Hostile or odd input at the conversation core and the Telegram transport: over-long
 * messages, floods from one user (with an injected clock), empty/emoji/sticker messages,
 * and petition text that looks like HTML, Markdown or SQL — filed verbatim and echoed as
 * plain text (no parse_mode ever reaches the Bot API, so nothing is interpreted).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "grammy";
import type { BotContext, SessionData } from "../../bot/channels/telegram/context.ts";
import { createBot } from "../../bot/channels/telegram/create-bot.ts";
import { sendNotification } from "../../bot/channels/telegram/notifier.ts";
import { createSessionStorage } from "../../bot/channels/telegram/session-storage.ts";
import { runTelegram, type RunningTelegram } from "../../bot/channels/telegram/run.ts";
import type { ConversationCore } from "../../bot/core/types.ts";
import { conversationTexts as T } from "../../bot/text/conversation.vi.ts";
import { helpText } from "../../bot/core/commands.ts";
import { ROLE_LABEL } from "../../bot/core/roles.ts";
import { startFakeTelegram, type FakeTelegram, type RecordedRequest } from "../helpers/fake-telegram.ts";
import { waitUntil } from "../helpers/integration-app.ts";
import { grant, press, say, settle, startSecApp, type SecApp, type SecUser } from "../helpers/security-harness.ts";

const CODE_RE = /KN-\d{4}-\d{6}/;

let sec: SecApp;

beforeAll(async () => {
  // Default limits: MAX_MESSAGE_LENGTH 2000, 12 messages per 60 s.
  sec = await startSecApp();
});

afterAll(async () => {
  await sec?.cleanup();
});

async function petitionsOf(userId: string) {
  return sec.prisma.petition.findMany({ where: { voter: { externalId: userId } }, orderBy: { id: "asc" } });
}

async function inboundOf(userId: string) {
  return sec.prisma.inboundMessage.findMany({ where: { userId }, orderBy: { id: "asc" } });
}

// ------------------------------------------------------------------ length

describe("message length", () => {
  it("over MAX_MESSAGE_LENGTH: a polite Vietnamese reply, the message is stored whole, no petition", async () => {
    const user: SecUser = { id: "il-long" };
    const max = sec.config.MAX_MESSAGE_LENGTH;
    expect(max).toBe(2000);
    let text = "";
    for (let i = 0; text.length <= max; i++) text += `Đèn đường ngõ 12 phố Hoa Lâm bị hỏng ${i} tuần nay, đề nghị sửa. `;
    text = text.trim();
    expect(text.length).toBeGreaterThan(max);
    const t = await say(sec, user, text);
    expect(t.texts).toEqual([T.tooLong(max)]);
    expect(t.texts[0]).toContain("Tin nhắn đã được lưu lại");
    const rows = await inboundOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toBe(text); // nothing lost, not truncated
    await settle(sec);
    expect(await petitionsOf(user.id)).toEqual([]);
  });

  it("a huge message (200 000 characters) and an over-long command are refused the same way", async () => {
    const user: SecUser = { id: "il-huge" };
    const huge = "Cống ngõ 3 bị tắc. ".repeat(10_600).trim();
    expect(huge.length).toBeGreaterThan(200_000);
    const a = await say(sec, user, huge);
    const b = await say(sec, user, `/trangthai ${"x".repeat(3000)}`);
    expect(a.texts).toEqual([T.tooLong(2000)]);
    expect(b.texts).toEqual([T.tooLong(2000)]);
    expect((await inboundOf(user.id)).map((r) => r.text.length)).toEqual([huge.length, 3011]);
    expect(await petitionsOf(user.id)).toEqual([]);
  });

  it("a petition of exactly MAX_MESSAGE_LENGTH characters is filed (the limit is inclusive)", async () => {
    const user: SecUser = { id: "il-edge" };
    let text = "Đèn đường ngõ 14 phố Hoa Lâm bị hỏng đã lâu, buổi tối đi lại rất nguy hiểm cho người già và trẻ nhỏ.";
    while (text.length < 2000) text += " Đề nghị phường sớm cho sửa chữa.";
    text = text.slice(0, 1999) + "!";
    expect(text.length).toBe(2000);
    const t = await say(sec, user, text);
    expect(t.texts[0]).toMatch(CODE_RE);
    const [p] = await petitionsOf(user.id);
    expect(p?.originalText).toBe(text);
  });
});

// ------------------------------------------------------------------ flood

describe("flood from one user", () => {
  it("over the limit: one truthful reply, every message kept and handled once the window has room", async () => {
    const user: SecUser = { id: "il-flood" };
    const bystander: SecUser = { id: "il-bystander" };
    const max = sec.config.RATE_LIMIT_MESSAGES;
    const windowMs = sec.config.RATE_LIMIT_WINDOW_SECONDS * 1000;
    expect(max).toBe(12);
    // Different places: each is a petition of its own, not a piece of the one before.
    const petition = (i: number) => `Đèn đường ngõ ${200 + i} phố Hoa Lâm bị hỏng, đề nghị sửa (lần ${i}).`;

    const replies: string[][] = [];
    for (let i = 1; i <= max + 8; i++) replies.push((await say(sec, user, petition(i))).texts);

    // The first `max` are served (each acknowledged with its code).
    for (let i = 0; i < max; i++) expect(replies[i]![0], `message ${i + 1}`).toMatch(CODE_RE);
    // The next one is told, once, that its messages are kept and will be handled; the rest wait silently.
    expect(replies[max]).toHaveLength(1);
    expect(replies[max]![0]).toMatch(/đã được lưu lại và sẽ được xử lý lần lượt/);
    for (let i = max + 1; i < replies.length; i++) expect(replies[i], `message ${i + 1}`).toEqual([]);

    // Every message is stored verbatim; so far only the served ones became petitions.
    const rows = await inboundOf(user.id);
    expect(rows.map((r) => r.text)).toEqual(Array.from({ length: max + 8 }, (_, i) => petition(i + 1)));
    await settle(sec);
    expect((await petitionsOf(user.id)).map((p) => p.originalText)).toEqual(Array.from({ length: max }, (_, i) => petition(i + 1)));

    // Someone else is not slowed down by it.
    const other = await say(sec, bystander, "/giup");
    expect(other.texts).toEqual([helpText("voter")]);

    // Still inside the window: nothing is handled yet, and nothing is dropped.
    sec.clock.advance(windowMs / 2);
    expect(await sec.app.core.recoverInbound()).toBe(0);
    expect((await say(sec, user, "/giup")).texts).toEqual([]);

    // Once the window has room, the periodic sweep handles the kept messages, in order,
    // acknowledging each through the outbox: no petition is lost.
    sec.clock.advance(windowMs + 2000);
    expect(await sec.app.core.recoverInbound()).toBe(9);
    await settle(sec);
    const filed = await petitionsOf(user.id);
    expect(filed.map((p) => p.originalText)).toEqual(Array.from({ length: max + 8 }, (_, i) => petition(i + 1)));
    const acks = await sec.prisma.outbox.findMany({ where: { dedupeKey: { startsWith: "reply:" } } });
    expect(acks.filter((a) => a.text.includes("Mã theo dõi"))).toHaveLength(8);
    expect((await inboundOf(user.id)).every((r) => r.status === "processed")).toBe(true);
  });

  it("a parallel flood (webhook mode hands updates over concurrently) is limited the same way", async () => {
    const user: SecUser = { id: "il-parallel" };
    const results = await Promise.all(Array.from({ length: 30 }, () => say(sec, user, "/giup")));
    const texts = results.flatMap((r) => r.texts);
    expect(texts.filter((t) => t === helpText("voter"))).toHaveLength(12);
    expect(texts.filter((t) => /sẽ được xử lý lần lượt/.test(t))).toHaveLength(1);
    expect(texts).toHaveLength(13);
    expect(await inboundOf(user.id)).toHaveLength(30);
    // Every arrival was counted (none lost to a concurrent write of the session).
    const row = await sec.prisma.chatSession.findUniqueOrThrow({ where: { key: `core:telegram:${user.id}` } });
    expect((JSON.parse(row.value) as { recent: number[] }).recent).toHaveLength(30);
    sec.clock.advance(61_000 * 2);
    await sec.app.core.recoverInbound();
    await settle(sec);
  });

  it("button presses count too: a flood of forged staff buttons does not reach the handler", async () => {
    const user: SecUser = { id: "il-button-flood" };
    const texts: string[][] = [];
    for (let i = 0; i < 30; i++) texts.push((await press(sec, user, `rv:ok:KN-2026-00000${i % 9}`)).texts);
    const flat = texts.flat();
    expect(flat.filter((t) => /sẽ được xử lý lần lượt/.test(t))).toHaveLength(1);
    expect(flat.filter((t) => t === T.needsRole(ROLE_LABEL.staff))).toHaveLength(12);
    expect(flat).toHaveLength(13);
    // Handled later, the forged presses are refused the same way and change nothing.
    sec.clock.advance(61_000 * 2);
    await sec.app.core.recoverInbound();
    await settle(sec);
    expect(await sec.prisma.labelCorrection.count()).toBe(0);
  });
});

// ------------------------------------------------------------------ no text

describe("messages without text", () => {
  const cases: Array<{ name: string; text: string; attachments?: Array<{ kind: "photo" | "file" | "sticker" | "other"; ref: string }>; reply: string }> = [
    { name: "empty", text: "", reply: T.empty },
    { name: "whitespace only", text: "  \n\t  ", reply: T.empty },
    { name: "emoji only", text: "😀😀👍🏻🙏", reply: T.stickerOnly },
    { name: "punctuation only", text: "?!... ---", reply: T.stickerOnly },
    { name: "zero-width characters only", text: "\u200b\u200c\u200d", reply: T.stickerOnly },
    { name: "sticker", text: "", attachments: [{ kind: "sticker", ref: "sticker-file-id" }], reply: T.stickerOnly },
    { name: "voice note", text: "", attachments: [{ kind: "other", ref: "voice-file-id" }], reply: T.stickerOnly },
  ];
  for (const c of cases) {
    it(`${c.name}: the guide text, no petition`, async () => {
      const user: SecUser = { id: `il-empty-${c.name.replace(/\W+/g, "-")}` };
      const t = await say(sec, user, c.text, c.attachments);
      expect(t.texts).toEqual([c.reply]);
      await settle(sec);
      expect(await petitionsOf(user.id)).toEqual([]);
      const rows = await inboundOf(user.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.text).toBe(c.text);
    });
  }
});

// ------------------------------------------------------------------ markup and SQL in the core

const MARKUP = [
  "Đèn đường ngõ 12 phố Hoa Lâm hỏng <b>x</b> <script>alert(1)</script> &amp; &lt;",
  "Cống thoát nước ngõ 7 phố Hoa Lâm bị tắc *bold* _it_ [link](http://x) `code` ~~s~~ ||spoiler||",
  "Rác thải tập kết bừa bãi đầu ngõ 9 phố Hoa Lâm '); DROP TABLE Petition;-- \" OR 1=1 --",
];

describe("markup- and SQL-looking petition text", () => {
  for (const [i, text] of MARKUP.entries()) {
    it(`is filed verbatim (${i + 1})`, async () => {
      const user: SecUser = { id: `il-markup-${i}` };
      const t = await say(sec, user, text);
      expect(t.texts[0]).toMatch(CODE_RE);
      await settle(sec);
      const [p] = await petitionsOf(user.id);
      expect(p?.originalText).toBe(text);
      const [inbound] = await inboundOf(user.id);
      expect(inbound?.text).toBe(text);
      // The tables are all still there.
      expect(await sec.prisma.petition.count()).toBeGreaterThan(0);
      expect(await sec.prisma.inboundMessage.count()).toBeGreaterThan(0);
    });
  }
});

// ------------------------------------------------------------------ through Telegram: plain text only

describe("Telegram transport sends plain text (no parse_mode), so echoed input is never interpreted", () => {
  const VOTER = 7101;
  const STAFF = 7202;
  let fake: FakeTelegram;
  let bot: Bot<BotContext>;
  let running: RunningTelegram | undefined;
  let inflight = 0;
  /** Its own application, so the review queue holds only this test's petition. */
  let tg: SecApp;

  beforeAll(async () => {
    tg = await startSecApp();
    fake = await startFakeTelegram();
    const core: ConversationCore = {
      async handle(msg, sink) {
        inflight++;
        try {
          await tg.app.core.handle(msg, sink);
        } finally {
          inflight--;
        }
      },
    };
    bot = createBot("123:TEST", { core, apiRoot: fake.apiRoot, botInfo: fake.botInfo, sessionStorage: createSessionStorage<SessionData>(tg.db), logger: tg.log });
    tg.app.dispatcher.register("telegram", (n) => sendNotification(bot.api, n));
    running = await runTelegram(bot, { logger: tg.log });
    await grant(tg, { id: String(STAFF) }, "staff");
  });

  afterAll(async () => {
    await running?.stop();
    await fake?.close();
    await tg?.cleanup();
  });

  const sends = () => fake.requests.filter((r) => r.method === "sendMessage" || r.method === "editMessageText");
  const textOf = (r: RecordedRequest) => String(r.body.text ?? "");

  async function settleAll(): Promise<void> {
    await waitUntil(() => inflight === 0, 5_000, "the core to finish");
    await tg.app.core.idle();
    await tg.app.dispatcher.poke();
    await waitUntil(() => inflight === 0, 5_000, "the core to finish");
  }

  async function sayTg(user: number, text: string, match: RegExp | string): Promise<RecordedRequest> {
    const from = fake.requests.length;
    fake.pushText(text, { userId: user, chatId: user });
    const test = (t: string) => (typeof match === "string" ? t.includes(match) : match.test(t));
    const r = await fake.waitForRequest((q) => q.method === "sendMessage" && String(q.body.chat_id) === String(user) && test(textOf(q)), { from });
    await settleAll();
    return r;
  }

  it("echoes markup verbatim in acknowledgements, location replies, review cards and notifications", async () => {
    const html = "Đèn đường bị hỏng ở đầu hẻm <b>nhà tôi</b> <a href=\"http://evil.example\">bấm vào</a> *đậm* _nghiêng_";
    const ack = await sayTg(VOTER, html, CODE_RE);
    const code = CODE_RE.exec(textOf(ack))![0];
    // No place in the message: the bot asks, and echoes the answer.
    expect(textOf(ack)).toContain("địa điểm");
    const place = "<i>ngõ 31</i> *phố* [Hoa Lâm](http://x)";
    const saved = await sayTg(VOTER, place, place);
    expect(textOf(saved)).toContain(`“${place}”`);

    // Staff read the petition verbatim on the review card.
    const card = await sayTg(STAFF, "/hangdoi", code);
    expect(textOf(card)).toContain(html);
    expect(card.body.reply_markup).toBeDefined();

    // A rejection reason with markup reaches the voter as typed.
    const from = fake.requests.length;
    fake.pushCallback(`rv:rej:${code}`, { userId: STAFF, chatId: STAFF, messageId: (card.response as { message_id: number }).message_id });
    await fake.waitForRequest((q) => q.method === "sendMessage" && textOf(q).startsWith("Nhập lý do"), { from });
    await settleAll();
    const reason = "<b>Trùng</b> _nội dung_ `x` &lt;";
    await sayTg(STAFF, reason, "không tiếp nhận");
    const notice = await fake.waitForRequest((q) => q.method === "sendMessage" && String(q.body.chat_id) === String(VOTER) && textOf(q).includes("không được tiếp nhận"), { from });
    expect(textOf(notice)).toContain(`Lý do: ${reason}`);

    // Not one request asked Telegram to parse entities.
    const all = sends();
    expect(all.length).toBeGreaterThan(5);
    for (const r of all) {
      expect(r.body, `${r.method} to ${String(r.body.chat_id)}`).not.toHaveProperty("parse_mode");
      expect(r.body).not.toHaveProperty("entities");
      // And nothing was escaped or rewritten on the way.
      expect(textOf(r)).not.toMatch(/&lt;b&gt;|\\\*/);
    }
    expect(all.some((r) => textOf(r).includes("<b>nhà tôi</b>"))).toBe(true);
  });
});

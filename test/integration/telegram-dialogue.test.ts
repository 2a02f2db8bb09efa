/**
 * End to end over Telegram: the real application (store, corpus, retrieval index, offline
 * classifier, conversation core, outbox dispatcher) behind grammY, polling a loopback fake
 * Bot API. Every assertion is on the HTTP requests the bot made, or on the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "grammy";
import type { Message, Update } from "grammy/types";
import type { BotContext, SessionData } from "../../bot/channels/telegram/context.ts";
import { createBot } from "../../bot/channels/telegram/create-bot.ts";
import { sendNotification } from "../../bot/channels/telegram/notifier.ts";
import { createSessionStorage } from "../../bot/channels/telegram/session-storage.ts";
import { runTelegram, type RunningTelegram } from "../../bot/channels/telegram/run.ts";
import { createMessageClassifier } from "../../bot/classify/message-classifier.ts";
import { grantRole } from "../../bot/core/roles.ts";
import type { ConversationCore } from "../../bot/core/types.ts";
import type { Inspector } from "../helpers/test-db.ts";
import { startFakeTelegram, type FakeTelegram, type RecordedRequest } from "../helpers/fake-telegram.ts";
import { sleep, startIntegrationApp, waitUntil, type IntegrationApp } from "../helpers/integration-app.ts";

// Distinct people, one per scenario, so rate limits and "my petitions" never mix.
const STAFF = 2002;
const DELEGATE = 3003;
const VOTER_A = 1101; // (a) files a petition
const VOTER_B = 1201; // (b) petition reviewed by staff, resolved and rated
const INTRUDER = 1301; // (d) a voter trying staff functions
const VOTER_E = 1401; // (e) duplicate delivery
const VOTER_F = 1501; // (f) slow classifier

const CODE_RE = /KN-\d{4}-\d{6}/;
const REFUSED = /không có quyền|chỉ dành cho/i;

/** 10 May 2026, 10:00 in Hà Nội, moving with real time: "quý này" is Quý II/2026. */
const START = new Date("2026-05-10T03:00:00.000Z").getTime();
const t0 = Date.now();
const clock = () => new Date(START + (Date.now() - t0));

let env: IntegrationApp;
let db: Inspector;
let fake: FakeTelegram;
let bot: Bot<BotContext>;
let running: RunningTelegram | undefined;
/** externalIds that reached the core, in order (to prove a redelivery was not just dropped by grammY). */
const handled: string[] = [];
/** Updates the core is still handling (the background job is queued only after the ack was sent). */
let inflight = 0;
/** Delay added to the classifier's full() (the slow-LLM scenario sets it). */
let fullDelayMs = 0;
/** quick() throws once for this exact text (a crash while handling one message). */
let crashQuickOn: string | null = null;

beforeAll(async () => {
  env = await startIntegrationApp({
    now: clock,
    classifier: (config, log) => {
      const real = createMessageClassifier(config, log);
      return {
        quick(text) {
          if (crashQuickOn !== null && text === crashQuickOn) {
            crashQuickOn = null;
            throw new Error("classifier crashed (test)");
          }
          return real.quick(text);
        },
        async full(text) {
          if (fullDelayMs > 0) await sleep(fullDelayMs);
          return real.full(text);
        },
      };
    },
  });
  db = env.prisma;
  fake = await startFakeTelegram();
  const core: ConversationCore = {
    async handle(msg, sink) {
      handled.push(msg.externalId);
      inflight++;
      try {
        await env.app.core.handle(msg, sink);
      } finally {
        inflight--;
      }
    },
  };
  bot = createBot("123:TEST", {
    core,
    apiRoot: fake.apiRoot,
    botInfo: fake.botInfo,
    sessionStorage: createSessionStorage<SessionData>(env.app.db),
    logger: env.log,
  });
  // As in main.ts: outbox rows for "telegram" go out through the bot's API.
  env.app.dispatcher.register("telegram", (n) => sendNotification(bot.api, n));
  running = await runTelegram(bot, { logger: env.log });
  await grantRole(env.app.db, "telegram", String(STAFF), "staff", "test");
  await grantRole(env.app.db, "telegram", String(DELEGATE), "delegate", "test");
});

afterAll(async () => {
  await running?.stop();
  await env?.cleanup();
  await fake?.close();
});

// ------------------------------------------------------------------ helpers

const textOf = (r: RecordedRequest) => String(r.body.text ?? "");
const isSendTo = (chatId: number) => (r: RecordedRequest) => r.method === "sendMessage" && r.status === 200 && String(r.body.chat_id) === String(chatId);

/** Successful sendMessage requests to `chatId`, from request index `from` on. */
function sentTo(chatId: number, from = 0): RecordedRequest[] {
  return fake.requests.slice(from).filter(isSendTo(chatId));
}

/** Waits for a sendMessage to `chatId` whose text matches. */
function waitSent(chatId: number, match: RegExp | string, from = 0, timeoutMs = 5_000): Promise<RecordedRequest> {
  const test = (t: string) => (typeof match === "string" ? t.includes(match) : match.test(t));
  return fake.waitForRequest((r) => isSendTo(chatId)(r) && test(textOf(r)), { from, timeoutMs });
}

const messageIdOf = (r: RecordedRequest) => (r.response as Message).message_id;

type Keyboard = { text: string; callback_data: string }[][];
const keyboardOf = (r: RecordedRequest): Keyboard => ((r.body.reply_markup as { inline_keyboard?: Keyboard } | undefined)?.inline_keyboard ?? []);
const callbackData = (r: RecordedRequest) => keyboardOf(r).flat().map((b) => b.callback_data);

/** Presses a button of a message the bot sent to `user`; waits for Telegram's spinner to be answered. */
async function press(user: number, data: string, on: RecordedRequest): Promise<number> {
  const from = fake.requests.length;
  const updateId = fake.pushCallback(data, { userId: user, chatId: user, messageId: messageIdOf(on) });
  await fake.waitForRequest((r) => r.method === "answerCallbackQuery" && r.body.callback_query_id === `cbq-${updateId}`, { from });
  return from;
}

/** Sends a text as `user` and waits for the first reply matching `match`. */
async function say(user: number, text: string, match: RegExp | string = /./, firstName = "Cử tri"): Promise<{ reply: RecordedRequest; from: number }> {
  const from = fake.requests.length;
  fake.pushText(text, { userId: user, chatId: user, firstName });
  const reply = await waitSent(user, match, from);
  return { reply, from };
}

/**
 * Lets the updates being handled finish (the core queues classification only after the
 * acknowledgement's HTTP call returned, which is after the fake recorded it), then
 * background classification, then drains the outbox once more.
 */
async function settle(): Promise<void> {
  await waitUntil(() => inflight === 0, 5_000, "the core to finish its updates");
  await env.app.core.idle();
  await env.app.dispatcher.poke();
}

/** What a refused or read-only action must leave untouched. */
async function petitionState() {
  return {
    petitions: await db.petition.findMany({ orderBy: { id: "asc" }, select: { code: true, status: true, category: true, unitId: true, location: true, duplicateOfId: true, updatedAt: true } }),
    history: await db.petitionStatusChange.count(),
    outbox: await db.outbox.count(),
    ratings: await db.rating.count(),
    corrections: await db.labelCorrection.count(),
    grants: await db.roleGrant.count(),
  };
}

// ------------------------------------------------------------------ scenarios

describe("Telegram dialogue with the real core", () => {
  let codeA = "";
  let codeB = "";

  it("(a) acknowledges a petition without diacritics within 1 s, then tells the category", async () => {
    const from = fake.requests.length;
    const pushedAt = Date.now();
    fake.pushText("duong ngo 5 to dan pho 7 phuong phuc loi bi o ga sut lun rat nguy hiem cho xe may, de nghi sua chua", { userId: VOTER_A, chatId: VOTER_A, firstName: "Lan" });
    const ack = await waitSent(VOTER_A, CODE_RE, from);
    expect(ack.at - pushedAt).toBeLessThan(1_000);
    codeA = CODE_RE.exec(textOf(ack))![0];
    expect(codeA).toMatch(/^KN-2026-\d{6}$/);
    expect(textOf(ack)).toContain(`Mã theo dõi: ${codeA}`);
    // The place was in the message: no question about it.
    expect(textOf(ack)).not.toContain("vui lòng cho biết địa điểm");

    await settle();
    const later = sentTo(VOTER_A, from).filter((r) => r !== ack);
    expect(later).toHaveLength(1);
    expect(textOf(later[0]!)).toContain(codeA);
    expect(textOf(later[0]!)).toContain("lĩnh vực “Hạ tầng, giao thông, điện, nước”");

    const p = await db.petition.findUniqueOrThrow({ where: { code: codeA } });
    expect(p).toMatchObject({ status: "classified", category: "ha_tang", channel: "telegram", chatId: String(VOTER_A) });
    expect(p.location).toMatch(/tổ dân phố 7|ngo 5/i);
  });

  it("(b) staff review by buttons, status updates, notifications and the voter's rating", async () => {
    // The voter files; classification runs in the background.
    const filed = await say(VOTER_B, "cong thoat nuoc truoc nha so 18 ngo 4 pho Hoa Lam bi vo nap, rac thai un u boc mui hoi thoi ca khu", CODE_RE, "Minh");
    codeB = CODE_RE.exec(textOf(filed.reply))![0];
    await settle();
    const auto = await db.petition.findUniqueOrThrow({ where: { code: codeB } });
    expect(auto.status).toBe("classified");
    // A blocked drain with waste is infrastructure or environment by the taxonomy: staff choose the other one.
    expect(["ha_tang", "moi_truong"]).toContain(auto.category);
    const target = auto.category === "ha_tang" ? "moi_truong" : "ha_tang";
    const targetLabel = target === "ha_tang" ? "Hạ tầng, giao thông, điện, nước" : "Môi trường, vệ sinh";

    // /hangdoi: a header, then one card per petition with an inline keyboard.
    const queue = await say(STAFF, "/hangdoi", "chờ xem xét");
    const card = await waitSent(STAFF, `Kiến nghị ${codeB}\n`, queue.from);
    expect(textOf(card)).toContain("Nội dung: cong thoat nuoc truoc nha so 18");
    expect(callbackData(card)).toEqual([`rv:ok:${codeB}`, `rv:cat:${codeB}`, `rv:unit:${codeB}`, `rv:rej:${codeB}`, `rv:dup:${codeB}`]);
    await waitSent(STAFF, `Kiến nghị ${codeA}\n`, queue.from);

    // "Đổi lĩnh vực" → the category keyboard → the other category.
    let from = await press(STAFF, `rv:cat:${codeB}`, card);
    const cats = await waitSent(STAFF, `Chọn lĩnh vực đúng cho ${codeB}`, from);
    expect(callbackData(cats)).toContain(`rv:sc:${codeB}:${target}`);
    from = await press(STAFF, `rv:sc:${codeB}:${target}`, cats);
    const corrected = await waitSent(STAFF, `${codeB} — lĩnh vực “${targetLabel}”`, from);
    expect(callbackData(corrected)).toEqual([`rv:unit:${codeB}`]);

    // "Giao đơn vị" → the unit keyboard → Phòng Kinh tế – Hạ tầng và Đô thị.
    from = await press(STAFF, `rv:unit:${codeB}`, corrected);
    const units = await waitSent(STAFF, `Chọn đơn vị xử lý ${codeB}`, from);
    expect(callbackData(units)).toContain(`rv:su:${codeB}:phong_kt_ht_dt`);
    from = await press(STAFF, `rv:su:${codeB}:phong_kt_ht_dt`, units);
    await waitSent(STAFF, `${codeB} — giao Phòng Kinh tế – Hạ tầng và Đô thị`, from);

    // History and training data were written by the services.
    const p = await db.petition.findUniqueOrThrow({ where: { code: codeB }, include: { unit: true } });
    expect(p).toMatchObject({ status: "assigned", category: target, classifierSource: "staff" });
    expect(p.unit?.code).toBe("phong_kt_ht_dt");
    const history = await db.petitionStatusChange.findMany({ where: { petitionId: p.id }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, "received"],
      ["received", "classified"],
      ["classified", "classified"], // category corrected (an event, no status change)
      ["classified", "assigned"],
    ]);
    expect(history.slice(2).every((h) => h.actor === `staff:telegram:${STAFF}`)).toBe(true);
    expect(history[2]!.note).toContain(targetLabel);
    expect(await db.labelCorrection.count({ where: { petitionId: p.id, oldCategory: auto.category, newCategory: target, actor: `staff:telegram:${STAFF}` } })).toBe(1);

    // The voter heard about both changes in their own chat.
    await settle();
    const toVoter = sentTo(VOTER_B, filed.from).map(textOf);
    expect(toVoter.some((t) => t.includes(codeB) && t.includes(`điều chỉnh sang lĩnh vực “${targetLabel}”`))).toBe(true);
    expect(toVoter.some((t) => t.includes(`Kiến nghị ${codeB} đã được chuyển đến Phòng Kinh tế – Hạ tầng và Đô thị`))).toBe(true);

    // /capnhat … dang_xu_ly, then … da_giai_quyet.
    from = fake.requests.length;
    await say(STAFF, `/capnhat ${codeB} dang_xu_ly Đang thay nắp cống`, `${codeB} → Đang xử lý`);
    await waitSent(VOTER_B, `Kiến nghị ${codeB} đang được Phòng Kinh tế – Hạ tầng và Đô thị xử lý. Ghi chú: Đang thay nắp cống`, from);
    from = fake.requests.length;
    await say(STAFF, `/capnhat ${codeB} da_giai_quyet Đã thay nắp cống và thu gom rác ngày 24/11`, `${codeB} → Đã giải quyết`);
    const resolved = await waitSent(VOTER_B, `Kiến nghị ${codeB} đã được giải quyết.`, from);
    expect(textOf(resolved)).toContain("Kết quả: Đã thay nắp cống và thu gom rác");
    expect(keyboardOf(resolved)).toEqual([[1, 2, 3, 4, 5].map((n) => ({ text: String(n), callback_data: `rate:${codeB}:${n}` }))]);

    // The voter presses 4: thanks, and the petition is closed.
    from = await press(VOTER_B, `rate:${codeB}:4`, resolved);
    await waitSent(VOTER_B, "Cảm ơn Ông/Bà đã đánh giá", from);
    const closed = await db.petition.findUniqueOrThrow({ where: { code: codeB }, include: { ratings: true } });
    expect(closed.status).toBe("closed");
    expect(closed.ratings.map((r) => r.score)).toEqual([4]);
    const last = await db.petitionStatusChange.findFirstOrThrow({ where: { petitionId: closed.id }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ fromStatus: "resolved", toStatus: "closed", actor: `voter:telegram:${VOTER_B}` });

    // Pressing again is refused politely and changes nothing.
    from = await press(VOTER_B, `rate:${codeB}:5`, resolved);
    await waitSent(VOTER_B, "đã đánh giá kết quả", from);
    expect(await db.rating.count({ where: { petitionId: closed.id } })).toBe(1);
  });

  it("(c) a delegate asks about the plans and uses /viecquynay", async () => {
    const { reply } = await say(DELEGATE, "ai chủ trì giám sát đất đai ở phường Phúc Lợi?");
    const answer = textOf(reply);
    expect(answer).toContain("Ban Kinh tế");
    expect(answer).toContain("Nguồn:");
    expect(answer).toContain("(000_c0fd484245b598e1.txt)");

    const due = await say(DELEGATE, "/viecquynay");
    expect(textOf(due.reply)).toMatch(/^Có \d+ nhiệm vụ đến hạn trong Quý II\/2026 của Phúc Lợi:/);
    expect(textOf(due.reply)).not.toMatch(REFUSED);
  });

  it("(d) a voter cannot use staff functions, forge buttons, or read another voter's petition", async () => {
    expect(codeA && codeB).toBeTruthy();
    const before = await petitionState();

    const q = await say(INTRUDER, "/hangdoi");
    expect(textOf(q.reply)).toMatch(REFUSED);
    expect(sentTo(INTRUDER, q.from).some((r) => textOf(r).includes("Kiến nghị KN-"))).toBe(false);

    expect(textOf((await say(INTRUDER, `/capnhat ${codeA} da_giai_quyet Đã xong`)).reply)).toMatch(REFUSED);
    expect(textOf((await say(INTRUDER, `/phancong ${codeA} cong_an`)).reply)).toMatch(REFUSED);
    expect(textOf((await say(INTRUDER, "/viecquynay")).reply)).toMatch(REFUSED);

    // Forged callback data, as a modified client could send.
    const anchor = (await say(INTRUDER, "/giup")).reply;
    for (const data of [`rv:ok:${codeA}`, `rv:sc:${codeA}:khac`, `rv:su:${codeA}:cong_an`, `rv:rej:${codeA}`]) {
      const from = await press(INTRUDER, data, anchor);
      const reply = await waitSent(INTRUDER, /./, from);
      expect(textOf(reply), data).toMatch(REFUSED);
    }
    // A score of 1 on someone else's closed petition would reopen it.
    const from = await press(INTRUDER, `rate:${codeB}:1`, anchor);
    expect(textOf(await waitSent(INTRUDER, /./, from))).toMatch(/không có quyền|không tìm thấy/i);

    // Another voter's code is "not found", not a status.
    const status = await say(INTRUDER, `/trangthai ${codeA}`);
    expect(textOf(status.reply)).toMatch(/không tìm thấy/i);
    expect(textOf(status.reply)).not.toContain("Lĩnh vực");

    await settle();
    expect(await petitionState()).toEqual(before);
    expect((await db.petition.findUniqueOrThrow({ where: { code: codeB } })).status).toBe("closed");
    // Nothing went to the other voters or to staff because of the intruder.
    expect(fake.requests.slice(q.from).filter((r) => r.method === "sendMessage" && String(r.body.chat_id) !== String(INTRUDER))).toEqual([]);
  });

  it("(e) the same update delivered twice files one petition and replies once", async () => {
    const before = await db.petition.count();
    const from = fake.requests.length;
    const handledBefore = handled.length;
    const message = {
      message_id: 77_001,
      date: Math.floor(Date.now() / 1000),
      chat: { id: VOTER_E, type: "private", first_name: "Hùng" },
      from: { id: VOTER_E, is_bot: false, first_name: "Hùng" },
      text: "den duong chieu sang o ngo 9 to dan pho 2 phuong phuc loi bi hong ca thang nay, toi om rat nguy hiem",
    };
    // Telegram redelivers an update whose offset was never confirmed (e.g. a crash): both
    // copies are queued before the bot polls again, with the same update_id.
    const updateId = fake.pushUpdate({ message } as unknown as Omit<Update, "update_id">);
    fake.pushUpdate({ update_id: updateId, message } as unknown as Omit<Update, "update_id">);

    await waitSent(VOTER_E, CODE_RE, from);
    const key = `tg:${fake.botInfo.id}:m:${VOTER_E}:${message.message_id}`;
    await waitUntil(() => handled.filter((id) => id === key).length === 2, 5_000, "both copies to reach the core");
    await settle();
    await sleep(200);

    expect(await db.petition.count()).toBe(before + 1);
    expect(await db.inboundMessage.count({ where: { channel: "telegram", externalId: key } })).toBe(1);
    const replies = sentTo(VOTER_E, from).map(textOf);
    expect(replies.filter((t) => CODE_RE.test(t) && t.includes("Mã theo dõi"))).toHaveLength(1);
    // …and one classification notice (the background job ran once).
    expect(replies.filter((t) => t.includes("đã được xếp vào lĩnh vực"))).toHaveLength(1);
    expect(handled.length - handledBefore).toBe(2);
  });

  it("(f) a slow classifier does not delay the acknowledgement", async () => {
    fullDelayMs = 3_000;
    try {
      const from = fake.requests.length;
      const pushedAt = Date.now();
      fake.pushText("cay xanh truoc cong truong tieu hoc Phuc Loi so 25 pho Hoa Lam bi nghieng sap do, de nghi cat tia gap", { userId: VOTER_F, chatId: VOTER_F, firstName: "Thảo" });
      const ack = await waitSent(VOTER_F, CODE_RE, from);
      expect(ack.at - pushedAt).toBeLessThan(1_000);
      const code = CODE_RE.exec(textOf(ack))![0];
      // Still unclassified when the voter already has the code.
      expect((await db.petition.findUniqueOrThrow({ where: { code } })).status).toBe("received");

      // Meanwhile other people are served at once.
      const q = await say(DELEGATE, "/viecthangnay");
      expect(q.reply.at - pushedAt).toBeLessThan(1_500);

      // The category arrives through the outbox once the classifier is done (no manual poke).
      const follow = await waitSent(VOTER_F, `Kiến nghị ${code} `, from, 8_000);
      expect(follow.at - pushedAt).toBeGreaterThanOrEqual(2_900);
      expect(textOf(follow)).toMatch(/đã được xếp vào lĩnh vực “[^”]+”|đang được cán bộ xem xét/);
      expect(sentTo(VOTER_F, from).indexOf(ack)).toBe(0);
    } finally {
      fullDelayMs = 0;
    }
  });

  it("logged no errors while serving all of the above", async () => {
    await settle();
    expect(env.log.errors()).toEqual([]);
  });

  it("(g) a petition whose acknowledgement could not be sent is still classified and its code reaches the voter", async () => {
    const VOTER_G = 1601;
    const from = fake.requests.length;
    // Telegram unavailable for a few seconds: the ack's first try and all 3 retries fail.
    fake.failNext("sendMessage", 4, { status: 502, description: "Bad Gateway" });
    fake.pushText("nap ho ga tren via he truoc nha so 40 pho Hoa Lam phuong Phuc Loi bi mat, nguoi di bo de sup chan", { userId: VOTER_G, chatId: VOTER_G, firstName: "Tú" });
    // The acknowledgement the transport could not send is queued in the outbox and delivered once Telegram is back.
    await waitSent(VOTER_G, /Mã theo dõi: KN-/, from, 15_000);
    await settle();

    const petitions = await db.petition.findMany({ where: { chatId: String(VOTER_G) } });
    expect(petitions).toHaveLength(1);
    const p = petitions[0]!;
    // The apology promised processing: the petition must not wait for a restart's recover().
    expect(p.status).not.toBe("received");
    // The voter learns the code through the outbox (the classification notice carries it).
    expect(sentTo(VOTER_G, from).some((r) => textOf(r).includes(p.code))).toBe(true);
  }, 20_000);

  it("(h) a message that failed with “đã được lưu lại và sẽ được xử lý” is processed later without being resent", async () => {
    const VOTER_H = 1701;
    const text = "muong thoat nuoc doc ngo 15 pho Hoa Lam to dan pho 4 phuong Phuc Loi bi lap dat, nuoc thai tran ra duong";
    crashQuickOn = text;
    const { reply, from } = await say(VOTER_H, text, /sự cố/);
    // What the voter is told: saved, will be processed, no need to send again.
    expect(textOf(reply)).toContain("Tin nhắn đã được lưu lại và sẽ được xử lý; Ông/Bà không cần gửi lại.");
    await settle();
    const inbound = await db.inboundMessage.findFirstOrThrow({ where: { channel: "telegram", userId: String(VOTER_H) } });
    expect(inbound.status).toBe("failed");

    // What main.ts runs at every start to pick up unfinished work.
    await env.app.core.recover();
    await settle();
    const petitions = await db.petition.findMany({ where: { chatId: String(VOTER_H) } });
    expect(petitions, "the saved message was never filed").toHaveLength(1);
    expect(sentTo(VOTER_H, from).some((r) => textOf(r).includes(petitions[0]!.code))).toBe(true);
  });
});

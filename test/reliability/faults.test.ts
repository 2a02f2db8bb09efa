/**
 * Fault injection through the whole application: the real app (store, conversation core,
 * classifier, outbox dispatcher) behind grammY, polling the loopback fake Bot API through a
 * proxy that can reset connections, with the LLM classifier pointed at a scripted
 * OpenAI-compatible stub.
 *
 * - LLM faults (time-out, 500, 429 with Retry-After, invalid JSON, a category outside the
 *   taxonomy): the petition is filed and acknowledged at once, and classified by the
 *   offline fallback (classifierSource "offline"); nothing is lost.
 * - Telegram errors on sendMessage (429 with retry_after, 500, connection reset): the
 *   acknowledgement and outbox notifications are retried with backoff and arrive once. A
 *   reset after Telegram accepted the message is retried too and then arrives twice: the
 *   Bot API has no idempotency key (documented here as at-least-once).
 * - An outbox notification whose sends keep failing is retried with exponential backoff
 *   and ends `failed` after the maximum attempts, while other notifications go out.
 * - A message left leased by a handler that died is handled by the periodic sweep once the
 *   lease expires (before that fix it waited for the next restart after expiry).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Api } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../bot/app.ts";
import type { SessionData } from "../../bot/channels/telegram/context.ts";
import { createBot } from "../../bot/channels/telegram/create-bot.ts";
import { sendNotification } from "../../bot/channels/telegram/notifier.ts";
import { createSessionStorage } from "../../bot/channels/telegram/session-storage.ts";
import { retryTransformer } from "../../bot/channels/telegram/retry-transformer.ts";
import { runTelegram, type RunningTelegram } from "../../bot/channels/telegram/run.ts";
import { loadConfig } from "../../bot/config.ts";
import { INBOUND_LEASE_MS, recordInbound } from "../../bot/petitions/intake.ts";
import { backoffMs, enqueue } from "../../bot/petitions/outbox.ts";
import type { Store } from "../../store/index.ts";
import { startFakeTelegram, type FakeTelegram, type RecordedRequest } from "../helpers/fake-telegram.ts";
import { startFlakyProxy, type FlakyProxy, type ProxyFault } from "../helpers/flaky-proxy.ts";
import { recordingLogger, sleep, waitUntil } from "../helpers/integration-app.ts";
import { startOpenAiStub, type OpenAiStub, type StubReply } from "../helpers/openai-stub.ts";
import { CODE_RE, isAckText, petitionText, seededRandom, sentText } from "../helpers/petition-traffic.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";

const TOKEN = "777:FAULTS";
const LLM_TIMEOUT_MS = 300;

let tdb: TestDb;
let dataDir: string;
let app: App;
let db: Store;
let stub: OpenAiStub;
let fake: FakeTelegram;
let proxy: FlakyProxy;
let running: RunningTelegram;
let botApi: Api;
const log = recordingLogger();
/** Added to the app's clock (the outbox backoff test moves time forward). */
let shiftMs = 0;
const clock = () => new Date(Date.now() + shiftMs);
const rand = seededRandom(4242);
let nextVoter = 61_000;

/** What a working LLM answers. */
const GOOD_LLM: StubReply = {
  content: JSON.stringify({ intent: "petition", category: "ha_tang", confidence: 0.93, urgent: false, summary: "Đèn đường hỏng", location: "ngõ 5" }),
};

/** Arrival times of stub requests (the stub records no time). */
const stubTimes: number[] = [];
let stubWatch: NodeJS.Timeout;

beforeAll(async () => {
  tdb = await createTestDb();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "tro-ly-hdnd-faults-"));
  stub = await startOpenAiStub();
  stub.fallback = GOOD_LLM;
  stubWatch = setInterval(() => {
    while (stubTimes.length < stub.requests.length) stubTimes.push(Date.now());
  }, 2);
  fake = await startFakeTelegram();
  proxy = await startFlakyProxy(fake.apiRoot);
  const config = loadConfig({
    DATABASE_URL: tdb.url,
    DATA_DIR: dataDir,
    OPENAI_BASE_URL: stub.baseURL,
    OPENAI_API_KEY: "sk-test",
    LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS),
    LLM_MAX_RETRIES: "1",
  });
  expect(config.llmEnabled).toBe(true);
  app = await createApp(config, { log, db: tdb.db, now: clock });
  db = app.db;
  // Production wiring (main.ts), with the default retry policy, through the proxy.
  const bot = createBot(TOKEN, {
    core: app.core,
    apiRoot: proxy.apiRoot,
    botInfo: fake.botInfo,
    sessionStorage: createSessionStorage<SessionData>(db),
    logger: log,
  });
  botApi = bot.api;
  app.dispatcher.register("telegram", (n) => sendNotification(botApi, n));
  running = await runTelegram(bot, { logger: log });
}, 120_000);

afterAll(async () => {
  clearInterval(stubWatch);
  await running?.stop();
  await app?.close();
  await tdb?.cleanup();
  await stub?.close();
  await proxy?.close();
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await settle();
  proxy.rule = () => undefined;
  stub.fallback = GOOD_LLM;
});

// ------------------------------------------------------------------ helpers

/** Background classification finished and the outbox drained. */
async function settle(): Promise<void> {
  await app.core.idle();
  await app.dispatcher.poke();
}

const okSends = (from = 0) => fake.requests.slice(from).filter((r) => r.method === "sendMessage" && r.status === 200);
const sendsTo = (chat: number | string, from = 0) => okSends(from).filter((r) => String(r.body.chat_id) === String(chat));

/** A voter sends a petition over Telegram; resolves with its code once the ack arrived. */
async function filePetition(): Promise<{ voter: number; code: string; from: number; ack: RecordedRequest; pushedAt: number }> {
  const voter = nextVoter++;
  const from = fake.requests.length;
  const pushedAt = Date.now();
  fake.pushText(petitionText(rand), { userId: voter, chatId: voter, firstName: "Cử tri" });
  const ack = await fake.waitForRequest((r) => r.method === "sendMessage" && r.status === 200 && String(r.body.chat_id) === String(voter) && isAckText(sentText(r)), {
    from,
    timeoutMs: 15_000,
  });
  return { voter, code: CODE_RE.exec(sentText(ack))![0], from, ack, pushedAt };
}

async function petitionOf(code: string) {
  return tdb.prisma.petition.findUniqueOrThrow({ where: { code }, include: { inbound: true } });
}

/** The next `times` sendMessage calls to `chat` whose text passes `pick` meet `fault`. */
function failSends(chat: number | string, times: number, fault: ProxyFault | ((i: number) => ProxyFault), pick: (text: string) => boolean = () => true): void {
  let n = 0;
  proxy.rule = (req) => {
    if (req.method !== "sendMessage" || String(req.body.chat_id) !== String(chat) || !pick(String(req.body.text ?? ""))) return undefined;
    if (n >= times) return undefined;
    const f = typeof fault === "function" ? fault(n) : fault;
    n++;
    return f;
  };
}

/** Proxy events for sendMessage to `chat` since `since` (ms), in order; only acknowledgements with `acksOnly`. */
const eventsTo = (chat: number | string, since: number, acksOnly = false) =>
  proxy.events.filter((e) => e.method === "sendMessage" && e.chatId === String(chat) && e.at >= since && (!acksOnly || isAckText(e.text ?? "")));

// ------------------------------------------------------------------ LLM faults

describe("LLM faults: the petition is filed, acknowledged and classified offline", () => {
  const valid = JSON.parse(GOOD_LLM.content!) as Record<string, unknown>;
  const cases: Array<{ name: string; reply: StubReply; attempts: number; minGapMs?: number }> = [
    // A reply slower than LLM_TIMEOUT_MS: each attempt times out, one retry, then the fallback.
    { name: "time-out", reply: { ...GOOD_LLM, delayMs: LLM_TIMEOUT_MS * 5 }, attempts: 2 },
    { name: "HTTP 500", reply: { status: 500 }, attempts: 2 },
    // Retry-After is honoured before the retry.
    { name: "HTTP 429 with Retry-After: 1", reply: { status: 429, headers: { "retry-after": "1" } }, attempts: 2, minGapMs: 950 },
    { name: "a body that is not JSON", reply: { raw: "<html>upstream error" }, attempts: 1 },
    { name: "content that is not JSON", reply: { content: "Tôi nghĩ đây là kiến nghị về hạ tầng." }, attempts: 1 },
    { name: "a category outside the taxonomy", reply: { content: JSON.stringify({ ...valid, category: "giao_thong_van_tai" }) }, attempts: 1 },
  ];

  for (const c of cases) {
    it(`${c.name}`, async () => {
      stub.fallback = c.reply;
      const before = stub.requests.length;
      const { voter, code, from, ack, pushedAt } = await filePetition();
      // Acknowledged straight away: the LLM runs after the ack, never in front of it.
      expect(ack.at - pushedAt).toBeLessThan(c.minGapMs ?? LLM_TIMEOUT_MS * 5);
      await waitUntil(async () => (await petitionOf(code)).status !== "received", 15_000, "classification");
      await settle();

      const p = await petitionOf(code);
      expect(p.classifierSource).toBe("offline");
      expect(["classified", "needs_review", "duplicate"]).toContain(p.status);
      expect(p.category).not.toBe("chua_phan_loai");
      expect(p.inbound?.status).toBe("processed");
      // The LLM was really asked, as often as the retry policy allows.
      const asked = stub.requests.slice(before).filter((r) => r.path.endsWith("/chat/completions")).length;
      expect(asked).toBe(c.attempts);
      if (c.minGapMs) expect(stubTimes[before + 1]! - stubTimes[before]!).toBeGreaterThanOrEqual(c.minGapMs);
      // Exactly one petition for the message, one ack, one classification notice with the code.
      expect(await tdb.prisma.petition.count({ where: { chatId: String(voter) } })).toBe(1);
      const toVoter = sendsTo(voter, from).map(sentText);
      expect(toVoter.filter(isAckText)).toHaveLength(1);
      expect(toVoter.filter((t) => !isAckText(t) && t.includes(code))).toHaveLength(1);
      expect(log.lines.some((l) => l.msg.includes("offline fallback"))).toBe(true);
    }, 30_000);
  }

  it("a working LLM is used (control: the fallback above was not the only path)", async () => {
    const { code } = await filePetition();
    await waitUntil(async () => (await petitionOf(code)).status !== "received", 10_000, "classification");
    expect((await petitionOf(code)).classifierSource).toBe("llm");
  });
});

// ------------------------------------------------------------------ Telegram faults

describe("Telegram errors on sendMessage: retried with backoff, delivered once", () => {
  it("the acknowledgement after a 429 with retry_after waits that long and arrives once", async () => {
    const voter = nextVoter;
    const since = Date.now();
    failSends(voter, 1, { kind: "error", status: 429, description: "Too Many Requests: retry after 1", retryAfter: 1 }, isAckText);
    const { code, from } = await filePetition();
    const tries = eventsTo(voter, since, true);
    expect(tries.map((e) => e.action)).toEqual(["error", "forwarded"]);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(950);
    await settle();
    await sleep(300); // a late duplicate would show up here
    expect(sendsTo(voter, from).filter((r) => sentText(r).includes(code) && isAckText(sentText(r)))).toHaveLength(1);
  });

  it("the acknowledgement after two 500s is retried with growing delays and arrives once", async () => {
    const voter = nextVoter;
    const since = Date.now();
    failSends(voter, 2, { kind: "error", status: 500, description: "Internal Server Error" }, isAckText);
    const { code, from } = await filePetition();
    const tries = eventsTo(voter, since, true).slice(0, 3);
    expect(tries.map((e) => e.action)).toEqual(["error", "error", "forwarded"]);
    const gap1 = tries[1]!.at - tries[0]!.at;
    const gap2 = tries[2]!.at - tries[1]!.at;
    // Default policy: 500 ms doubling, with jitter in [½, 1] of the step.
    expect(gap1).toBeGreaterThanOrEqual(240);
    expect(gap2).toBeGreaterThanOrEqual(490);
    expect(gap2).toBeGreaterThanOrEqual(gap1 * 0.99);
    await settle();
    await sleep(300); // a late duplicate would show up here
    expect(sendsTo(voter, from).filter((r) => isAckText(sentText(r)) && sentText(r).includes(code))).toHaveLength(1);
  });

  it("the acknowledgement after a connection reset (request never reached Telegram) arrives once", async () => {
    const voter = nextVoter;
    const since = Date.now();
    failSends(voter, 1, { kind: "reset-before" }, isAckText);
    const { code, from } = await filePetition();
    expect(eventsTo(voter, since, true).map((e) => e.action)).toEqual(["reset-before", "forwarded"]);
    await settle();
    await sleep(300); // a late duplicate would show up here
    expect(sendsTo(voter, from).filter((r) => isAckText(sentText(r)) && sentText(r).includes(code))).toHaveLength(1);
  });

  it("a reset after Telegram accepted the message is retried too: the voter gets it twice (at-least-once)", async () => {
    const voter = nextVoter;
    const since = Date.now();
    failSends(voter, 1, { kind: "reset-after" }, isAckText);
    const { code, from } = await filePetition();
    const acks = () => sendsTo(voter, from).filter((r) => isAckText(sentText(r)) && sentText(r).includes(code));
    await waitUntil(() => acks().length >= 2, 10_000, "the retried acknowledgement");
    expect(eventsTo(voter, since, true).map((e) => e.action)).toEqual(["reset-after", "forwarded"]);
    await settle();
    await sleep(300);
    // Telegram has no idempotency key for sendMessage: the lost answer cannot be told from a lost request.
    expect(sendsTo(voter, from).filter((r) => isAckText(sentText(r)) && sentText(r).includes(code))).toHaveLength(2);
    // Still one petition.
    expect(await tdb.prisma.petition.count({ where: { chatId: String(voter) } })).toBe(1);
  });

  it("an outbox notification survives 500, reset and 429 within one outbox attempt and is sent once", async () => {
    const chat = nextVoter++;
    const since = Date.now();
    const text = `Thông báo thử nghiệm cho ${chat}`;
    const faults: ProxyFault[] = [
      { kind: "error", status: 500, description: "Internal Server Error" },
      { kind: "reset-before" },
      { kind: "error", status: 429, description: "Too Many Requests: retry after 1", retryAfter: 1 },
    ];
    failSends(chat, faults.length, (i) => faults[i]!);
    const from = fake.requests.length;
    await enqueue(db, { channel: "telegram", chatId: String(chat), text, dedupeKey: `faults:notify:${chat}` }, clock);
    await app.dispatcher.poke();
    const row = await tdb.prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `faults:notify:${chat}` } });
    expect(row.status).toBe("sent");
    expect(row.attempts).toBe(1);
    expect(eventsTo(chat, since).map((e) => e.action)).toEqual(["error", "reset-before", "error", "forwarded"]);
    expect(sendsTo(chat, from).filter((r) => sentText(r) === text)).toHaveLength(1);
  }, 20_000);
});

// ------------------------------------------------------------------ a handler that died

describe("a message whose handler died after storing it", () => {
  it("is refused to redeliveries while the dead handler's lease runs, then handled by the periodic sweep", async () => {
    const voter = String(nextVoter++);
    const externalId = `tg:crash-${voter}`;
    const text = petitionText(rand);
    // What a process killed right after recordInbound leaves behind: a stored, leased, unhandled message.
    await recordInbound(db, { channel: "telegram", externalId, chatId: voter, userId: voter, text, payload: { attachments: [], callbackData: null, isGroup: false } }, { now: clock });
    const replies: string[] = [];
    const redelivery = { channel: "telegram" as const, externalId, chatId: voter, userId: voter, displayName: null, text, callbackData: null, attachments: [], isGroup: false, receivedAt: new Date() };
    await app.core.handle(redelivery, { send: async (r) => void replies.push(r.text) });
    expect(replies).toEqual([]); // leased: taken for another worker's
    expect(await app.core.recoverInbound()).toBe(0);
    expect(await tdb.prisma.petition.count({ where: { chatId: voter } })).toBe(0);

    // Once the lease has expired, the sweep (every 10 s in main.ts) files it and acknowledges through the outbox.
    const from = fake.requests.length;
    shiftMs += INBOUND_LEASE_MS + 1_000;
    expect(await app.core.recoverInbound()).toBe(1);
    await settle();
    const p = await tdb.prisma.petition.findFirstOrThrow({ where: { chatId: voter }, include: { inbound: true } });
    expect(p.inbound?.status).toBe("processed");
    await sleep(200);
    expect(sendsTo(voter, from).filter((r) => isAckText(sentText(r)) && sentText(r).includes(p.code))).toHaveLength(1);
    // Handled once: a later sweep or redelivery finds nothing to do.
    expect(await app.core.recoverInbound()).toBe(0);
    await app.core.handle(redelivery, { send: async (r) => void replies.push(r.text) });
    expect(replies).toEqual([]);
    expect(await tdb.prisma.petition.count({ where: { chatId: voter } })).toBe(1);
  });
});

// ------------------------------------------------------------------ outbox give-up

describe("an outbox notification that keeps failing", () => {
  it("is retried with exponential backoff, ends failed after max attempts, and never blocks the others", async () => {
    // Sends go through an API with a short transport retry, so the outbox policy is what is measured.
    const api = new Api(TOKEN, { apiRoot: proxy.apiRoot });
    api.config.use(retryTransformer({ maxRetries: 1, baseDelayMs: 5 }));
    app.dispatcher.register("telegram", (n) => sendNotification(api, n));
    try {
      const broken = String(nextVoter++);
      const okA = String(nextVoter++);
      const okB = String(nextVoter++);
      const okC = String(nextVoter++);
      proxy.rule = (req) => (req.method === "sendMessage" && String(req.body.chat_id) === broken ? { kind: "error", status: 502, description: "Bad Gateway" } : undefined);
      const from = fake.requests.length;
      // The failing row is queued first, so it is claimed before the others.
      const bad = { id: `faults:broken:${broken}` };
      const a = { id: `faults:ok:${okA}` };
      const b = { id: `faults:ok:${okB}` };
      await enqueue(db, { channel: "telegram", chatId: broken, text: "Thông báo không gửi được", dedupeKey: bad.id }, clock);
      await enqueue(db, { channel: "telegram", chatId: okA, text: "Thông báo A", dedupeKey: a.id }, clock);
      await enqueue(db, { channel: "telegram", chatId: okB, text: "Thông báo B", dedupeKey: b.id }, clock);

      await app.dispatcher.drainOnce();
      const rowOf = (dedupeKey: string) => tdb.prisma.outbox.findUniqueOrThrow({ where: { dedupeKey } });
      expect((await rowOf(a.id)).status).toBe("sent");
      expect((await rowOf(b.id)).status).toBe("sent");
      let row = await rowOf(bad.id);
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row.lastError).toContain("Bad Gateway");
      const first = row.availableAt.getTime() - clock().getTime();
      expect(Math.abs(first - backoffMs(1, 30_000, 3_600_000))).toBeLessThan(2_000);

      // While the broken row waits, a new notification goes out at once.
      const c = { id: `faults:ok:${okC}` };
      await enqueue(db, { channel: "telegram", chatId: okC, text: "Thông báo C", dedupeKey: c.id }, clock);
      await app.dispatcher.drainOnce();
      expect((await rowOf(c.id)).status).toBe("sent");
      expect((await rowOf(bad.id)).attempts).toBe(1); // not due yet: not retried early

      // Move time to each retry: delays 30 s, 60 s, 120 s, 240 s; the 5th attempt gives up.
      const delays: number[] = [first];
      for (let attempt = 2; attempt <= 5; attempt++) {
        row = await rowOf(bad.id);
        shiftMs += row.availableAt.getTime() - clock().getTime() + 10;
        await app.dispatcher.drainOnce();
        row = await rowOf(bad.id);
        expect(row.attempts).toBe(attempt);
        if (attempt < 5) {
          expect(row.status).toBe("pending");
          delays.push(row.availableAt.getTime() - clock().getTime());
        }
      }
      expect(row.status).toBe("failed");
      for (let i = 0; i < delays.length; i++) expect(Math.abs(delays[i]! - backoffMs(i + 1, 30_000, 3_600_000))).toBeLessThan(2_000);
      expect(delays[3]! / delays[0]!).toBeGreaterThan(7); // 30 s → 240 s

      // Given up: later passes leave it alone; every good row was delivered exactly once.
      const triesBefore = proxy.events.filter((e) => e.chatId === broken).length;
      shiftMs += 3_600_000;
      await app.dispatcher.drainOnce();
      expect(proxy.events.filter((e) => e.chatId === broken).length).toBe(triesBefore);
      expect(triesBefore).toBe(5 * 2); // 5 outbox attempts × (1 try + 1 transport retry)
      for (const chat of [okA, okB, okC]) expect(sendsTo(chat, from)).toHaveLength(1);
      expect(sendsTo(broken, from)).toHaveLength(0);
      expect(log.lines.some((l) => l.msg.includes("failed permanently"))).toBe(true);
    } finally {
      app.dispatcher.register("telegram", (n) => sendNotification(botApi, n));
    }
  }, 30_000);
});

describe("after the faults", () => {
  it("nothing was logged as an error except the notification given up on", () => {
    expect(log.errors().filter((l) => !/outbox/.test(l.msg))).toEqual([]);
  });
});

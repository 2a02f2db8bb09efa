/**
 * Scale-out: two bot processes (the real `bot/main.ts`, Telegram webhook mode: the route is
 * on the web face's server at PORT) share one PostgreSQL database, as two replicas behind a
 * load balancer would. The Telegram side is
 * the loopback fake Bot API; updates are POSTed to the workers' webhooks by the test.
 *
 *  - the same update delivered to both workers at once, for several chats;
 *  - the following updates of each chat delivered alternately to one worker, then the other;
 *  - already-handled updates redelivered to the other worker.
 * Checked: one petition per distinct message, no second petition (nor reply) for a
 * redelivered update_id, and every outbox notification sent exactly once although both
 * workers' dispatchers drain the same outbox.
 *
 * PostgreSQL only (SQLite is one process's embedded file): skipped, loudly, when no server
 * answers at TEST_PG_URL (default 127.0.0.1:5432).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openInspector, type Inspector } from "../helpers/test-db.ts";
import { startFakeTelegram, type FakeTelegram } from "../helpers/fake-telegram.ts";
import { sleep, waitUntil } from "../helpers/integration-app.ts";
import { freePort } from "../helpers/net.ts";
import { CODE_RE, isAckText, petitionText, postWebhook, privateTextUpdate, seededRandom, sentText, type TextUpdate } from "../helpers/petition-traffic.ts";
import { createPgSchema, dropPgSchema, pgReachable, testPgUrl } from "../helpers/test-db.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TOKEN = "123456:webhook-workers-test";
const SECRET = "webhook-workers-secret";
const HOOK_PATH = "/tg/hook";
const STAFF_GROUP = -100500;
const CHATS = [5101, 5102, 5103, 5104];
/** Messages per chat: the first goes to both workers, the rest alternate. */
const PER_CHAT = 3;

const reachable = await pgReachable();
if (!reachable) {
  console.warn(`!!! PostgreSQL unreachable at ${new URL(testPgUrl()).host}: multi-worker webhook test SKIPPED !!!`);
}

interface Worker {
  name: string;
  port: number;
  child: ChildProcess;
  log: string[];
  dataDir: string;
}

/** Environment of a worker: no real keys from the machine, everything pointed at loopback. */
function workerEnv(url: string, port: number, dataDir: string, apiRoot: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(OPENAI_|TELEGRAM_|ZALO_|TEST_|VITEST)/.test(k)) continue;
    env[k] = v;
  }
  return {
    ...env,
    NO_COLOR: "1",
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}${HOOK_PATH}`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_STAFF_CHAT_ID: String(STAFF_GROUP),
    PORT: String(port),
  };
}

async function startWorker(name: string, url: string, apiRoot: string): Promise<Worker> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `tro-ly-hdnd-worker-${name}-`));
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const child = spawn(tsx, [path.join(ROOT, "bot", "main.ts")], {
    cwd: ROOT,
    env: workerEnv(url, port, dataDir, apiRoot),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const keep = (d: Buffer) => log.push(...d.toString().split("\n").filter(Boolean));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { name, port, child, log, dataDir };
}

async function waitHealthy(w: Worker, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (w.child.exitCode !== null) throw new Error(`worker ${w.name} exited (${w.child.exitCode}):\n${w.log.slice(-30).join("\n")}`);
    try {
      const r = await fetch(`http://127.0.0.1:${w.port}/healthz`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > end) throw new Error(`worker ${w.name} not healthy after ${ms} ms:\n${w.log.slice(-30).join("\n")}`);
    await sleep(100);
  }
}

async function stopWorker(w: Worker): Promise<void> {
  if (w.child.exitCode === null && w.child.signalCode === null) {
    const exited = new Promise<void>((resolve) => w.child.once("exit", () => resolve()));
    w.child.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000)]);
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
  }
  rmSync(w.dataDir, { recursive: true, force: true });
}

let nextUpdateId = 1000;
let nextMessageId = 1;

function textUpdate(chatId: number, text: string): TextUpdate {
  return privateTextUpdate({ updateId: nextUpdateId++, messageId: nextMessageId++ }, chatId, `Cử tri ${chatId}`, text);
}

function deliver(w: Worker, update: TextUpdate): Promise<number> {
  return postWebhook(`http://127.0.0.1:${w.port}${HOOK_PATH}`, SECRET, update);
}

describe.skipIf(!reachable)("two webhook workers on one PostgreSQL database", () => {
  let fake: FakeTelegram;
  let schema: string;
  let db: Inspector;
  const workers: Worker[] = [];

  beforeAll(async () => {
    fake = await startFakeTelegram();
    const created = await createPgSchema();
    schema = created.schema;
    db = openInspector(created.url);
    // A staff account besides the staff group: review notices fan out to both.
    await db.roleGrant.create({ data: { channel: "telegram", externalId: "9001", role: "staff", note: "test" } });
    // Both replicas start together, as after a deployment (start-up ingestion runs in both).
    workers.push(await startWorker("A", created.url, fake.apiRoot), await startWorker("B", created.url, fake.apiRoot));
    await Promise.all(workers.map((w) => waitHealthy(w)));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopWorker(w)));
    await db?.$disconnect();
    if (schema) await dropPgSchema(schema);
    await fake?.close();
  }, 60_000);

  it("files one petition per message and sends every notification once", async () => {
    const [A, B] = workers as [Worker, Worker];
    const rand = seededRandom(20261123);
    const texts = new Map<string, string>(); // the message's key (bot, chat, message id) → text
    const plan = CHATS.map((chatId) =>
      Array.from({ length: PER_CHAT }, (_, i) => {
        const u = textUpdate(chatId, petitionText(rand, `chat ${chatId} #${i + 1}`));
        texts.set(`tg:${fake.botInfo.id}:m:${chatId}:${String(u.message.message_id)}`, String(u.message.text));
        return u;
      }),
    );

    // Each chat in parallel; within a chat, updates in order, as Telegram sends them.
    const statuses: number[] = [];
    await Promise.all(
      plan.map(async (updates) => {
        const [first, ...rest] = updates as [TextUpdate, ...TextUpdate[]];
        // The same update reaches both workers at once (a redelivery racing the original).
        statuses.push(...(await Promise.all([deliver(A, first), deliver(B, first)])));
        for (const [i, u] of rest.entries()) statuses.push(await deliver(i % 2 === 0 ? B : A, u));
      }),
    );
    expect(statuses.every((s) => s === 200), `webhook answers: ${statuses.join(",")}`).toBe(true);

    const distinct = CHATS.length * PER_CHAT;
    // Classification runs in the background and its notices go through the outbox: wait
    // until every petition is classified and both dispatchers have drained everything.
    let stableSince = 0;
    let lastCount = -1;
    await waitUntil(
      async () => {
        const [petitions, unclassified, open, rows] = await Promise.all([
          db.petition.count(),
          db.petition.count({ where: { status: "received" } }),
          db.outbox.count({ where: { status: { in: ["pending", "sending"] } } }),
          db.outbox.count(),
        ]);
        if (petitions < distinct || unclassified > 0 || open > 0) return false;
        if (rows !== lastCount) {
          lastCount = rows;
          stableSince = Date.now();
          return false;
        }
        return Date.now() - stableSince > 1_500;
      },
      60_000,
      "petitions classified and the outbox drained",
    );

    // Exactly one petition per distinct message, filed from that message.
    const petitions = await db.petition.findMany({ include: { inbound: true } });
    expect(petitions).toHaveLength(distinct);
    const byUpdate = new Map(petitions.map((p) => [p.inbound!.externalId, p]));
    for (const [key, text] of texts) {
      const p = byUpdate.get(key);
      expect(p, `no petition for message ${key}`).toBeDefined();
      expect(p!.originalText).toBe(text);
    }
    expect(new Set(petitions.map((p) => p.code)).size).toBe(distinct);
    expect(await db.inboundMessage.count()).toBe(distinct);
    expect(await db.inboundMessage.count({ where: { status: { not: "processed" } } })).toBe(0);

    // Every voter learnt the code of each of their petitions.
    const sends = () => fake.calls("sendMessage").filter((r) => r.status === 200);
    for (const p of petitions) {
      const acks = sends().filter((r) => Number(r.body.chat_id) === Number(p.chatId) && isAckText(sentText(r)) && sentText(r).includes(p.code));
      expect(acks.length, `acknowledgements of ${p.code}`).toBeGreaterThanOrEqual(1);
    }

    // Every outbox row was sent, and sent once: the claim is safe across processes.
    const rows = await db.outbox.findMany();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status !== "sent").map((r) => `${r.id}:${r.channel}:${r.status}`)).toEqual([]);
    const delivered = rows.filter((r) => r.channel === "telegram");
    expect(delivered.length).toBeGreaterThan(0);
    const expected = new Map<string, number>();
    for (const r of delivered) expected.set(`${Number(r.chatId)}\n${r.text}`, (expected.get(`${Number(r.chatId)}\n${r.text}`) ?? 0) + 1);
    for (const [key, n] of expected) {
      const [chat, text] = [Number(key.split("\n")[0]), key.slice(key.indexOf("\n") + 1)];
      const got = sends().filter((r) => Number(r.body.chat_id) === chat && sentText(r) === text).length;
      expect(got, `sendMessage to ${chat} of outbox text “${text.slice(0, 60)}…”`).toBe(n);
    }
    // Voters heard about the classification; staff (account and group) about reviews, if any.
    expect(delivered.some((r) => CHATS.includes(Number(r.chatId)) && CODE_RE.test(r.text))).toBe(true);

    // Redeliveries of handled updates, to the other worker: no new rows, no reply.
    const before = { sends: sends().length, inbound: await db.inboundMessage.count(), outbox: await db.outbox.count() };
    const replayed = plan.map((updates, i) => ({ update: updates[updates.length - 1]!, to: i % 2 === 0 ? A : B }));
    const replayStatuses = await Promise.all(replayed.map(({ update, to }) => deliver(to, update)));
    expect(replayStatuses.every((s) => s === 200)).toBe(true);
    await sleep(1_500); // room for a wrong reply or a wrong background job to show up
    expect(await db.petition.count()).toBe(distinct);
    expect(await db.inboundMessage.count()).toBe(before.inbound);
    expect(await db.outbox.count()).toBe(before.outbox);
    expect(sends().length).toBe(before.sends);

    // Both processes worked, and neither logged an error.
    for (const w of workers) {
      // One server per worker: the Telegram webhook shares HOST:PORT with the web face.
      expect((await fetch(`http://127.0.0.1:${w.port}/cong-khai`)).status, `public page of worker ${w.name}`).toBe(200);
      expect(w.log.some((l) => l.startsWith("Trang web:")), `worker ${w.name} started its web face`).toBe(true);
      expect(w.child.exitCode, `worker ${w.name} is still running`).toBeNull();
      const errors = w.log.filter((l) => /"level":"error"/.test(l));
      expect(errors, `errors logged by worker ${w.name}`).toEqual([]);
    }

    // Concurrent deliveries of one update: the inbound lease lets only one worker answer.
    const extraAcks = petitions.filter(
      (p) => sends().filter((r) => Number(r.body.chat_id) === Number(p.chatId) && isAckText(sentText(r)) && sentText(r).includes(p.code)).length > 1,
    );
    expect(extraAcks.map((p) => p.code), "petitions acknowledged twice").toEqual([]);
  }, 120_000);

  it("serialises one user's messages across workers: no turn overwrites another's state", async () => {
    const [A, B] = workers as [Worker, Worker];
    const chat = 5201;
    const n = 8;
    const updates = Array.from({ length: n }, (_, i) => textUpdate(chat, `xin chào lần ${i + 1}`));
    // All at once, half to each worker: without a cross-process lease two turns read the
    // same state and the later save drops the other's entry.
    const statuses = await Promise.all(updates.map((u, i) => deliver(i % 2 === 0 ? A : B, u)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await waitUntil(async () => (await db.inboundMessage.count({ where: { chatId: String(chat), status: "processed" } })) === n, 30_000, "all messages of the user handled");
    await waitUntil(async () => fake.calls("sendMessage").filter((r) => Number(r.body.chat_id) === chat).length >= n, 10_000, "a reply to each");
    const row = await db.chatSession.findUniqueOrThrow({ where: { key: `core:telegram:${chat}` } });
    const state = JSON.parse(row.value) as { recent: number[] };
    // Every turn's rate-limit entry survived, and no lease is left behind.
    expect(state.recent).toHaveLength(n);
    expect(row.leaseOwner).toBeNull();
    expect(fake.calls("sendMessage").filter((r) => Number(r.body.chat_id) === chat)).toHaveLength(n);
  }, 60_000);
});

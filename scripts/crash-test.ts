/**
 * Crash test: the real bot is killed with SIGKILL at random points of petition intake,
 * again and again, and nothing may be lost or filed twice.
 *
 *   npm run crash-test -- [--trials 100] [--seed N] [--rate 1.5] [--voters 300] [--max-delay-ms 3000] [--keep] [--json]
 *
 * - The fake Bot API (test/helpers/fake-telegram.ts) runs in this process on 127.0.0.1 and
 *   keeps its state across bot restarts. It behaves like Telegram for redelivery: updates
 *   stay stored until a getUpdates call with a higher offset confirms them, and getUpdates
 *   returns the stored updates with update_id ≥ offset, so whatever a killed bot had fetched
 *   but not confirmed is delivered again to the next process.
 * - The bot is the production entry point, `node --import tsx bot/main.ts`, with
 *   TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT=http://127.0.0.1:<port>, a fresh SQLite database
 *   (prepared by `node scripts/setup.mjs`) and a DATA_DIR reused across restarts (the
 *   retrieval index is built by the first start only). TELEGRAM_STAFF_CHAT_ID is set, so
 *   staff notifications are fanned out and sent too.
 * - Simulated voters send petitions all the time (Poisson arrivals, also while the bot is
 *   down — they queue at "Telegram"). Each trial starts the bot, waits until it polls, then
 *   kills it: at a random moment, or a few milliseconds after an event seen on the wire
 *   (updates delivered: before/inside the transactions; an acknowledgement sent: after the
 *   ack, before the offset is confirmed; a notification sent: between the HTTP send and
 *   marking the outbox row sent). The database is inspected after every kill to record
 *   where the kill landed.
 * - After the last trial the bot runs once more until every update is confirmed, every
 *   inbound message processed, every petition classified and the outbox empty (a killed
 *   process's leases expire: outbox rows after 60 s, inbound messages after 45 s, then the
 *   10 s inbound sweep of main.ts takes them), and is stopped with SIGTERM.
 *
 * Checks (database + every request recorded by the fake):
 * - every update became exactly one InboundMessage, processed, and exactly one petition
 *   ("lost" otherwise); no update produced two petitions ("double petition");
 * - every acknowledgement (a sendMessage with a KN code, in that chat, after the update)
 *   belongs to exactly one petition of an update of that chat;
 * - every outbox row sent exactly once: duplicate notifications are counted and split into
 *   those explained by a kill between the HTTP send and the `sent` mark (at-least-once
 *   delivery) and unexplained ones.
 * Exits non-zero on a lost message, a double petition, an acknowledgement without its
 * petition, or an unexplained duplicate notification.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import type { Update } from "grammy/types";
import { startFakeTelegram, type FakeTelegram, type RecordedRequest } from "../test/helpers/fake-telegram.ts";
import { CODE_RE, isAckText, petitionText, seededRandom, sentText } from "../test/helpers/petition-traffic.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TOKEN = "424242:crash-test";
const STAFF_CHAT = "-100777";
const FIRST_VOTER = 800_000;
/** drainOutbox's default lease (bot/petitions/outbox.ts). */
const OUTBOX_LEASE_MS = 60_000;

const { values: opts } = parseArgs({
  options: {
    trials: { type: "string", default: "100" },
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    rate: { type: "string", default: "1.5" },
    voters: { type: "string", default: "300" },
    "max-delay-ms": { type: "string", default: "3000" },
    keep: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const TRIALS = Number(opts.trials);
const SEED = Number(opts.seed);
const RATE = Number(opts.rate);
const VOTERS = Number(opts.voters);
const MAX_DELAY = Number(opts["max-delay-ms"]);
const rand = seededRandom(SEED);
const trafficRand = seededRandom(SEED ^ 0x5eed);
const log = (line: string) => process.stderr.write(`[crash-test] ${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const uniform = (a: number, b: number) => a + rand() * (b - a);

type KillMode = "random" | "after-delivery" | "after-ack" | "after-notification";
const MODES: KillMode[] = ["random", "after-delivery", "after-ack", "after-notification"];

interface Pushed {
  updateId: number;
  chatId: string;
  at: number;
}

interface Trial {
  n: number;
  mode: KillMode;
  /** The event did not come within the time limit: killed at that limit instead. */
  eventMissed: boolean;
  delayMs: number;
  upMs: number;
  killedAt: number;
  phases: Record<Phase, number>;
}

type Phase =
  | "delivered, not recorded"
  | "recorded, not filed"
  | "filed, no ack yet"
  | "acked, offset unconfirmed"
  | "notification being sent"
  | "filed, not classified";
const PHASES: Phase[] = ["delivered, not recorded", "recorded, not filed", "filed, no ack yet", "acked, offset unconfirmed", "notification being sent", "filed, not classified"];
const PHASE_MEANING: Record<Phase, string> = {
  "delivered, not recorded": "killed before recordInbound committed (update redelivered)",
  "recorded, not filed": "killed between recordInbound and the filing commit (before/inside the transaction)",
  "filed, no ack yet": "killed after the filing commit, before the ack was sent",
  "acked, offset unconfirmed": "killed after the ack, before getUpdates confirmed the offset",
  "notification being sent": "killed while this process had an outbox row claimed (around the HTTP send, before the sent mark)",
  "filed, not classified": "killed before the background classification of a message of this process committed",
};

// ------------------------------------------------------------------ bot process

/** Bot processes still running: killed if this harness stops early, so none is left polling. */
const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of live) c.kill("SIGKILL");
});

class Bot {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly startedAt = Date.now();
  /** Index in fake.requests where this process's requests begin (its getMe). */
  firstRequest = -1;

  constructor(env: Record<string, string>, logFile: WriteStream, private errors: { n: number }) {
    this.child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bot/main.ts")], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    this.child.stderr!.on("data", (d: Buffer) => {
      const s = d.toString("utf8");
      this.errors.n += (s.match(/"level":"error"/g) ?? []).length;
      logFile.write(s);
    });
    live.add(this.child);
    this.exited = new Promise((r) =>
      this.child.once("exit", (code) => {
        live.delete(this.child);
        r(code);
      }),
    );
  }

  /** Resolves once this process has called getMe and then getUpdates. */
  async ready(fake: FakeTelegram, from: number, timeoutMs: number): Promise<void> {
    const dead = this.exited.then((code) => {
      throw new Error(`bot exited during start (code ${code}); see the log`);
    });
    const getMe = await Promise.race([fake.waitForRequest((r) => r.method === "getMe", { from, timeoutMs }), dead]);
    this.firstRequest = fake.requests.indexOf(getMe);
    await Promise.race([fake.waitForRequest((r) => r.method === "getUpdates", { from: this.firstRequest, timeoutMs }), dead]);
  }

  async kill(): Promise<number> {
    const at = Date.now();
    this.child.kill("SIGKILL");
    await this.exited;
    return at;
  }

  async stop(): Promise<void> {
    this.child.kill("SIGTERM");
    const t = setTimeout(() => this.child.kill("SIGKILL"), 20_000);
    await this.exited;
    clearTimeout(t);
  }
}

// ------------------------------------------------------------------ database views

interface DbView {
  inbound: Map<string, { id: number; status: string }>;
  petitions: Map<string, { code: string; status: string; externalId: string | null; chatId: string }>;
  petitionsByExternal: Map<string, string[]>;
  orphanPetitions: number;
  outbox: Array<{ id: number; channel: string; chatId: string; text: string; status: string; dedupeKey: string; attempts: number; availableAt: number }>;
}

function readDb(file: string): DbView {
  const db = new Database(file, { timeout: 10_000 });
  try {
    const inbound = new Map<string, { id: number; status: string }>();
    for (const r of db.prepare("SELECT id, externalId, status FROM InboundMessage WHERE channel = 'telegram'").all() as { id: number; externalId: string; status: string }[]) {
      inbound.set(r.externalId, { id: r.id, status: r.status });
    }
    const petitions = new Map<string, { code: string; status: string; externalId: string | null; chatId: string }>();
    const petitionsByExternal = new Map<string, string[]>();
    let orphanPetitions = 0;
    const rows = db.prepare("SELECT p.code, p.status, p.chatId, i.externalId FROM Petition p LEFT JOIN InboundMessage i ON i.id = p.inboundId").all() as {
      code: string;
      status: string;
      chatId: string;
      externalId: string | null;
    }[];
    for (const r of rows) {
      petitions.set(r.code, r);
      if (!r.externalId) orphanPetitions++;
      else petitionsByExternal.set(r.externalId, [...(petitionsByExternal.get(r.externalId) ?? []), r.code]);
    }
    const outbox = db.prepare("SELECT id, channel, chatId, text, status, dedupeKey, attempts, availableAt FROM Outbox").all() as DbView["outbox"];
    return { inbound, petitions, petitionsByExternal, orphanPetitions, outbox };
  } finally {
    db.close();
  }
}

// ------------------------------------------------------------------ wire views

const isUpdateList = (v: unknown): v is Update[] => Array.isArray(v);

/** update_ids handed out by getUpdates in requests[from..]. */
function deliveredSince(fake: FakeTelegram, from: number): Set<number> {
  const out = new Set<number>();
  for (let i = Math.max(0, from); i < fake.requests.length; i++) {
    const r = fake.requests[i]!;
    if (r.method === "getUpdates" && r.status === 200 && isUpdateList(r.response)) for (const u of r.response) out.add(u.update_id);
  }
  return out;
}

/** Updates below this id are confirmed (the highest offset any getUpdates asked for). */
function confirmedBelow(fake: FakeTelegram): number {
  let max = 0;
  for (const r of fake.requests) if (r.method === "getUpdates") max = Math.max(max, Number(r.body.offset ?? 0));
  return max;
}

function ackCodes(requests: readonly RecordedRequest[]): Map<string, RecordedRequest[]> {
  const out = new Map<string, RecordedRequest[]>();
  for (const r of requests) {
    if (r.method !== "sendMessage" || r.status !== 200) continue;
    const text = sentText(r);
    if (!isAckText(text)) continue;
    const code = CODE_RE.exec(text)![0];
    out.set(code, [...(out.get(code) ?? []), r]);
  }
  return out;
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const t0 = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), "crash-test-"));
  const dbFile = path.join(dir, "crash.db");
  const logFile = createWriteStream(path.join(dir, "bot.log"));
  const fake = await startFakeTelegram({ longPollCapMs: 500 });
  const env: Record<string, string> = {
    DATABASE_URL: `file:${dbFile}`,
    DATA_DIR: path.join(dir, "data"),
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_STAFF_CHAT_ID: STAFF_CHAT,
    LOG_LEVEL: "warn",
    OPENAI_API_KEY: "",
    OPENAI_BASE_URL: "",
  };
  log(`seed ${SEED}; ${TRIALS} trials; ${RATE} messages/s from ${VOTERS} voters; work dir ${dir}`);
  const setup = spawnSync(process.execPath, [path.join(ROOT, "scripts/setup.mjs")], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8" });
  if (setup.status !== 0) throw new Error(`scripts/setup.mjs failed:\n${setup.stdout}${setup.stderr}`);
  log(`database ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // Voters keep writing whether the bot is up or not.
  const pushed: Pushed[] = [];
  let traffic = true;
  const generator = (async () => {
    while (traffic) {
      await sleep(-Math.log(1 - trafficRand()) * (1000 / RATE));
      if (!traffic) break;
      const userId = FIRST_VOTER + Math.floor(trafficRand() * VOTERS);
      const updateId = fake.pushText(petitionText(trafficRand), { userId, chatId: userId, firstName: `Cử tri ${userId}` });
      pushed.push({ updateId, chatId: String(userId), at: Date.now() });
    }
  })();

  const botErrors = { n: 0 };
  const trials: Trial[] = [];
  const killTimes: number[] = [];
  for (let n = 1; n <= TRIALS; n++) {
    const from = fake.requests.length;
    const bot = new Bot(env, logFile, botErrors);
    await bot.ready(fake, from, n === 1 ? 300_000 : 60_000);
    const upAt = Date.now();
    if (n === 1) log(`first start (index build) took ${((upAt - bot.startedAt) / 1000).toFixed(1)} s`);
    const mode = MODES[Math.floor(rand() * MODES.length)]!;
    let eventMissed = false;
    let delayMs: number;
    if (mode === "random") {
      delayMs = uniform(0, MAX_DELAY);
      await sleep(delayMs);
    } else {
      const predicate =
        mode === "after-delivery"
          ? (r: RecordedRequest) => r.method === "getUpdates" && isUpdateList(r.response) && r.response.length > 0
          : mode === "after-ack"
            ? (r: RecordedRequest) => r.method === "sendMessage" && isAckText(sentText(r))
            : (r: RecordedRequest) => r.method === "sendMessage" && !isAckText(sentText(r));
      delayMs = mode === "after-delivery" ? uniform(0, 150) : mode === "after-ack" ? uniform(0, 15) : uniform(0, 8);
      try {
        await fake.waitForRequest(predicate, { from: bot.firstRequest, timeoutMs: 3_000 });
      } catch {
        eventMissed = true;
      }
      await sleep(delayMs);
    }
    const killedAt = await bot.kill();
    killTimes.push(killedAt);

    // Where did the kill land?
    const view = readDb(dbFile);
    const delivered = deliveredSince(fake, bot.firstRequest);
    const acks = ackCodes(fake.requests);
    const confirmed = confirmedBelow(fake);
    const phases = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
    for (const id of delivered) {
      const ext = fake.keyOf(id);
      const row = view.inbound.get(ext);
      const codes = view.petitionsByExternal.get(ext) ?? [];
      if (!row) phases["delivered, not recorded"]++;
      else if (codes.length === 0 && row.status !== "processed") phases["recorded, not filed"]++;
      else if (codes.length === 1 && !acks.has(codes[0]!)) phases["filed, no ack yet"]++;
      else if (codes.length === 1 && id >= confirmed) phases["acked, offset unconfirmed"]++;
    }
    // Claimed by this process: a claim sets availableAt to claim time + the 60 s lease.
    phases["notification being sent"] = view.outbox.filter((o) => o.status === "sending" && Number(o.availableAt) - OUTBOX_LEASE_MS >= bot.startedAt).length;
    phases["filed, not classified"] = [...view.petitions.values()].filter((p) => p.status === "received" && p.externalId && delivered.has(Number(p.externalId.slice(3)))).length;
    trials.push({ n, mode, eventMissed, delayMs: Math.round(delayMs), upMs: killedAt - upAt, killedAt, phases });
    if (n % 10 === 0 || n === TRIALS) {
      log(`trial ${n}/${TRIALS}: ${pushed.length} messages pushed, ${view.petitions.size} petitions, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  }

  // Stop the voters, then let one last process finish everything.
  traffic = false;
  await generator;
  const lastId = Math.max(...pushed.map((p) => p.updateId));
  log(`all trials done; ${pushed.length} messages; final run until everything is processed and sent (leases of killed processes expire: outbox rows 60 s, inbound messages 45 s + the 10 s sweep)`);
  const finalFrom = fake.requests.length;
  const final = new Bot(env, logFile, botErrors);
  await final.ready(fake, finalFrom, 60_000);
  const settleStart = Date.now();
  let settled = false;
  let view = readDb(dbFile);
  while (Date.now() - settleStart < 300_000) {
    await sleep(500);
    view = readDb(dbFile);
    const allProcessed = pushed.every((p) => view.inbound.get(fake.keyOf(p.updateId))?.status === "processed");
    const classified = [...view.petitions.values()].every((p) => p.status !== "received");
    const outboxDone = view.outbox.every((o) => o.status === "sent" || o.status === "failed");
    if (allProcessed && classified && outboxDone && confirmedBelow(fake) > lastId) {
      settled = true;
      break;
    }
  }
  const settleMs = Date.now() - settleStart;
  await sleep(300);
  await final.stop();
  view = readDb(dbFile);

  // ------------------------------------------------------------------ verification
  const requests = fake.requests;
  const acks = ackCodes(requests);
  const pushedByUpdate = new Map(pushed.map((p) => [fake.keyOf(p.updateId), p]));
  let lost = 0;
  let doublePetitions = 0;
  let acknowledged = 0;
  let notAcked = 0;
  let notAckedCodeByNotice = 0;
  let codeNeverReached = 0;
  const doubleAckCodes: string[] = [];
  const lostDetails: string[] = [];
  const sends = requests.filter((r) => r.method === "sendMessage" && r.status === 200);
  const sentToChat = new Map<string, string[]>();
  for (const r of sends) sentToChat.set(String(r.body.chat_id), [...(sentToChat.get(String(r.body.chat_id)) ?? []), sentText(r)]);
  for (const p of pushed) {
    const ext = fake.keyOf(p.updateId);
    const row = view.inbound.get(ext);
    const codes = view.petitionsByExternal.get(ext) ?? [];
    if (codes.length > 1) doublePetitions++;
    if (!row || row.status !== "processed" || codes.length !== 1) {
      lost++;
      if (lostDetails.length < 10) lostDetails.push(`${ext}: inbound ${row ? row.status : "missing"}, petitions ${codes.length}`);
      continue;
    }
    const code = codes[0]!;
    const a = acks.get(code) ?? [];
    if (a.length > 0) acknowledged++;
    if (a.length > 1) doubleAckCodes.push(code);
    if (a.length === 0) {
      notAcked++;
      if ((sentToChat.get(p.chatId) ?? []).some((t) => t.includes(code))) notAckedCodeByNotice++;
      else codeNeverReached++;
    }
  }
  // Every acknowledgement names a petition of an update of that chat, sent after the update.
  let ackWithoutPetition = 0;
  for (const [code, rs] of acks) {
    const p = view.petitions.get(code);
    const update = p?.externalId ? pushedByUpdate.get(p.externalId) : undefined;
    for (const r of rs) if (!p || !update || String(r.body.chat_id) !== update.chatId || r.at < update.at) ackWithoutPetition++;
  }
  const extraInbound = [...view.inbound.keys()].filter((k) => !pushedByUpdate.has(k)).length;

  // Outbox: sends per row, matched on (chat, text).
  const sendsByChatText = new Map<string, RecordedRequest[]>();
  for (const r of sends) {
    const k = `${String(r.body.chat_id)}\u0000${sentText(r)}`;
    sendsByChatText.set(k, [...(sendsByChatText.get(k) ?? []), r]);
  }
  const deliverable = view.outbox.filter((o) => o.channel === "telegram");
  /** Acks re-sent because an outbox row carrying them (a recovered message's reply) went out twice. */
  const outboxAckResends = new Set<RecordedRequest>();
  let notificationsSent = 0;
  let rowsWithDuplicates = 0;
  let duplicateNotifications = 0;
  let explainedDuplicates = 0;
  let unexplainedDuplicates = 0;
  let sentRowsWithoutSend = 0;
  const unexplained: string[] = [];
  for (const o of deliverable) {
    const rs = sendsByChatText.get(`${o.chatId}\u0000${o.text}`) ?? [];
    notificationsSent += rs.length;
    if (o.status === "sent" && rs.length === 0) sentRowsWithoutSend++;
    if (rs.length <= 1) continue;
    rowsWithDuplicates++;
    for (let i = 1; i < rs.length; i++) if (isAckText(o.text)) outboxAckResends.add(rs[i]!);
    for (let i = 1; i < rs.length; i++) {
      duplicateNotifications++;
      const prev = rs[i - 1]!.at;
      const next = rs[i]!.at;
      if (killTimes.some((k) => k >= prev && k <= next)) explainedDuplicates++;
      else {
        unexplainedDuplicates++;
        if (unexplained.length < 10) unexplained.push(`${o.dedupeKey} (attempts ${o.attempts})`);
      }
    }
  }
  // A double ack is "explained" when every extra copy is a re-send of an outbox row after a kill.
  const doubleAcks = doubleAckCodes.length;
  const doubleAcksFromOutboxResend = doubleAckCodes.filter((c) => (acks.get(c) ?? []).filter((r) => !outboxAckResends.has(r)).length === 1).length;
  const outboxByStatus: Record<string, number> = {};
  for (const o of view.outbox) outboxByStatus[`${o.channel === "staff" ? "staff-fanout" : o.channel}:${o.status}`] = (outboxByStatus[`${o.channel === "staff" ? "staff-fanout" : o.channel}:${o.status}`] ?? 0) + 1;

  const phaseTrials = Object.fromEntries(PHASES.map((p) => [p, trials.filter((t) => t.phases[p] > 0).length]));
  const modeCounts = Object.fromEntries(MODES.map((m) => [m, trials.filter((t) => t.mode === m).length]));
  const summary = {
    seed: SEED,
    trials: trials.length,
    killModes: modeCounts,
    eventsMissed: trials.filter((t) => t.eventMissed).length,
    trialsByPhaseAtKill: phaseTrials,
    messages: pushed.length,
    inboundRows: view.inbound.size,
    extraInboundRows: extraInbound,
    acknowledged,
    notAcknowledged: notAcked,
    notAcknowledgedButCodeInNotification: notAckedCodeByNotice,
    codeNeverReachedVoter: codeNeverReached,
    doubleAcks,
    doubleAcksFromOutboxResend,
    ackWithoutPetition,
    petitions: view.petitions.size,
    orphanPetitions: view.orphanPetitions,
    duplicates: doublePetitions,
    lost,
    notificationsSent,
    outboxRows: deliverable.length,
    outbox: outboxByStatus,
    sentRowsWithoutSend,
    duplicateNotifications,
    duplicateNotificationsExplainedByKill: explainedDuplicates,
    duplicateNotificationsUnexplained: unexplainedDuplicates,
    rowsWithDuplicateNotifications: rowsWithDuplicates,
    botErrorLogLines: botErrors.n,
    settled,
    finalSettleS: +(settleMs / 1000).toFixed(1),
    totalS: +((Date.now() - t0) / 1000).toFixed(1),
  };
  const failed = lost > 0 || doublePetitions > 0 || ackWithoutPetition > 0 || unexplainedDuplicates > 0 || extraInbound > 0 || view.orphanPetitions > 0 || !settled;
  await fake.close();
  logFile.end();
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, pass: !failed }, null, 2)}\n`);
  } else {
    const out = [
      `seed                         ${SEED}`,
      `trials                       ${trials.length} (kill modes: ${Object.entries(modeCounts).map(([m, c]) => `${m} ${c}`).join(", ")}; event not seen within 3 s → killed then: ${summary.eventsMissed})`,
      `where the kills landed       (trials in which at least one message was in that state at the kill)`,
      ...PHASES.map((p) => `  ${p.padEnd(27)}${String(phaseTrials[p]).padStart(4)}  — ${PHASE_MEANING[p]}`),
      `messages (updates)           ${pushed.length}; InboundMessage rows ${view.inbound.size} (extra ${extraInbound})`,
      `acknowledged                 ${acknowledged} (double acks ${doubleAcks}, of which ${doubleAcksFromOutboxResend} are outbox re-sends counted below; acks without their petition ${ackWithoutPetition})`,
      `filed without an ack         ${notAcked} (code reached the voter in a later notification: ${notAckedCodeByNotice}; never: ${codeNeverReached})`,
      `petitions                    ${view.petitions.size} (without inbound message ${view.orphanPetitions})`,
      `duplicates (double petition) ${doublePetitions}`,
      `lost                         ${lost}${lostDetails.length ? ` — ${lostDetails.join("; ")}` : ""}`,
      `notifications sent           ${notificationsSent} for ${deliverable.length} outbox rows (${JSON.stringify(outboxByStatus)}; rows marked sent but never seen on the wire: ${sentRowsWithoutSend})`,
      `duplicate notifications      ${duplicateNotifications} in ${rowsWithDuplicates} rows: ${explainedDuplicates} explained by a kill between the HTTP send and the sent mark (at-least-once), ${unexplainedDuplicates} unexplained${unexplained.length ? ` — ${unexplained.join(", ")}` : ""}`,
      `bot error log lines          ${botErrors.n}`,
      `final run                    ${settled ? "settled" : "DID NOT SETTLE"} in ${summary.finalSettleS} s; total ${summary.totalS} s`,
      `result                       ${failed ? "FAIL" : "PASS"}`,
    ];
    process.stdout.write(`${out.join("\n")}\n`);
  }
  if (opts.keep || failed) log(`work dir kept: ${dir} (bot.log, crash.db)`);
  else rmSync(dir, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});

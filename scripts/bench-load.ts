/**
 * Load benchmark: simulated voters file petitions over Telegram against the real bot.
 *
 *   npm run bench -- load [--voters 1000] [--messages 10] [--mode child|inproc] [--seed N]
 *                         [--db sqlite|postgres] [--workers N]
 *                         [--db-dir DIR] [--cpu-prof DIR] [--timeout-s 600] [--sql-breakdown] [--json]
 *
 * The fake Bot API (test/helpers/fake-telegram.ts, loopback only) runs in this process. In
 * `child` mode (default) the bot is the production entry point, `node --import tsx
 * bot/main.ts`, started with TELEGRAM_API_ROOT pointing at the fake, a fresh SQLite file and
 * the offline classifier: what is measured is exactly what `npm start` runs. `inproc` builds
 * the same pieces (createApp + createBot + runTelegram) inside this process (handy with
 * --cpu-prof, but the fake and the bot then share one event loop).
 *
 * `--db postgres` runs the scale-out deployment instead: `--workers N` (default 2) bot
 * processes in webhook mode sharing one fresh schema on TEST_PG_URL (default
 * postgresql://postgres@127.0.0.1:5432/tro_ly_hdnd_test), and this script posts each update
 * to one of them in turn, as a load balancer without stickiness would (a voter's
 * consecutive messages land on different workers). The PostgreSQL server shares the machine.
 *
 * Each voter sends its messages one after another, waiting for the acknowledgement (the
 * reply with the KN code) before sending the next; all voters run at once. Measured:
 * - throughput: petitions acknowledged per second and messages per second (first update
 *   pushed → last acknowledgement), and the time until every petition was classified and
 *   every outbox notification sent (the whole pipeline);
 * - latency from pushing the update to the acknowledgement being received by the fake
 *   (p50/p95/p99/max);
 * - errors: apologies sent to voters, non-2xx answers of the fake, error lines logged by the
 *   bot, acknowledgements that never came (time-out);
 * - lost: updates that did not end as exactly one petition with exactly one
 *   acknowledgement (checked in the database and in the recorded requests);
 * - peak RSS of the bot process (VmHWM) and of this process.
 * - statements and transactions per petition, counted in the bot processes by the preload
 *   scripts/bench-sql-counter.mjs (bench only).
 * Targets (issue 12): 0 errors, 0 lost, ≥ 250 petitions/s on PostgreSQL (≥ 300 on SQLite),
 * ≤ 5 ms bot CPU, ≤ 15 statements and ≤ 4 transactions per petition, peak RSS ≤ 300 MB per worker.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { startFakeTelegram, type FakeTelegram, type RecordedRequest } from "../test/helpers/fake-telegram.ts";
import { freePort } from "../test/helpers/net.ts";
import { applyMigrations, createPgSchema, dropPgSchema, pgReachable, testPgUrl } from "../test/helpers/test-db.ts";
import { CODE_RE, isAckText, percentile, postWebhook, privateTextUpdate, seededRandom, sentText, voterPetitionTexts } from "../test/helpers/petition-traffic.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TOKEN = "123456:bench-load";
const FIRST_USER = 700_000;

const { values: opts } = parseArgs({
  options: {
    voters: { type: "string", default: "1000" },
    messages: { type: "string", default: "10" },
    mode: { type: "string", default: "child" },
    db: { type: "string", default: "sqlite" },
    workers: { type: "string" },
    seed: { type: "string", default: "20260501" },
    "db-dir": { type: "string" },
    "cpu-prof": { type: "string" },
    "timeout-s": { type: "string", default: "600" },
    json: { type: "boolean", default: false },
    "sql-breakdown": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const VOTERS = Number(opts.voters);
const PER_VOTER = Number(opts.messages);
const MODE = opts.mode === "inproc" ? "inproc" : "child";
const ENGINE = opts.db === "postgres" || opts.db === "postgresql" ? "postgres" : "sqlite";
const WORKERS = Number(opts.workers ?? (ENGINE === "postgres" ? 2 : 1));
const HOOK_PATH = "/tg/hook";
const HOOK_SECRET = "bench-load-secret";
const TIMEOUT_MS = Number(opts["timeout-s"]) * 1000;
/** Issue 12's targets (PostgreSQL's throughput target is per the scale-out deployment's first worker). */
const TARGET = {
  petitionsPerS: ENGINE === "postgres" ? 250 : 300,
  botCpuMsPerPetition: 5,
  statementsPerPetition: 15,
  transactionsPerPetition: 4,
  peakRssMbPerWorker: 300,
};
const log = (line: string) => process.stderr.write(`[bench-load] ${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Sent {
  /** The bot's idempotency key of the delivered message. */
  key: string;
  userId: number;
  pushedAt: number;
  ackAt?: number;
}

interface Running {
  /** Resolves with the bot's peak RSS in MB (child; the largest of the workers) once stopped. */
  stop(): Promise<number | null>;
  /** CPU seconds the bot process(es) have used (child; after stop(), the last reading). */
  cpuSeconds(): number | null;
  errorLines(): number;
  /** Hands a voter's text to the bot; resolves with the update_id once it is on its way. */
  deliver(text: string, userId: number, firstName: string, seq: number): Promise<string>;
  /** Webhook answers other than 200 (webhook mode). */
  webhookErrors(): number;
  /** SQL statements and transactions the bot process(es) have sent so far (child; null in process); call flushSqlCounts first. */
  sqlCounts(): SqlCounts | null;
  flushSqlCounts(): void;
}

interface SqlCounts {
  statements: number;
  transactions: number;
  /** Peak MB by kind (process.memoryUsage, sampled each second; one worker's). */
  memoryMb?: Record<string, number>;
  /** With --sql-breakdown: [statement text, count], most frequent first (one worker's). */
  breakdown?: [string, number][];
}

interface BotProcess {
  child: ChildProcess;
  exited: Promise<void>;
  errors(): number;
  tail(): string;
  /** CPU seconds used so far (the last reading once the process is gone). */
  cpu(): number | null;
  /** Stops the process; resolves with its peak RSS in MB. */
  stop(): Promise<number | null>;
  /** Asks the counting preload to write its figures now. */
  flushSql(): void;
  /** Statements and transactions counted by scripts/bench-sql-counter.mjs (last written figures). */
  sql(): SqlCounts;
}

/** The production entry point, `node --import tsx bot/main.ts`, as a child process. */
function spawnBot(fake: FakeTelegram, env: Record<string, string>, countsFile: string): BotProcess {
  // The counting preload wraps the drivers in the bench's processes only.
  const counter = pathToFileURL(path.join(ROOT, "scripts/bench-sql-counter.mjs"));
  counter.searchParams.set("out", countsFile);
  if (opts["sql-breakdown"]) counter.searchParams.set("breakdown", "1");
  // The loader (tsx) takes a URL ending in ".json" for a JSON module: end on another parameter.
  counter.searchParams.set("v", "1");
  const args = ["--import", "tsx", "--import", counter.href];
  // One profile per thread, named CPU.<date>.<time>.<pid>.<tid>...: the bot's is the larger one.
  if (opts["cpu-prof"]) args.push("--cpu-prof", `--cpu-prof-dir=${path.resolve(opts["cpu-prof"])}`);
  args.push(path.join(ROOT, "bot/main.ts"));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, TELEGRAM_API_ROOT: fake.apiRoot },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = 0;
  let tail = "";
  child.stderr!.on("data", (d: Buffer) => {
    const s = d.toString("utf8");
    errors += (s.match(/"level":"error"/g) ?? []).length;
    tail = (tail + s).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  let hwm: number | null = null;
  let cpuS: number | null = null;
  const readCpu = () => {
    try {
      // utime + stime (fields 14 and 15 of /proc/<pid>/stat) in clock ticks (100/s on Linux).
      const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      cpuS = (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      /* gone: keep the last reading */
    }
    return cpuS;
  };
  return {
    child,
    exited,
    errors: () => errors,
    tail: () => tail,
    cpu: readCpu,
    flushSql: () => void child.kill("SIGUSR2"),
    sql() {
      try {
        return JSON.parse(readFileSync(countsFile, "utf8")) as SqlCounts;
      } catch {
        return { statements: 0, transactions: 0 };
      }
    },
    async stop() {
      readCpu();
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (m) hwm = Number(m[1]) / 1024;
      } catch {
        /* gone */
      }
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(killer);
      return hwm;
    },
  };
}

/** One bot process, long polling the fake (the embedded default). */
async function startChild(fake: FakeTelegram, env: Record<string, string>, dir: string): Promise<Running> {
  const bot = spawnBot(fake, env, path.join(dir, "sql-counts.json"));
  const from = fake.requests.length;
  await Promise.race([
    fake.waitForRequest((r) => r.method === "getUpdates", { from, timeoutMs: 180_000 }),
    bot.exited.then(() => {
      throw new Error(`bot exited during start:\n${bot.tail()}`);
    }),
  ]);
  return {
    errorLines: bot.errors,
    cpuSeconds: bot.cpu,
    webhookErrors: () => 0,
    sqlCounts: () => bot.sql(),
    flushSqlCounts: () => bot.flushSql(),
    deliver: async (text, userId, firstName) => fake.keyOf(fake.pushText(text, { userId, chatId: userId, firstName })),
    stop: () => bot.stop(),
  };
}

/** `count` bot processes in webhook mode on one database; updates are posted to them in turn. */
async function startWorkers(fake: FakeTelegram, env: Record<string, string>, dir: string, count: number): Promise<Running> {
  const workers: { bot: BotProcess; port: number }[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const bot = spawnBot(
      fake,
      {
        ...env,
        // Each worker builds its own copy of the retrieval index.
        DATA_DIR: path.join(dir, `data-${i}`),
        TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}${HOOK_PATH}`,
        TELEGRAM_WEBHOOK_SECRET: HOOK_SECRET,
        PORT: String(port),
      },
      path.join(dir, `sql-counts-${i}.json`),
    );
    workers.push({ bot, port });
  }
  const end = Date.now() + 180_000;
  for (const w of workers) {
    for (;;) {
      if (w.bot.child.exitCode !== null) throw new Error(`worker on port ${w.port} exited during start:\n${w.bot.tail()}`);
      const ok = await fetch(`http://127.0.0.1:${w.port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > end) throw new Error(`worker on port ${w.port} not healthy after 180 s:\n${w.bot.tail()}`);
      await sleep(100);
    }
  }
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let webhookErrors = 0;
  return {
    errorLines: () => workers.reduce((n, w) => n + w.bot.errors(), 0),
    cpuSeconds: () => workers.reduce((n, w) => n + (w.bot.cpu() ?? 0), 0),
    webhookErrors: () => webhookErrors,
    flushSqlCounts: () => workers.forEach((w) => w.bot.flushSql()),
    sqlCounts: () =>
      workers.reduce(
        (n, w) => {
          const c = w.bot.sql();
          return { statements: n.statements + c.statements, transactions: n.transactions + c.transactions, breakdown: n.breakdown ?? c.breakdown, memoryMb: n.memoryMb ?? c.memoryMb };
        },
        { statements: 0, transactions: 0 } as SqlCounts,
      ),
    async deliver(text, userId, firstName, seq) {
      const update = privateTextUpdate({ updateId: nextUpdateId++, messageId: nextMessageId++ }, userId, firstName, text);
      const w = workers[seq % workers.length]!;
      // Not awaited by the voter: the acknowledgement (a sendMessage to the fake) is what it waits for.
      void postWebhook(`http://127.0.0.1:${w.port}${HOOK_PATH}`, HOOK_SECRET, update).then(
        (status) => {
          if (status !== 200) webhookErrors++;
        },
        () => webhookErrors++,
      );
      return `tg:${fake.botInfo.id}:m:${userId}:${String(update.message.message_id)}`;
    },
    async stop() {
      const peaks = await Promise.all(workers.map((w) => w.bot.stop()));
      return Math.max(...peaks.map((p) => p ?? 0));
    },
  };
}

async function startInProcess(fake: FakeTelegram, env: Record<string, string>): Promise<Running> {
  const { loadConfig } = await import("../bot/config.ts");
  const { createApp } = await import("../bot/app.ts");
  const { createBot } = await import("../bot/channels/telegram/create-bot.ts");
  const { createSessionStorage } = await import("../bot/channels/telegram/session-storage.ts");
  const { runTelegram } = await import("../bot/channels/telegram/run.ts");
  const { sendNotification } = await import("../bot/channels/telegram/notifier.ts");
  const { createLogger } = await import("../bot/logger.ts");
  let errors = 0;
  const base = createLogger("warn");
  const logger = { ...base, error: (m: string, meta?: Record<string, unknown>) => (errors++, base.error(m, meta)) };
  const config = loadConfig({ ...process.env, ...env, TELEGRAM_API_ROOT: fake.apiRoot });
  const app = await createApp(config, { log: logger });
  const bot = createBot(TOKEN, { core: app.core, apiRoot: fake.apiRoot, sessionStorage: createSessionStorage(app.db), logger, botInfo: fake.botInfo });
  app.dispatcher.register("telegram", (n) => sendNotification(bot.api, n));
  const running = await runTelegram(bot, { logger });
  app.dispatcher.start();
  await app.core.recover();
  return {
    errorLines: () => errors,
    cpuSeconds: () => null,
    webhookErrors: () => 0,
    sqlCounts: () => null,
    flushSqlCounts: () => {},
    deliver: async (text, userId, firstName) => fake.keyOf(fake.pushText(text, { userId, chatId: userId, firstName })),
    async stop() {
      await running.stop();
      await app.close();
      return null;
    },
  };
}

/** Busy and total CPU ticks of the whole machine (all processes, PostgreSQL included), from /proc/stat. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0); // idle + iowait
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Read-only queries for the checks, on either engine (identifiers quoted for PostgreSQL). */
interface Reader {
  all<T>(sql: string): Promise<T[]>;
  count(sql: string): Promise<number>;
  close(): Promise<void>;
}

function sqliteReader(file: string): Reader {
  const ro = new Database(file, { readonly: true, timeout: 10_000 });
  return {
    all: async <T>(sql: string) => ro.prepare(sql).all() as T[],
    count: async (sql) => Number((ro.prepare(sql).get() as { n: number | bigint }).n),
    close: async () => void ro.close(),
  };
}

async function pgReader(schema: string): Promise<Reader> {
  const u = new URL(testPgUrl());
  u.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: u.toString(), options: `-c search_path="${schema}"` });
  await client.connect();
  return {
    all: async <T>(sql: string) => (await client.query(sql)).rows as T[],
    count: async (sql) => Number((await client.query(sql)).rows[0].n),
    close: () => client.end(),
  };
}

/** Bad options or a missing server: a one-line message, no stack. */
class UsageError extends Error {}

async function main(): Promise<void> {
  if (!["sqlite", "postgres", "postgresql"].includes(opts.db!)) throw new UsageError(`--db must be sqlite or postgres, not "${opts.db}"`);
  if (ENGINE === "sqlite" && WORKERS !== 1) throw new UsageError("--workers needs --db postgres: SQLite is one process's embedded file");
  if (!(Number.isInteger(WORKERS) && WORKERS >= 1)) throw new UsageError("--workers must be a whole number ≥ 1");
  if (ENGINE === "postgres" && MODE !== "child") throw new UsageError("--db postgres runs the bot as worker processes (no --mode inproc)");
  if (ENGINE === "postgres" && !(await pgReachable())) throw new UsageError(`PostgreSQL unreachable at ${new URL(testPgUrl()).host} (set TEST_PG_URL)`);
  const dir = mkdtempSync(path.join(opts["db-dir"] ?? os.tmpdir(), "bench-load-"));
  const dbFile = path.join(dir, "bench.db");
  let databaseUrl = `file:${dbFile}`;
  let pgSchema: string | null = null;
  if (ENGINE === "postgres") {
    const created = await createPgSchema();
    pgSchema = created.schema;
    databaseUrl = created.url;
  } else {
    applyMigrations(dbFile);
  }
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: path.join(dir, "data"),
    TELEGRAM_BOT_TOKEN: TOKEN,
    LOG_LEVEL: "warn",
    // Offline classifier and answers: the benchmark measures the bot, not an LLM.
    OPENAI_API_KEY: "",
    OPENAI_BASE_URL: "",
  };
  const fake = await startFakeTelegram({ longPollCapMs: 1000 });
  const t0 = performance.now();
  const setup = ENGINE === "postgres" ? `${WORKERS} webhook worker(s) on PostgreSQL schema ${pgSchema}` : `${MODE}, SQLite, long polling`;
  log(`starting the bot (${setup}); the first start builds the retrieval index under ${dir}`);
  const bot =
    ENGINE === "postgres" ? await startWorkers(fake, env, dir, WORKERS) : MODE === "child" ? await startChild(fake, env, dir) : await startInProcess(fake, env);
  const startupMs = performance.now() - t0;
  const startupCpuS = bot.cpuSeconds() ?? 0;
  // Counted from here: what start-up ran (migrations check, index build reads) is not a petition's.
  bot.flushSqlCounts();
  await sleep(300);
  const startupSql = bot.sqlCounts();
  log(`bot ready after ${(startupMs / 1000).toFixed(1)} s; ${VOTERS} voters × ${PER_VOTER} messages`);

  // ------------------------------------------------------------ traffic
  const rand = seededRandom(Number(opts.seed));
  const texts: string[][] = Array.from({ length: VOTERS }, () => voterPetitionTexts(rand, PER_VOTER));
  const sent: Sent[] = [];
  /** The one outstanding message of each voter (chat id → message). */
  const waiting = new Map<number, { s: Sent; done: () => void }>();
  let scanned = fake.requests.length;
  let unexpectedReplies = 0;
  /** The first few unexpected replies, printed to tell a bot problem from a traffic problem. */
  const unexpectedSamples: string[] = [];
  let apologies = 0;
  // Polls the fake's request log every 2 ms to time acknowledgements: far below croner's
  // one-second resolution (lib/periodic.ts), so a plain timer.
  const watcher = setInterval(() => {
    const reqs = fake.requests;
    for (; scanned < reqs.length; scanned++) {
      const r = reqs[scanned]!;
      if (r.method !== "sendMessage" || r.status !== 200) continue;
      const text = sentText(r);
      const chat = Number(r.body.chat_id);
      if (/sự cố/.test(text)) apologies++;
      const w = waiting.get(chat);
      if (!w) continue;
      if (isAckText(text)) {
        w.s.ackAt = r.at;
        waiting.delete(chat);
        w.done();
      } else if (!/^Kiến nghị KN-|^Nội dung kiến nghị KN-/.test(text)) {
        unexpectedReplies++;
        if (unexpectedSamples.length < 5) unexpectedSamples.push(text.slice(0, 160).replace(/\n/g, " ⏎ "));
      }
    }
  }, 2);

  const deadline = Date.now() + TIMEOUT_MS;
  let timedOut = 0;
  const trafficStart = Date.now();
  const harnessCpuStart = process.cpuUsage();
  const machineStart = machineTicks();
  await Promise.all(
    texts.map(async (mine, v) => {
      const userId = FIRST_USER + v;
      for (const [i, text] of mine.entries()) {
        if (Date.now() > deadline) return;
        const s: Sent = { key: "", userId, pushedAt: 0 };
        const acked = new Promise<void>((done) => waiting.set(userId, { s, done }));
        s.pushedAt = Date.now();
        s.key = await bot.deliver(text, userId, `Cử tri ${v}`, v + i);
        sent.push(s);
        const ok = await Promise.race([acked.then(() => true), sleep(Math.max(0, Math.min(120_000, deadline - Date.now()))).then(() => false)]);
        if (!ok) {
          timedOut++;
          waiting.delete(userId);
          return; // this voter gives up
        }
      }
    }),
  );
  const harnessCpu = process.cpuUsage(harnessCpuStart);
  const machineEnd = machineTicks();
  // Cores kept busy during intake: busy share of all ticks × number of cores.
  const machineBusyCores =
    machineStart && machineEnd && machineEnd.total > machineStart.total
      ? +(((machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total)) * os.cpus().length).toFixed(2)
      : null;
  const lastAck = Math.max(...sent.map((s) => s.ackAt ?? 0));
  const intakeMs = lastAck - trafficStart;
  log(`all voters done in ${((Date.now() - trafficStart) / 1000).toFixed(1)} s; waiting for classification and notifications`);

  // ------------------------------------------------------------ pipeline drain
  const ro = pgSchema ? await pgReader(pgSchema) : sqliteReader(dbFile);
  let drainedAt = 0;
  while (Date.now() < deadline + 120_000) {
    const received = await ro.count(`SELECT COUNT(*) AS n FROM "Petition" WHERE status = 'received'`);
    const open = await ro.count(`SELECT COUNT(*) AS n FROM "Outbox" WHERE status IN ('pending','sending')`);
    const petitions = await ro.count(`SELECT COUNT(*) AS n FROM "Petition"`);
    if (received === 0 && open === 0 && petitions >= sent.filter((s) => s.ackAt).length) {
      drainedAt = Date.now();
      break;
    }
    await sleep(100);
  }
  clearInterval(watcher);
  const pipelineMs = (drainedAt || Date.now()) - trafficStart;
  const botPeakMb = await bot.stop();
  const endSql = bot.sqlCounts();
  if (endSql?.breakdown) for (const [text, n] of endSql.breakdown.slice(0, 40)) log(`sql ${(n / Math.max(1, sent.length)).toFixed(2).padStart(6)}/msg  ${text}`);

  // ------------------------------------------------------------ verification
  const inbound = await ro.all<{ id: number; externalId: string; status: string }>(
    `SELECT id, "externalId", status FROM "InboundMessage" WHERE channel = 'telegram'`,
  );
  const petitionsRows = await ro.all<{ code: string; status: string; externalId: string | null }>(
    `SELECT p.code, p.status, i."externalId" AS "externalId" FROM "Petition" p LEFT JOIN "InboundMessage" i ON i.id = p."inboundId"`,
  );
  const outbox = await ro.all<{ status: string; n: number }>(`SELECT status, COUNT(*) AS n FROM "Outbox" GROUP BY status`);
  await ro.close();
  if (pgSchema) await dropPgSchema(pgSchema);
  const petitionsByUpdate = new Map<string, string[]>();
  for (const p of petitionsRows) if (p.externalId) petitionsByUpdate.set(p.externalId, [...(petitionsByUpdate.get(p.externalId) ?? []), p.code]);
  const acksByCode = new Map<string, number>();
  const sendMessages = fake.requests.filter((r: RecordedRequest) => r.method === "sendMessage");
  for (const r of sendMessages) {
    const text = sentText(r);
    if (r.status === 200 && isAckText(text)) {
      const code = CODE_RE.exec(text)![0];
      acksByCode.set(code, (acksByCode.get(code) ?? 0) + 1);
    }
  }
  const inboundIds = new Set(inbound.map((i) => i.externalId));
  let lost = 0;
  let doublePetitions = 0;
  let doubleAcks = 0;
  for (const s of sent) {
    const codes = petitionsByUpdate.get(s.key) ?? [];
    if (codes.length > 1) doublePetitions++;
    const acks = codes.length === 1 ? (acksByCode.get(codes[0]!) ?? 0) : 0;
    if (acks > 1) doubleAcks++;
    if (!inboundIds.has(s.key) || codes.length !== 1 || acks !== 1) lost++;
  }
  const fakeErrors = fake.requests.filter((r) => r.status !== 200).length;
  const latencies = sent.filter((s) => s.ackAt).map((s) => s.ackAt! - s.pushedAt).sort((a, b) => a - b);
  const acked = latencies.length;
  const notifications = sendMessages.filter((r) => r.status === 200 && !isAckText(sentText(r))).length;
  const webhookErrors = bot.webhookErrors();
  const result = {
    mode: MODE,
    database: ENGINE,
    workers: WORKERS,
    voters: VOTERS,
    messagesPerVoter: PER_VOTER,
    messages: sent.length,
    acknowledged: acked,
    petitions: petitionsRows.length,
    inbound: inbound.length,
    startupS: +(startupMs / 1000).toFixed(2),
    intakeS: +(intakeMs / 1000).toFixed(2),
    petitionsPerS: +((petitionsRows.length / intakeMs) * 1000).toFixed(1),
    messagesPerS: +((acked / intakeMs) * 1000).toFixed(1),
    pipelineS: +(pipelineMs / 1000).toFixed(2),
    pipelinePetitionsPerS: +((petitionsRows.length / pipelineMs) * 1000).toFixed(1),
    pipelineDrained: drainedAt > 0,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN },
    errors: {
      total: apologies + fakeErrors + webhookErrors + bot.errorLines() + timedOut + unexpectedReplies,
      apologies,
      fakeNon200: fakeErrors,
      webhookNon200: webhookErrors,
      botErrorLogLines: bot.errorLines(),
      ackTimeouts: timedOut,
      unexpectedReplies,
    },
    lost,
    doublePetitions,
    doubleAcks,
    notificationsSent: notifications,
    outbox: Object.fromEntries(outbox.map((o) => [o.status, Number(o.n)])),
    peakRssMb: { bot: botPeakMb === null ? null : Math.round(botPeakMb), harness: Math.round(process.resourceUsage().maxRSS / 1024) },
    // CPU of the whole bot process (start-up included) per petition: steadier than
    // throughput, which moves ±20 % between runs with how updates batch up.
    harnessCpuMsPerPetition: +((harnessCpu.user + harnessCpu.system) / 1000 / Math.max(1, sent.length)).toFixed(2),
    botCpuMsPerPetition: bot.cpuSeconds() === null ? null : +(((bot.cpuSeconds()! - startupCpuS) * 1000) / Math.max(1, petitionsRows.length)).toFixed(2),
    machineBusyCores: { busy: machineBusyCores, of: os.cpus().length },
    // Every statement the bot sent after start-up (BEGIN/COMMIT, polling and sweeps included),
    // per petition: from the message stored to its notification marked sent.
    sqlPerPetition:
      startupSql && endSql
        ? {
            statements: +((endSql.statements - startupSql.statements) / Math.max(1, petitionsRows.length)).toFixed(2),
            transactions: +((endSql.transactions - startupSql.transactions) / Math.max(1, petitionsRows.length)).toFixed(2),
          }
        : null,
    unexpectedSamples,
    botMemoryPeakMb: endSql?.memoryMb ?? null,
    target: TARGET,
  };
  const checks = {
    throughput: result.petitionsPerS >= TARGET.petitionsPerS,
    cpu: result.botCpuMsPerPetition === null || result.botCpuMsPerPetition <= TARGET.botCpuMsPerPetition,
    statements: result.sqlPerPetition === null || result.sqlPerPetition.statements <= TARGET.statementsPerPetition,
    transactions: result.sqlPerPetition === null || result.sqlPerPetition.transactions <= TARGET.transactionsPerPetition,
    rss: result.peakRssMb.bot === null || result.peakRssMb.bot <= TARGET.peakRssMbPerWorker,
  };
  const pf = (ok: boolean) => (ok ? "PASS" : "FAIL");
  const pass = result.errors.total === 0 && lost === 0 && Object.values(checks).every(Boolean);
  await fake.close();
  if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...result, pass }, null, 2)}\n`);
  } else {
    const L = result.latencyMs;
    const lines = [
      `mode                      ${
        ENGINE === "postgres"
          ? `${WORKERS} webhook worker process(es) (node --import tsx bot/main.ts) on PostgreSQL, updates posted to them in turn`
          : MODE === "child"
            ? "child (node --import tsx bot/main.ts), SQLite, long polling"
            : "inproc (createApp + createBot in this process), SQLite, long polling"
      }`,
      `voters × messages         ${VOTERS} × ${PER_VOTER} = ${sent.length} messages sent`,
      `bot start (index build)   ${result.startupS} s`,
      `acknowledged / petitions  ${acked} / ${result.petitions} (inbound rows ${result.inbound})`,
      `intake time               ${result.intakeS} s (first update → last acknowledgement)`,
      `throughput                ${result.petitionsPerS} petitions/s, ${result.messagesPerS} messages/s   target ≥ ${TARGET.petitionsPerS} petitions/s ${pf(checks.throughput)}`,
      `latency update → ack      p50 ${L.p50} ms, p95 ${L.p95} ms, p99 ${L.p99} ms, max ${L.max} ms`,
      `whole pipeline            ${result.pipelineS} s until all classified + notified (${result.pipelinePetitionsPerS} petitions/s)${result.pipelineDrained ? "" : " — NOT DRAINED"}`,
      `notifications sent        ${notifications}; outbox ${JSON.stringify(result.outbox)}`,
      `errors                    ${result.errors.total} (apologies ${apologies}, fake non-200 ${fakeErrors}${ENGINE === "postgres" ? `, webhook non-200 ${webhookErrors}` : ""}, bot error logs ${bot.errorLines()}, ack time-outs ${timedOut}, unexpected replies ${unexpectedReplies})   target 0 ${result.errors.total === 0 ? "PASS" : "FAIL"}`,
      ...unexpectedSamples.map((t) => `  unexpected reply        ${t}`),
      `lost                      ${lost} (double petitions ${doublePetitions}, double acks ${doubleAcks})   target 0 ${lost === 0 ? "PASS" : "FAIL"}`,
      `CPU per petition          bot ${result.botCpuMsPerPetition ?? "(in process)"} ms (after start-up${WORKERS > 1 ? `, ${WORKERS} workers together` : ""}), harness ${result.harnessCpuMsPerPetition} ms (fake Bot API + voters, during intake)   target ≤ ${TARGET.botCpuMsPerPetition} ms ${pf(checks.cpu)}`,
      `statements per petition   ${result.sqlPerPetition?.statements ?? "(in process: not counted)"} (every statement the bot sent after start-up, BEGIN/COMMIT included)   target ≤ ${TARGET.statementsPerPetition} ${pf(checks.statements)}`,
      `transactions per petition ${result.sqlPerPetition?.transactions ?? "(in process: not counted)"}   target ≤ ${TARGET.transactionsPerPetition} ${pf(checks.transactions)}`,
      `machine CPU during intake ${machineBusyCores ?? "?"} of ${os.cpus().length} cores busy (every process${ENGINE === "postgres" ? ", PostgreSQL included" : ""})`,
      `peak RSS                  bot ${result.peakRssMb.bot ?? "(in process)"} MB${WORKERS > 1 ? " (largest worker)" : ""}, harness ${result.peakRssMb.harness} MB   target ≤ ${TARGET.peakRssMbPerWorker} MB per worker ${pf(checks.rss)}`,
      ...(result.botMemoryPeakMb ? [`bot memory peaks         ${Object.entries(result.botMemoryPeakMb).map(([k, v]) => `${k} ${v} MB`).join(", ")}${WORKERS > 1 ? " (first worker)" : ""}`] : []),
      `result                    ${pass ? "PASS" : "FAIL"}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  process.exit(pass ? 0 : 1);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`bench-load: ${err.message}\n`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});

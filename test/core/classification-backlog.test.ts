/**
 * A burst that outruns classification: at most CLASSIFICATION_QUEUE_MAX petitions wait in
 * memory; the others stay "received" in the database and are read back by id as the line
 * empties. Every petition is acknowledged at once and ends classified, once. At shutdown the
 * backlog is left in the database, and the next start's recover() takes it back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../bot/app.ts";
import { createMessageClassifier } from "../../bot/classify/message-classifier.ts";
import type { MessageClassifier } from "../../bot/classify/message-classifier.ts";
import { incomingMessageSchema } from "../../bot/core/types.ts";
import type { Config } from "../../bot/config.ts";
import type { Logger } from "../../bot/logger.ts";
import type { Inspector } from "../helpers/test-db.ts";
import { recordingLogger, startAppOnTempStore } from "../helpers/integration-app.ts";
import { CODE_RE, petitionText, seededRandom } from "../helpers/petition-traffic.ts";

const MAX_QUEUED = 3;
const RUNNING = 4; // ClassificationQueue concurrency
const VOTERS = 14;

/** A classifier whose LLM stalls until `release()`; counts the classifications started. */
function stalledClassifier() {
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const state = { started: 0, release: () => release() };
  const wrap = (config: Config, l: Logger): MessageClassifier => {
    const real = createMessageClassifier(config, l);
    return {
      quick: (text) => real.quick(text),
      async full(text) {
        state.started++;
        await gate;
        return real.full(text);
      },
    };
  };
  return { state, wrap };
}

const message = (i: number, text: string) =>
  incomingMessageSchema.parse({ channel: "console", externalId: `burst-${i}`, chatId: `v${i}`, userId: `v${i}`, text });

/** VOTERS voters file a petition each; resolves with the codes acknowledged. */
async function burst(app: App, seed: number): Promise<string[]> {
  const rand = seededRandom(seed);
  const codes: string[] = [];
  for (let i = 0; i < VOTERS; i++) {
    const replies: string[] = [];
    await app.core.handle(message(i, `${petitionText(rand)} ở ngõ ${i + 1}`), { send: async (r) => void replies.push(r.text) });
    const code = replies.map((t) => CODE_RE.exec(t)?.[0]).find(Boolean);
    expect(code, replies.join(" | ")).toBeTruthy();
    codes.push(code!);
  }
  return codes;
}

/** One status change out of "received" per petition: each was classified exactly once. */
async function classifiedOnce(db: Inspector): Promise<void> {
  expect(await db.petition.count({ where: { status: "received" } })).toBe(0);
  const changes = await db.petitionStatusChange.groupBy({ by: ["petitionId"], where: { fromStatus: "received" }, _count: { _all: true } });
  expect(changes).toHaveLength(VOTERS);
  expect(changes.every((c) => c._count._all === 1)).toBe(true);
}

describe("classification backlog beyond CLASSIFICATION_QUEUE_MAX", () => {
  let app: App;
  let db: Inspector;
  let cleanup: () => Promise<void>;
  const log = recordingLogger();
  const llm = stalledClassifier();

  beforeAll(async () => {
    ({ app, prisma: db, cleanup } = await startAppOnTempStore({ log, env: { CLASSIFICATION_QUEUE_MAX: String(MAX_QUEUED) }, classifier: llm.wrap }));
  }, 120_000);
  afterAll(async () => {
    llm.state.release();
    await cleanup?.();
  });

  it("keeps at most the running jobs plus MAX waiting in memory, and classifies every petition once", async () => {
    const codes = await burst(app, 77);
    // Everything was filed and acknowledged while the LLM stalled.
    expect(await db.petition.count({ where: { status: "received" } })).toBe(VOTERS);
    await new Promise((r) => setTimeout(r, 50));
    expect(llm.state.started).toBe(RUNNING);
    expect(app.core.backlog()).toEqual({ running: RUNNING, waiting: MAX_QUEUED, inDatabase: VOTERS - RUNNING - MAX_QUEUED, retrying: 0 });

    llm.state.release();
    await app.core.idle();
    expect(app.core.backlog()).toEqual({ running: 0, waiting: 0, inDatabase: 0, retrying: 0 });
    const rows = await db.petition.findMany({ select: { code: true } });
    expect(rows.map((r) => r.code).sort()).toEqual([...codes].sort());
    await classifiedOnce(db);
    // Read back by id: no petition went to the classifier twice.
    expect(llm.state.started).toBe(VOTERS);
    expect(log.errors()).toEqual([]);
  });
});

describe("shutdown with a backlog", () => {
  let first: Awaited<ReturnType<typeof startAppOnTempStore>>;
  const log = recordingLogger();
  const llm = stalledClassifier();

  beforeAll(async () => {
    first = await startAppOnTempStore({ log, env: { CLASSIFICATION_QUEUE_MAX: String(MAX_QUEUED) }, classifier: llm.wrap });
  }, 120_000);
  afterAll(async () => {
    llm.state.release();
    await first?.cleanup();
  });

  it("finishes what is in memory, leaves the rest 'received' for the next start, which classifies it", async () => {
    await burst(first.app, 78);
    const inDatabase = VOTERS - RUNNING - MAX_QUEUED;
    expect(first.app.core.backlog().inDatabase).toBe(inDatabase);

    const stopped = first.app.core.shutdown();
    llm.state.release();
    await stopped;
    // Shutdown waited for the running and waiting ones only; the backlog was not read back.
    expect(llm.state.started).toBe(RUNNING + MAX_QUEUED);
    expect(await first.prisma.petition.count({ where: { status: "received" } })).toBe(inDatabase);

    // The next start on the same database: recover() takes the backlog back.
    const next = await createApp(first.config, { log, db: first.db });
    expect(await next.core.recover()).toBeGreaterThanOrEqual(inDatabase);
    await next.core.idle();
    await next.core.shutdown();
    await next.dispatcher.stop();
    await classifiedOnce(first.prisma);
    expect(log.errors()).toEqual([]);
  });
});

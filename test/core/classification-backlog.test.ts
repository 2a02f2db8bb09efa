/**
 * A burst that outruns classification: at most CLASSIFICATION_QUEUE_MAX petitions wait in
 * memory; the others stay "received" in the database and are read back as the line empties.
 * Every petition is acknowledged at once and ends classified; none is classified twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../bot/app.ts";
import { createMessageClassifier } from "../../bot/classify/message-classifier.ts";
import { incomingMessageSchema } from "../../bot/core/types.ts";
import type { Db } from "../../bot/store/db.ts";
import { recordingLogger, startAppOnTempStore } from "../helpers/integration-app.ts";
import { CODE_RE, petitionText, seededRandom } from "../helpers/petition-traffic.ts";

const MAX_QUEUED = 3;
const VOTERS = 14;

let app: App;
let db: Db;
let cleanup: () => Promise<void>;
const log = recordingLogger();
/** Background classifications started, and the most in flight (running + waiting) at once. */
let started = 0;
let release: () => void = () => {};
const gate = new Promise<void>((r) => (release = r));

beforeAll(async () => {
  const s = await startAppOnTempStore({
    log,
    env: { CLASSIFICATION_QUEUE_MAX: String(MAX_QUEUED) },
    classifier: (config, l) => {
      const real = createMessageClassifier(config, l);
      return {
        quick: (text) => real.quick(text),
        async full(text) {
          started++;
          await gate; // a stalled LLM: nothing finishes until the test lets it
          return real.full(text);
        },
      };
    },
  });
  ({ app, db, cleanup } = s);
}, 120_000);

afterAll(async () => {
  release();
  await cleanup?.();
});

const message = (i: number, text: string) =>
  incomingMessageSchema.parse({ channel: "console", externalId: `burst-${i}`, chatId: `v${i}`, userId: `v${i}`, text });

describe("classification backlog beyond CLASSIFICATION_QUEUE_MAX", () => {
  it("keeps at most the running jobs plus MAX waiting in memory, and classifies every petition once", async () => {
    const rand = seededRandom(77);
    const codes: string[] = [];
    for (let i = 0; i < VOTERS; i++) {
      const replies: string[] = [];
      await app.core.handle(message(i, `${petitionText(rand)} ở ngõ ${i + 1}`), { send: async (r) => void replies.push(r.text) });
      const code = replies.map((t) => CODE_RE.exec(t)?.[0]).find(Boolean);
      expect(code, replies.join(" | ")).toBeTruthy();
      codes.push(code!);
    }
    // Everything was filed and acknowledged; only 4 running + MAX_QUEUED waiting were taken.
    expect(await db.petition.count()).toBe(VOTERS);
    expect(await db.petition.count({ where: { status: "received" } })).toBe(VOTERS);
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toBe(4); // JobQueue concurrency: the others wait (in memory or in the database)
    expect(app.core.backlog()).toEqual({ running: 4, waiting: MAX_QUEUED, inDatabase: true });

    release();
    await app.core.idle();
    expect(app.core.backlog()).toEqual({ running: 0, waiting: 0, inDatabase: false });

    const rows = await db.petition.findMany({ select: { code: true, status: true } });
    expect(rows.filter((r) => r.status === "received")).toEqual([]);
    expect(rows.map((r) => r.code).sort()).toEqual([...codes].sort());
    // Each petition was classified once: one status change out of "received" per petition.
    const changes = await db.petitionStatusChange.groupBy({ by: ["petitionId"], where: { fromStatus: "received" }, _count: { _all: true } });
    expect(changes).toHaveLength(VOTERS);
    expect(changes.every((c) => c._count._all === 1)).toBe(true);
    // Read back from the database: the classifier saw every petition, a few more than once at most
    // if a refill overlapped the running ones, but never more than the petitions plus one line.
    expect(started).toBeGreaterThanOrEqual(VOTERS);
    expect(started).toBeLessThanOrEqual(VOTERS + MAX_QUEUED + 4);
    expect(log.errors()).toEqual([]);
  });
});

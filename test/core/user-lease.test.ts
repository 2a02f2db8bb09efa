/**
 * The user lease that serialises one user's turns across worker processes (PostgreSQL):
 * runs on the engine the suite runs on (SQLite by default, PostgreSQL under test:pg).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadState, releaseUser, saveState, tryLeaseUser, USER_LEASE_MS } from "../../bot/core/session-store.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const at = (ms: number) => new Date(Date.UTC(2026, 10, 23, 8) + ms);

describe("user lease", () => {
  it("has one holder at a time, re-entrant for that holder, released only by it", async () => {
    expect(await tryLeaseUser(t.db, "telegram", "u1", "worker-A", at(0))).toBe(true); // creates the row
    expect(await tryLeaseUser(t.db, "telegram", "u1", "worker-B", at(1_000))).toBe(false);
    expect(await tryLeaseUser(t.db, "telegram", "u1", "worker-A", at(2_000))).toBe(true);
    await releaseUser(t.db, "telegram", "u1", "worker-B"); // not the holder: no effect
    expect(await tryLeaseUser(t.db, "telegram", "u1", "worker-B", at(3_000))).toBe(false);
    await releaseUser(t.db, "telegram", "u1", "worker-A");
    expect(await tryLeaseUser(t.db, "telegram", "u1", "worker-B", at(4_000))).toBe(true);
    // Another user is independent.
    expect(await tryLeaseUser(t.db, "telegram", "u2", "worker-A", at(4_000))).toBe(true);
  });

  it("is taken over once a dead holder's lease has expired", async () => {
    expect(await tryLeaseUser(t.db, "zalo", "u9", "dead", at(0))).toBe(true);
    expect(await tryLeaseUser(t.db, "zalo", "u9", "alive", at(USER_LEASE_MS - 1))).toBe(false);
    expect(await tryLeaseUser(t.db, "zalo", "u9", "alive", at(USER_LEASE_MS + 1))).toBe(true);
  });

  it("of two workers racing for a new user, exactly one wins", async () => {
    const results = await Promise.all(["A", "B", "C", "D"].map((w) => tryLeaseUser(t.db, "telegram", "race", w, at(0))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("does not disturb the conversation state kept in the same row", async () => {
    expect(await tryLeaseUser(t.db, "telegram", "s1", "A", at(0))).toBe(true);
    const state = await loadState(t.db, "telegram", "s1");
    expect(state).toEqual({ pending: null, recent: [], attachments: [] });
    state.recent.push(42);
    await saveState(t.db, "telegram", "s1", state);
    await releaseUser(t.db, "telegram", "s1", "A");
    expect((await loadState(t.db, "telegram", "s1")).recent).toEqual([42]);
  });
});

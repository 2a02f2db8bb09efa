/**
 * The user lease that serialises one user's turns across worker processes (PostgreSQL):
 * runs on the engine the suite runs on (SQLite by default, PostgreSQL under test:pg).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseState, stateKey, USER_LEASE_MS } from "../../bot/core/state.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const at = (ms: number) => new Date(Date.UTC(2026, 10, 23, 8) + ms);
const lease = async (channel: string, user: string, owner: string, ms: number) =>
  (await t.db.sessions.openTurn(stateKey(channel, user), channel, user, { owner, now: at(ms), until: at(ms + USER_LEASE_MS) })) !== null;
const release = (channel: string, user: string, owner: string) => t.db.sessions.release(stateKey(channel, user), owner);

describe("user lease", () => {
  it("has one holder at a time, re-entrant for that holder, released only by it", async () => {
    expect(await lease("telegram", "u1", "worker-A", 0)).toBe(true); // creates the row
    expect(await lease("telegram", "u1", "worker-B", 1_000)).toBe(false);
    expect(await lease("telegram", "u1", "worker-A", 2_000)).toBe(true);
    await release("telegram", "u1", "worker-B"); // not the holder: no effect
    expect(await lease("telegram", "u1", "worker-B", 3_000)).toBe(false);
    await release("telegram", "u1", "worker-A");
    expect(await lease("telegram", "u1", "worker-B", 4_000)).toBe(true);
    // Another user is independent.
    expect(await lease("telegram", "u2", "worker-A", 4_000)).toBe(true);
  });

  it("is taken over once a dead holder's lease has expired", async () => {
    expect(await lease("zalo", "u9", "dead", 0)).toBe(true);
    expect(await lease("zalo", "u9", "alive", USER_LEASE_MS - 1)).toBe(false);
    expect(await lease("zalo", "u9", "alive", USER_LEASE_MS + 1)).toBe(true);
  });

  it("of workers racing for a new user, exactly one wins", async () => {
    const results = await Promise.all(["A", "B", "C", "D"].map((w) => lease("telegram", "race", w, 0)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("opens a turn with the user's state and roles; closing saves the state and frees the lease", async () => {
    const key = stateKey("telegram", "s1");
    await t.db.roles.grant("telegram", "s1", "delegate", null, at(0));
    const opened = await t.db.sessions.openTurn(key, "telegram", "s1", { owner: "A", now: at(0), until: at(USER_LEASE_MS) });
    expect(opened?.roles).toEqual(["delegate"]);
    const state = parseState(opened!.state);
    expect(state).toMatchObject({ pending: null, recent: [], attachments: [] });
    state.recent.push(42);
    expect(await t.db.sessions.closeTurn(key, JSON.stringify(state), at(1), "A")).toBe(true);
    expect(await lease("telegram", "s1", "B", 2)).toBe(true); // released
    expect(parseState(await t.db.sessions.read(key)).recent).toEqual([42]);
    // A holder whose lease was taken over does not overwrite the new holder's state.
    expect(await t.db.sessions.closeTurn(key, JSON.stringify({ recent: [1] }), at(3), "A")).toBe(false);
    expect(parseState(await t.db.sessions.read(key)).recent).toEqual([42]);
  });

  it("opens a turn without a lease (one process) with the state and roles in one read", async () => {
    const key = stateKey("console", "c1");
    expect(await t.db.sessions.openTurn(key, "console", "c1", null)).toEqual({ state: null, roles: [] });
    await t.db.roles.grant("console", "c1", "staff", null, at(0));
    await t.db.roles.grant("console", "c1", "delegate", null, at(0));
    await t.db.sessions.write(key, '{"recent":[7]}', at(1));
    const opened = await t.db.sessions.openTurn(key, "console", "c1", null);
    expect(opened?.state).toBe('{"recent":[7]}');
    expect(opened?.roles.sort()).toEqual(["delegate", "staff"]);
  });
});

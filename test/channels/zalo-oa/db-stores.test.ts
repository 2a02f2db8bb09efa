/**
 * The database-backed Zalo OA token store and event log on the suite's engine (SQLite by
 * default, PostgreSQL under npm run test:pg): the token store contract, two token managers
 * — each on its own connection to one database, as two workers — refreshing at once, and
 * follow/unfollow events kept once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DbZaloTokenStore } from "../../../bot/channels/zalo-oa/db-token-store.ts";
import { DbZaloOaEventLog } from "../../../bot/channels/zalo-oa/event-log.ts";
import { refreshTokens, ZaloOAuthError } from "../../../bot/channels/zalo-oa/oauth.ts";
import { ZaloTokenManager } from "../../../bot/channels/zalo-oa/token-manager.ts";
import type { ZaloTokenPair } from "../../../bot/channels/zalo-oa/token-store.ts";
import { openStore, type Store } from "../../../store/index.ts";
import { startFakeZaloOa, type FakeZaloOa } from "../../helpers/fake-zalo-oa.ts";
import { createTestDb, type TestDb } from "../../helpers/test-db.ts";
import { tokenStoreContract } from "../../helpers/zalo-token-store-contract.ts";

tokenStoreContract("database", async () => {
  const t = await createTestDb();
  return { store: new DbZaloTokenStore(t.db), cleanup: t.cleanup };
});

/** Wakes the managers' waits when the pair or the lease changes, so nothing sleeps for real. */
class NotifyingStore extends DbZaloTokenStore {
  private waiters: (() => void)[] = [];
  changed(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }
  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }
  override async saveRotated(key: string, expected: string | null, next: ZaloTokenPair) {
    const ok = await super.saveRotated(key, expected, next);
    this.wake();
    return ok;
  }
  override async release(key: string, owner: string) {
    await super.release(key, owner);
    this.wake();
  }
}

describe("DbZaloTokenStore", () => {
  let t: TestDb;
  let second: Store;
  let fake: FakeZaloOa;
  const now = () => new Date("2026-12-01T01:00:00.000Z");
  beforeEach(async () => {
    t = await createTestDb();
    second = openStore(t.url);
    fake = await startFakeZaloOa({ now });
  });
  afterEach(async () => {
    await fake.close();
    await second.close();
    await t.cleanup();
  });

  it("two workers on one database refreshing at once: one refresh call, both use the rotated pair", async () => {
    const key = `zalo_oa:${fake.appId}`;
    const pair = fake.issuePair();
    // Both workers' waits wake on either one's save or release (one process here).
    const a = new NotifyingStore(t.db);
    const b = new NotifyingStore(second);
    const sleep = () => Promise.race([a.changed(), b.changed()]);
    await a.saveRotated(key, null, { ...pair, accessExpiresAt: new Date(now().getTime() + 10 * 60_000), refreshExpiresAt: null, updatedAt: now() });
    const oauth = { oauthRoot: fake.oauthRoot, appId: fake.appId, appSecret: fake.appSecret };
    const worker = (store: DbZaloTokenStore, owner: string) => new ZaloTokenManager({ store, key, owner, now, sleep, refresh: (rt) => refreshTokens(oauth, rt) });
    const [tokenA, tokenB] = await Promise.all([worker(a, "worker-a").getAccessToken(), worker(b, "worker-b").getAccessToken()]);

    expect(fake.refreshCalls).toBe(1);
    expect(tokenA).toBe(tokenB);
    expect(tokenA).not.toBe(pair.accessToken);
    const row = await t.prisma.channelCredential.findUniqueOrThrow({ where: { key } });
    expect(row).toMatchObject({ version: 1, leaseOwner: null, leaseUntil: null });
    const stored = JSON.parse(row.value) as { accessToken: string; refreshToken: string; accessExpiresAt: string };
    expect(stored.accessToken).toBe(tokenA);
    expect(new Date(stored.accessExpiresAt).getTime()).toBe(now().getTime() + 90_000_000);
    // The spent refresh token is dead at Zalo; the row holds the live one.
    await expect(refreshTokens(oauth, pair.refreshToken)).rejects.toBeInstanceOf(ZaloOAuthError);
    await expect(refreshTokens(oauth, stored.refreshToken)).resolves.toMatchObject({ accessToken: expect.stringMatching(/^AT_/) });
  });

  it("seeds from the configuration once, whichever worker comes first", async () => {
    const key = `zalo_oa:${fake.appId}`;
    const seed = fake.issuePair();
    const oauth = { oauthRoot: fake.oauthRoot, appId: fake.appId, appSecret: fake.appSecret };
    const a = new NotifyingStore(t.db);
    const b = new NotifyingStore(second);
    const sleep = () => Promise.race([a.changed(), b.changed()]);
    const worker = (store: DbZaloTokenStore, owner: string) => new ZaloTokenManager({ store, key, owner, now, sleep, seed, refresh: (rt) => refreshTokens(oauth, rt) });
    const tokens = await Promise.all([worker(a, "worker-a").getAccessToken(), worker(b, "worker-b").getAccessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(fake.refreshCalls).toBe(1);
    expect(await t.prisma.channelCredential.count()).toBe(1);
  });

  it("refuses a stored value that is not a token pair", async () => {
    await t.prisma.channelCredential.create({ data: { key: "k", value: '{"accessToken":1}', updatedAt: now() } });
    await expect(new DbZaloTokenStore(t.db).read("k")).rejects.toThrow();
  });
});

describe("DbZaloOaEventLog", () => {
  it("keeps each event once, shared by two connections, and tells whether a user follows now", async () => {
    const t = await createTestDb();
    const second = openStore(t.url);
    try {
      const at = (s: string) => new Date(`2026-12-01T${s}Z`);
      const logA = new DbZaloOaEventLog(t.db, () => at("03:00:00"));
      const logB = new DbZaloOaEventLog(second, () => at("03:00:01"));
      const follow = { key: "zoa:oa1:follow:u1:1", kind: "follow" as const, oaId: "oa1", userId: "u1", at: at("01:00:00") };
      expect((await Promise.all([logA.record(follow), logB.record(follow)])).sort()).toEqual([false, true]);
      expect(await logA.record({ ...follow, key: "zoa:oa1:unfollow:u1:2", kind: "unfollow", at: at("02:00:00") })).toBe(true);
      expect(await logB.record({ ...follow, key: "zoa:oa1:chatnow:u1:3", kind: "chatnow", at: at("02:30:00") })).toBe(true);
      expect(await t.prisma.channelEvent.count()).toBe(3);
      expect((await t.db.channelEvents.latest("zalo_oa", "u1", ["follow", "unfollow"]))?.kind).toBe("unfollow");
      expect(await t.db.channelEvents.latest("zalo_oa", "u2", ["follow", "unfollow"])).toBeNull();
    } finally {
      await second.close();
      await t.cleanup();
    }
  });
});

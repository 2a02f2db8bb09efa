/**
 * Conformance tests for a ZaloTokenStore. Any implementation (the in-memory one, the
 * database-backed one) must pass them; call from a test file:
 *
 *   tokenStoreContract("sql store", async () => ({ store, cleanup }));
 *
 * `makeStore` is called once per test and must return an empty store.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ZaloTokenPair, ZaloTokenStore } from "../../bot/channels/zalo-oa/token-store.ts";

export interface StoreUnderTest {
  store: ZaloTokenStore;
  cleanup?: () => Promise<void>;
}

const T0 = new Date("2026-12-01T00:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

function pair(n: number, extra: Partial<ZaloTokenPair> = {}): ZaloTokenPair {
  return {
    accessToken: `AT-${n}`,
    refreshToken: `RT-${n}`,
    accessExpiresAt: at(25 * 3600_000 + n),
    refreshExpiresAt: at(90 * 24 * 3600_000),
    updatedAt: at(n),
    ...extra,
  };
}

export function tokenStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`ZaloTokenStore contract: ${name}`, () => {
    let current: StoreUnderTest | undefined;
    afterEach(async () => {
      await current?.cleanup?.();
      current = undefined;
    });
    const open = async () => (current = await makeStore()).store;

    it("reads null before anything is stored, then the pair exactly as stored", async () => {
      const store = await open();
      expect(await store.read("oa:1")).toBeNull();
      expect(await store.saveRotated("oa:1", null, pair(1))).toBe(true);
      expect(await store.read("oa:1")).toEqual(pair(1));
      const noRefreshExpiry = pair(2, { refreshExpiresAt: null });
      expect(await store.saveRotated("oa:1", "RT-1", noRefreshExpiry)).toBe(true);
      expect(await store.read("oa:1")).toEqual(noRefreshExpiry);
    });

    it("saves a rotated pair only over the refresh token it was made from", async () => {
      const store = await open();
      await store.saveRotated("oa:1", null, pair(1));
      expect(await store.saveRotated("oa:1", null, pair(9))).toBe(false); // seeding twice
      expect(await store.saveRotated("oa:1", "RT-0", pair(9))).toBe(false); // an older token
      expect(await store.read("oa:1")).toEqual(pair(1));
      expect(await store.saveRotated("oa:1", "RT-1", pair(2))).toBe(true);
      expect(await store.saveRotated("oa:1", "RT-1", pair(3))).toBe(false); // RT-1 is spent
      expect((await store.read("oa:1"))?.refreshToken).toBe("RT-2");
    });

    it("lets exactly one of many concurrent rotations from the same token win", async () => {
      const store = await open();
      await store.saveRotated("oa:1", null, pair(1));
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.saveRotated("oa:1", "RT-1", pair(10 + i))));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect((await store.read("oa:1"))?.refreshToken).toBe(`RT-${10 + winner}`);
    });

    it("lets exactly one of two concurrent seeds win", async () => {
      const store = await open();
      const results = await Promise.all([store.saveRotated("oa:1", null, pair(1)), store.saveRotated("oa:1", null, pair(2))]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("grants the refresh lease to one owner until it expires or is released", async () => {
      const store = await open();
      expect(await store.tryLease("oa:1", "worker-a", at(30_000), at(0))).toBe(true);
      expect(await store.tryLease("oa:1", "worker-b", at(40_000), at(10_000))).toBe(false);
      expect(await store.tryLease("oa:1", "worker-a", at(50_000), at(20_000))).toBe(true); // held: extended
      expect(await store.tryLease("oa:1", "worker-b", at(60_000), at(40_000))).toBe(false); // extended to 50 s
      expect(await store.tryLease("oa:1", "worker-b", at(80_000), at(50_000))).toBe(true); // expired
      await store.release("oa:1", "worker-a"); // not the holder: no effect
      expect(await store.tryLease("oa:1", "worker-a", at(90_000), at(60_000))).toBe(false);
      await store.release("oa:1", "worker-b");
      expect(await store.tryLease("oa:1", "worker-a", at(90_000), at(60_000))).toBe(true);
    });

    it("gives a contested free lease to exactly one owner", async () => {
      const store = await open();
      const owners = ["a", "b", "c", "d", "e"];
      const won = await Promise.all(owners.map((o) => store.tryLease("oa:1", o, at(30_000), at(0))));
      expect(won.filter(Boolean)).toHaveLength(1);
    });

    it("keeps keys apart", async () => {
      const store = await open();
      await store.saveRotated("oa:1", null, pair(1));
      expect(await store.read("oa:2")).toBeNull();
      expect(await store.saveRotated("oa:2", null, pair(2))).toBe(true);
      expect(await store.tryLease("oa:1", "a", at(30_000), at(0))).toBe(true);
      expect(await store.tryLease("oa:2", "b", at(30_000), at(0))).toBe(true);
      expect((await store.read("oa:1"))?.accessToken).toBe("AT-1");
    });
  });
}

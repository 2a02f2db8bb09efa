import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildOaPermissionUrl, codeChallengeOf, createPkcePair, exchangeAuthorizationCode, refreshTokens, ZaloOAuthError } from "../../../bot/channels/zalo-oa/oauth.ts";
import { ZaloTokenError, ZaloTokenManager } from "../../../bot/channels/zalo-oa/token-manager.ts";
import { InMemoryZaloTokenStore, type ZaloTokenPair } from "../../../bot/channels/zalo-oa/token-store.ts";
import { startFakeZaloOa, type FakeZaloOa } from "../../helpers/fake-zalo-oa.ts";

/** A clock that moves only when told to. */
function manualClock(start = "2026-12-01T01:00:00.000Z") {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

/** The in-memory store, telling waiters when the pair or the lease changes (so no test sleeps for real). */
class NotifyingStore extends InMemoryZaloTokenStore {
  private waiters: (() => void)[] = [];
  refreshLeases = 0;
  changed(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }
  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
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

let fake: FakeZaloOa;
let clock: ReturnType<typeof manualClock>;
beforeEach(async () => {
  clock = manualClock();
  fake = await startFakeZaloOa({ now: clock.now });
});
afterEach(async () => {
  await fake.close();
});

const oauth = () => ({ oauthRoot: fake.oauthRoot, appId: fake.appId, appSecret: fake.appSecret });

function manager(store: InMemoryZaloTokenStore, extra: Partial<ConstructorParameters<typeof ZaloTokenManager>[0]> = {}) {
  return new ZaloTokenManager({ store, key: `zalo_oa:${fake.appId}`, refresh: (rt) => refreshTokens(oauth(), rt), now: clock.now, ...extra });
}

describe("OAuth v4 with PKCE", () => {
  it("builds the permission URL and exchanges the code for a pair", async () => {
    const pkce = createPkcePair();
    expect(pkce.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pkce.challenge).toBe(codeChallengeOf(pkce.verifier));
    const url = buildOaPermissionUrl({ oauthRoot: fake.oauthRoot, appId: fake.appId, redirectUri: "https://phuongphucloi.example/zalo/oa/callback", codeChallenge: pkce.challenge, state: "st-1" });
    const u = new URL(url);
    expect(u.pathname).toBe("/v4/oa/permission");
    expect(Object.fromEntries(u.searchParams)).toEqual({ app_id: fake.appId, redirect_uri: "https://phuongphucloi.example/zalo/oa/callback", code_challenge: pkce.challenge, state: "st-1" });

    // The OA admin agrees; Zalo redirects back with the code.
    const res = await fetch(url, { redirect: "manual" });
    const back = new URL(res.headers.get("location")!);
    expect(back.searchParams.get("state")).toBe("st-1");
    expect(back.searchParams.get("oa_id")).toBe(fake.oaId);
    const code = back.searchParams.get("code")!;

    await expect(exchangeAuthorizationCode(oauth(), code, createPkcePair().verifier)).rejects.toBeInstanceOf(ZaloOAuthError);
    const res2 = await fetch(url, { redirect: "manual" });
    const code2 = new URL(res2.headers.get("location")!).searchParams.get("code")!;
    const tokens = await exchangeAuthorizationCode(oauth(), code2, pkce.verifier);
    expect(tokens.accessToken).toMatch(/^AT_/);
    expect(tokens.refreshToken).toMatch(/^RT_/);
    expect(tokens.expiresInSeconds).toBe(90_000);
  });

  it("refuses a wrong app secret and an already-used refresh token", async () => {
    const { refreshToken } = fake.issuePair();
    await expect(refreshTokens({ ...oauth(), appSecret: "wrong" }, refreshToken)).rejects.toMatchObject({ reason: "Invalid secret key" });
    await refreshTokens(oauth(), refreshToken);
    await expect(refreshTokens(oauth(), refreshToken)).rejects.toMatchObject({ name: "ZaloOAuthError", reason: "Refresh token was already used" });
  });
});

describe("ZaloTokenManager", () => {
  it("seeds from the configuration, refreshes at first use, then only near expiry, rotating the pair each time", async () => {
    const store = new InMemoryZaloTokenStore();
    const seed = fake.issuePair();
    const m = manager(store, { seed });
    const first = await m.getAccessToken();
    expect(fake.refreshCalls).toBe(1); // the seeded access token's expiry is unknown
    expect(first).not.toBe(seed.accessToken);
    const stored = (await store.read(`zalo_oa:${fake.appId}`))!;
    expect(stored.refreshToken).not.toBe(seed.refreshToken);
    expect(stored.accessExpiresAt.getTime() - clock.now().getTime()).toBe(90_000_000);

    clock.advance(20 * 3600_000);
    expect(await m.getAccessToken()).toBe(first);
    expect(fake.refreshCalls).toBe(1);

    clock.advance(4.5 * 3600_000); // within the 1 h margin of the 25 h token
    const second = await m.getAccessToken();
    expect(second).not.toBe(first);
    expect(fake.refreshCalls).toBe(2);
    expect((await store.read(`zalo_oa:${fake.appId}`))!.refreshToken).not.toBe(stored.refreshToken);
  });

  it("refreshes once for many concurrent callers in one process", async () => {
    const store = new InMemoryZaloTokenStore();
    const m = manager(store, { seed: fake.issuePair() });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => m.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(fake.refreshCalls).toBe(1);
  });

  it("two workers sharing one store refreshing at once: exactly one refresh call, both get the new token", async () => {
    const store = new NotifyingStore();
    const key = `zalo_oa:${fake.appId}`;
    const pair = fake.issuePair();
    const now = clock.now();
    await store.saveRotated(key, null, { ...pair, accessExpiresAt: new Date(now.getTime() + 10 * 60_000), refreshExpiresAt: null, updatedAt: now });
    const sleep = () => store.changed();
    const workerA = manager(store, { owner: "worker-a", sleep });
    const workerB = manager(store, { owner: "worker-b", sleep });
    const [a, b] = await Promise.all([workerA.getAccessToken(), workerB.getAccessToken()]);
    expect(fake.refreshCalls).toBe(1);
    expect(a).toBe(b);
    expect(a).not.toBe(pair.accessToken);
    // The used refresh token is dead at Zalo; the store holds the live one.
    const stored = (await store.read(key))!;
    expect(stored.accessToken).toBe(a);
    await expect(refreshTokens(oauth(), pair.refreshToken)).rejects.toBeInstanceOf(ZaloOAuthError);
    expect(await workerA.getAccessToken()).toBe(a);
    expect(await workerB.getAccessToken()).toBe(a);
    expect(fake.refreshCalls).toBe(2); // only the deliberate reuse above
  });

  it("waits out the lease of a worker that died mid-refresh, then refreshes itself", async () => {
    const store = new InMemoryZaloTokenStore();
    const key = `zalo_oa:${fake.appId}`;
    const pair = fake.issuePair();
    await store.saveRotated(key, null, { ...pair, accessExpiresAt: clock.now(), refreshExpiresAt: null, updatedAt: clock.now() });
    // A crashed worker's lease, never released.
    await store.tryLease(key, "dead-worker", new Date(clock.now().getTime() + 60_000), clock.now());
    const m = manager(store, { sleep: async (ms) => clock.advance(ms) });
    const token = await m.getAccessToken();
    expect(token).not.toBe(pair.accessToken);
    expect(fake.refreshCalls).toBe(1);
  });

  it("after a token rejection uses the pair another worker already rotated to, without refreshing again", async () => {
    const store = new InMemoryZaloTokenStore();
    const m1 = manager(store, { seed: fake.issuePair(), owner: "w1" });
    const old = await m1.getAccessToken();
    const m2 = manager(store, { owner: "w2" });
    // Worker 2 finds `old` refused (e.g. revoked) and rotates.
    const fresh = await m2.renewAfterRejection(old);
    expect(fresh).not.toBe(old);
    expect(fake.refreshCalls).toBe(2);
    // Worker 1 then sees its copy of `old` refused too: it takes worker 2's token.
    expect(await m1.renewAfterRejection(old)).toBe(fresh);
    expect(fake.refreshCalls).toBe(2);
  });

  it("says the OA must be authorised again when there is no pair or the refresh token is refused", async () => {
    await expect(manager(new InMemoryZaloTokenStore()).getAccessToken()).rejects.toMatchObject({ name: "ZaloTokenError", needsReauthorization: true });
    const { refreshToken } = fake.issuePair();
    await refreshTokens(oauth(), refreshToken); // used elsewhere: dead
    const err = await manager(new InMemoryZaloTokenStore(), { seed: { refreshToken } })
      .getAccessToken()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloTokenError);
    expect((err as ZaloTokenError).needsReauthorization).toBe(true);
  });
});

/**
 * Keeps a valid Official Account access token. The access token lives ~25 h; the refresh
 * token is single-use and rotated on every refresh, so a refresh must happen once, by one
 * worker, and its result must be stored before anything else uses the store:
 *  - in this process, concurrent callers share one refresh (single flight);
 *  - across processes, the store's refresh lease lets one worker refresh while the others
 *    wait and then read the pair it saved;
 *  - the save is a compare-and-set on the refresh token that was used.
 * Tokens are refreshed `refreshMarginMs` before they expire (and `refreshIfDue` can be
 * called on a timer so a quiet OA does not let its refresh token run out after 3 months).
 * No token is ever logged.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Logger } from "../../logger.ts";
import { describeError } from "../common.ts";
import { REFRESH_TOKEN_LIFETIME_MS, ZaloOAuthError, type IssuedTokens } from "./oauth.ts";
import type { ZaloTokenPair, ZaloTokenStore } from "./token-store.ts";

/** No usable pair: the OA must be (re-)authorised (npm run admin -- zalo-oa-authorize). */
export class ZaloTokenError extends Error {
  constructor(
    message: string,
    readonly needsReauthorization: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ZaloTokenError";
  }
}

export interface ZaloTokenManagerOptions {
  store: ZaloTokenStore;
  /** The store key of this OA's pair (e.g. "zalo_oa:<app id>"). */
  key: string;
  /** The token call (oauth.ts refreshTokens bound to the app). */
  refresh: (refreshToken: string) => Promise<IssuedTokens>;
  now?: () => Date;
  /** Refresh this long before the access token expires (default 1 h). */
  refreshMarginMs?: number;
  /** The refresh lease; longer than the token call's time-out (default 60 s). */
  leaseMs?: number;
  /** Pause between looks at the store while another worker refreshes (default 200 ms). */
  pollMs?: number;
  /** How long to wait for another worker's refresh before giving up (default 2 × leaseMs). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** This worker's lease owner id (default host:pid:random). */
  owner?: string;
  log?: Logger;
  /** First set-up without the authorize command (ZALO_OA_ACCESS_TOKEN/REFRESH_TOKEN): stored when the store is empty. */
  seed?: { accessToken?: string | undefined; refreshToken: string };
}

export class ZaloTokenManager {
  private readonly o: Required<Omit<ZaloTokenManagerOptions, "seed" | "log">> & Pick<ZaloTokenManagerOptions, "seed" | "log">;
  private inflight: Promise<string> | null = null;

  constructor(options: ZaloTokenManagerOptions) {
    const leaseMs = options.leaseMs ?? 60_000;
    this.o = {
      now: () => new Date(),
      refreshMarginMs: 3600_000,
      pollMs: 200,
      maxWaitMs: 2 * leaseMs,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      ...options,
      leaseMs,
    };
  }

  /** A valid access token, refreshed first when it is due. */
  async getAccessToken(): Promise<string> {
    const pair = await this.current();
    if (!this.isDue(pair)) return pair.accessToken;
    return this.singleFlight(pair.refreshToken);
  }

  /**
   * The API refused `rejected` (−216/−220): the token another worker already rotated to,
   * or a freshly refreshed one.
   */
  async renewAfterRejection(rejected: string): Promise<string> {
    const pair = await this.current();
    if (pair.accessToken !== rejected && !this.isExpired(pair)) return pair.accessToken;
    return this.singleFlight(pair.refreshToken);
  }

  /** Refreshes when due; for a timer, so the pair keeps rotating even when nothing is sent. */
  async refreshIfDue(): Promise<void> {
    await this.getAccessToken();
  }

  /** Expiry times for diagnostics (never the tokens). */
  async status(): Promise<{ accessExpiresAt: Date; refreshExpiresAt: Date | null } | null> {
    const pair = await this.o.store.read(this.o.key);
    return pair ? { accessExpiresAt: pair.accessExpiresAt, refreshExpiresAt: pair.refreshExpiresAt } : null;
  }

  private isDue(pair: ZaloTokenPair): boolean {
    return this.o.now().getTime() >= pair.accessExpiresAt.getTime() - this.o.refreshMarginMs;
  }

  private isExpired(pair: ZaloTokenPair): boolean {
    return this.o.now().getTime() >= pair.accessExpiresAt.getTime();
  }

  /** The stored pair, seeding the store from the configuration when it is empty. */
  private async current(): Promise<ZaloTokenPair> {
    const stored = await this.o.store.read(this.o.key);
    if (stored) return stored;
    const seed = this.o.seed;
    if (!seed) throw new ZaloTokenError("no Zalo OA token pair stored: authorise the OA (npm run admin -- zalo-oa-authorize)", true);
    const now = this.o.now();
    // The seeded access token's expiry is unknown: it is due at once, so the first use
    // refreshes and from then on the store holds a pair whose expiry is known.
    await this.o.store.saveRotated(this.o.key, null, {
      accessToken: seed.accessToken ?? "",
      refreshToken: seed.refreshToken,
      accessExpiresAt: now,
      refreshExpiresAt: null,
      updatedAt: now,
    });
    const after = await this.o.store.read(this.o.key); // another worker may have seeded first
    if (!after) throw new ZaloTokenError("the Zalo OA token store lost the seeded pair", true);
    return after;
  }

  private singleFlight(seenRefreshToken: string): Promise<string> {
    if (!this.inflight) {
      this.inflight = this.rotate(seenRefreshToken).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /** One rotation across workers: lease, re-check, refresh, compare-and-set, release. */
  private async rotate(seenRefreshToken: string): Promise<string> {
    const { store, key, owner, leaseMs, pollMs, maxWaitMs, sleep, log } = this.o;
    const started = this.o.now().getTime();
    for (let attempt = 0; ; attempt++) {
      const now = this.o.now();
      if (await store.tryLease(key, owner, new Date(now.getTime() + leaseMs), now)) {
        try {
          const pair = await store.read(key);
          if (!pair) throw new ZaloTokenError("the Zalo OA token pair disappeared from the store", true);
          // Another worker rotated while we waited for the lease: use its pair.
          if (pair.refreshToken !== seenRefreshToken && !this.isDue(pair)) return pair.accessToken;
          return await this.refreshWithLease(pair);
        } finally {
          await store.release(key, owner).catch((err: unknown) => log?.warn("zalo-oa: token lease not released", { error: describeError(err) }));
        }
      }
      // Another worker holds the lease: wait for the pair it saves.
      await sleep(pollMs);
      const pair = await store.read(key);
      if (pair && pair.refreshToken !== seenRefreshToken && !this.isDue(pair)) return pair.accessToken;
      if (this.o.now().getTime() - started > maxWaitMs || attempt * pollMs > maxWaitMs) {
        throw new ZaloTokenError("timed out waiting for another worker to refresh the Zalo OA token", false);
      }
    }
  }

  private async refreshWithLease(pair: ZaloTokenPair): Promise<string> {
    const { store, key, log } = this.o;
    let issued: IssuedTokens;
    try {
      issued = await this.o.refresh(pair.refreshToken);
    } catch (err) {
      if (err instanceof ZaloOAuthError) {
        log?.error("zalo-oa: the refresh token was refused; the OA must be authorised again (npm run admin -- zalo-oa-authorize)", { code: err.code, reason: err.reason });
        throw new ZaloTokenError(`Zalo refused the refresh token: ${err.reason}`, true, { cause: err });
      }
      // A network failure may have reached Zalo (which then rotated): the next attempt tells.
      throw new ZaloTokenError(`refreshing the Zalo OA token failed: ${describeError(err)}`, false, { cause: err });
    }
    const now = this.o.now();
    const next: ZaloTokenPair = {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      accessExpiresAt: new Date(now.getTime() + issued.expiresInSeconds * 1000),
      refreshExpiresAt: new Date(now.getTime() + REFRESH_TOKEN_LIFETIME_MS),
      updatedAt: now,
    };
    if (!(await store.saveRotated(key, pair.refreshToken, next))) {
      // Only possible if someone replaced the pair under our lease (a manual re-authorisation):
      // the pair Zalo just gave us is still the one this call can use.
      log?.error("zalo-oa: the rotated token pair was not saved: the stored pair changed during the refresh");
    } else {
      log?.info("zalo-oa: access token refreshed", { expiresAt: next.accessExpiresAt.toISOString() });
    }
    return next.accessToken;
  }
}

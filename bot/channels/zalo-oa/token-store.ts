/**
 * Where the Official Account's token pair lives. Zalo rotates the refresh token on every
 * refresh and the old one stops working at once, so losing a freshly issued pair means
 * re-authorising the OA by hand. The store therefore offers exactly what an atomic,
 * single-flight rotation needs across worker processes:
 *  - a refresh lease (owner + expiry) so one worker at a time talks to Zalo;
 *  - a compare-and-set save: the new pair is written only if the stored refresh token is
 *    still the one that was used, so a worker whose lease lapsed cannot overwrite a newer
 *    pair with an older one.
 * The in-memory store below is for tests; the database-backed store (db-token-store.ts,
 * the default) and the JSON file store implement the same interface and pass
 * `tokenStoreContract` (test/helpers/zalo-token-store-contract.ts).
 */

export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  /** When Zalo said the access token expires (issued + expires_in). */
  accessExpiresAt: Date;
  /** When the refresh token expires (3 months after issue per Zalo's docs), if known. */
  refreshExpiresAt: Date | null;
  /** When this pair was stored. */
  updatedAt: Date;
}

export interface ZaloTokenStore {
  /** The current pair under `key` (one per OA/app), or null when none was stored yet. */
  read(key: string): Promise<ZaloTokenPair | null>;
  /**
   * Takes the refresh lease for `key` when it is free, expired (`until` of the holder ≤ now)
   * or already held by `owner` (then extended). True when `owner` holds it until `until`.
   */
  tryLease(key: string, owner: string, until: Date, now: Date): Promise<boolean>;
  /**
   * Stores `next` only if the stored refresh token equals `expectedRefreshToken` (null: only
   * if nothing is stored yet). True when stored. Atomic: of concurrent calls with the same
   * expectation exactly one succeeds.
   */
  saveRotated(key: string, expectedRefreshToken: string | null, next: ZaloTokenPair): Promise<boolean>;
  /** Gives the lease up if `owner` holds it (a no-op otherwise). */
  release(key: string, owner: string): Promise<void>;
}

/** A ZaloTokenStore in process memory (tests; one process without a database). */
export class InMemoryZaloTokenStore implements ZaloTokenStore {
  private readonly pairs = new Map<string, ZaloTokenPair>();
  private readonly leases = new Map<string, { owner: string; until: Date }>();

  async read(key: string): Promise<ZaloTokenPair | null> {
    const p = this.pairs.get(key);
    return p ? { ...p } : null;
  }

  async tryLease(key: string, owner: string, until: Date, now: Date): Promise<boolean> {
    const held = this.leases.get(key);
    if (held && held.owner !== owner && held.until.getTime() > now.getTime()) return false;
    this.leases.set(key, { owner, until });
    return true;
  }

  async saveRotated(key: string, expectedRefreshToken: string | null, next: ZaloTokenPair): Promise<boolean> {
    const current = this.pairs.get(key) ?? null;
    if ((current?.refreshToken ?? null) !== expectedRefreshToken) return false;
    this.pairs.set(key, { ...next });
    return true;
  }

  async release(key: string, owner: string): Promise<void> {
    if (this.leases.get(key)?.owner === owner) this.leases.delete(key);
  }
}

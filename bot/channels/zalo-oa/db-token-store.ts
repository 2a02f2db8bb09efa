/**
 * The Official Account's token pair in the database (the store's ChannelCredential row
 * under the pair's key), shared by every worker on that database. The value is the pair as
 * JSON; every save is a compare-and-set on the row's version after checking the refresh
 * token it replaces, and the refresh lease is the row's leaseOwner/leaseUntil, taken by one
 * conditional UPDATE. A lease may be taken before any pair exists (a first refresh from the
 * seed): the row is then created holding `null`, which reads as "no pair".
 */
import { z } from "zod";
import type { CredentialsRepo } from "../../../store/repos/credentials.ts";
import type { ZaloTokenPair, ZaloTokenStore } from "./token-store.ts";

const pairSchema = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    accessExpiresAt: z.iso.datetime(),
    refreshExpiresAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .nullable();

function decode(value: string): ZaloTokenPair | null {
  const p = pairSchema.parse(JSON.parse(value));
  return p
    ? {
        accessToken: p.accessToken,
        refreshToken: p.refreshToken,
        accessExpiresAt: new Date(p.accessExpiresAt),
        refreshExpiresAt: p.refreshExpiresAt ? new Date(p.refreshExpiresAt) : null,
        updatedAt: new Date(p.updatedAt),
      }
    : null;
}

function encode(p: ZaloTokenPair): string {
  return JSON.stringify({
    accessToken: p.accessToken,
    refreshToken: p.refreshToken,
    accessExpiresAt: p.accessExpiresAt.toISOString(),
    refreshExpiresAt: p.refreshExpiresAt?.toISOString() ?? null,
    updatedAt: p.updatedAt.toISOString(),
  });
}

/** A version race can only be lost to a save that changed the pair: one re-check settles it. */
const MAX_SAVE_ATTEMPTS = 3;

export class DbZaloTokenStore implements ZaloTokenStore {
  constructor(private readonly db: { credentials: CredentialsRepo }) {}

  async read(key: string): Promise<ZaloTokenPair | null> {
    const row = await this.db.credentials.read(key);
    return row ? decode(row.value) : null;
  }

  async tryLease(key: string, owner: string, until: Date, now: Date): Promise<boolean> {
    await this.db.credentials.create(key, "null", now);
    return this.db.credentials.lease(key, owner, now, until);
  }

  async saveRotated(key: string, expectedRefreshToken: string | null, next: ZaloTokenPair): Promise<boolean> {
    const value = encode(next);
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      const row = await this.db.credentials.read(key);
      if (!row) {
        if (expectedRefreshToken !== null) return false;
        if (await this.db.credentials.create(key, value, next.updatedAt)) return true;
        continue; // created meanwhile (a seed or a lease): check what it holds
      }
      if ((decode(row.value)?.refreshToken ?? null) !== expectedRefreshToken) return false;
      if (await this.db.credentials.save(key, value, row.version, next.updatedAt)) return true;
    }
    return false;
  }

  release(key: string, owner: string): Promise<void> {
    return this.db.credentials.release(key, owner);
  }
}

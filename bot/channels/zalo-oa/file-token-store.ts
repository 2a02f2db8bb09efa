/**
 * A ZaloTokenStore in a JSON file (DATA_DIR/zalo-oa-tokens.json, readable by the owner
 * only), for a single bot process without a database (startZaloChannels given no store;
 * with one, the pair lives in the database and an old file is moved in): the rotated pair
 * survives a restart, which an in-memory store would lose (the refresh token in the
 * environment is spent after the first refresh). Writes go to a temporary file that is
 * fsynced and renamed over the old one. The lease and the compare-and-set are atomic only
 * within this process; several workers need the database-backed store.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { open, rename } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { InMemoryZaloTokenStore, type ZaloTokenPair, type ZaloTokenStore } from "./token-store.ts";

const fileSchema = z.object({
  version: z.literal(1),
  pairs: z.record(
    z.string(),
    z.object({
      accessToken: z.string(),
      refreshToken: z.string(),
      accessExpiresAt: z.iso.datetime(),
      refreshExpiresAt: z.iso.datetime().nullable(),
      updatedAt: z.iso.datetime(),
    }),
  ),
});

export class FileZaloTokenStore implements ZaloTokenStore {
  private readonly memory = new InMemoryZaloTokenStore();
  private readonly pairs = new Map<string, ZaloTokenPair>();
  /** Saves run one at a time: compare-and-set, then the file write. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {
    if (existsSync(file)) {
      const data = fileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
      for (const [key, p] of Object.entries(data.pairs)) {
        const pair: ZaloTokenPair = {
          accessToken: p.accessToken,
          refreshToken: p.refreshToken,
          accessExpiresAt: new Date(p.accessExpiresAt),
          refreshExpiresAt: p.refreshExpiresAt ? new Date(p.refreshExpiresAt) : null,
          updatedAt: new Date(p.updatedAt),
        };
        this.pairs.set(key, pair);
        void this.memory.saveRotated(key, null, pair);
      }
    }
  }

  read(key: string): Promise<ZaloTokenPair | null> {
    return this.memory.read(key);
  }

  tryLease(key: string, owner: string, until: Date, now: Date): Promise<boolean> {
    return this.memory.tryLease(key, owner, until, now);
  }

  release(key: string, owner: string): Promise<void> {
    return this.memory.release(key, owner);
  }

  saveRotated(key: string, expectedRefreshToken: string | null, next: ZaloTokenPair): Promise<boolean> {
    const run = this.chain.then(async () => {
      const current = this.pairs.get(key) ?? null;
      if ((current?.refreshToken ?? null) !== expectedRefreshToken) return false;
      const pairs = new Map(this.pairs).set(key, { ...next });
      await this.write(pairs); // on disk before anyone can read it
      this.pairs.set(key, { ...next });
      await this.memory.saveRotated(key, current?.refreshToken ?? null, next);
      return true;
    });
    this.chain = run.catch(() => {});
    return run;
  }

  private async write(pairs: Map<string, ZaloTokenPair>): Promise<void> {
    const data = {
      version: 1,
      pairs: Object.fromEntries(
        [...pairs].map(([k, p]) => [
          k,
          { accessToken: p.accessToken, refreshToken: p.refreshToken, accessExpiresAt: p.accessExpiresAt.toISOString(), refreshExpiresAt: p.refreshExpiresAt?.toISOString() ?? null, updatedAt: p.updatedAt.toISOString() },
        ]),
      ),
    };
    mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    const tmp = `${this.file}.tmp`;
    const handle = await open(tmp, "w", 0o600);
    try {
      await handle.writeFile(JSON.stringify(data, null, 2));
      await handle.sync(); // a rotated refresh token lost to a power cut means re-authorising the OA
    } finally {
      await handle.close();
    }
    chmodSync(tmp, 0o600);
    await rename(tmp, this.file);
  }
}

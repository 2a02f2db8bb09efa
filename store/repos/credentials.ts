/**
 * ChannelCredential: secrets a channel rotates while running (the Zalo OA token pair).
 * Every save is conditional on the version read, and one worker at a time holds the
 * refresh lease, so a single-use refresh token is spent once and its successor never lost.
 */
import { toDateOrNull, toNum, toStr, toStrOrNull, type Raw } from "../rows.ts";
import type { Sql } from "../sql/types.ts";

export interface CredentialRow {
  key: string;
  /** JSON text. */
  value: string;
  version: number;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  updatedAt: Date;
}

export function credentialsRepo(sql: Sql) {
  return {
    async read(key: string): Promise<CredentialRow | null> {
      const r = await sql.get<Raw>(`SELECT key, value, version, leaseOwner, leaseUntil, updatedAt FROM ChannelCredential WHERE key = ?`, [key]);
      return r
        ? { key: toStr(r.key), value: toStr(r.value), version: toNum(r.version), leaseOwner: toStrOrNull(r.leaseOwner), leaseUntil: toDateOrNull(r.leaseUntil), updatedAt: toDateOrNull(r.updatedAt)! }
        : null;
    },

    /** Creates the row (version 0) unless it exists; true when created. */
    async create(key: string, value: string, at: Date): Promise<boolean> {
      return (await sql.run(`INSERT INTO ChannelCredential (key, value, version, updatedAt) VALUES (?, ?, 0, ?) ON CONFLICT (key) DO NOTHING`, [key, value, at])) === 1;
    },

    /** Replaces the value if it is still at `expectVersion`; true when saved (version + 1). */
    async save(key: string, value: string, expectVersion: number, at: Date): Promise<boolean> {
      return (await sql.run(`UPDATE ChannelCredential SET value = ?, version = version + 1, updatedAt = ? WHERE key = ? AND version = ?`, [value, at, key, expectVersion])) === 1;
    },

    /**
     * Takes the refresh lease when free, expired (its end ≤ now) or already ours; one
     * conditional UPDATE, so of concurrent takers exactly one wins. The row must exist.
     */
    async lease(key: string, owner: string, now: Date, until: Date): Promise<boolean> {
      const n = await sql.run(
        `UPDATE ChannelCredential SET leaseOwner = ?, leaseUntil = ? WHERE key = ? AND (leaseUntil IS NULL OR leaseUntil <= ? OR leaseOwner = ?)`,
        [owner, until, key, now, owner],
      );
      return n === 1;
    },

    async release(key: string, owner: string): Promise<void> {
      await sql.run(`UPDATE ChannelCredential SET leaseOwner = NULL, leaseUntil = NULL WHERE key = ? AND leaseOwner = ?`, [key, owner]);
    },
  };
}

export type CredentialsRepo = ReturnType<typeof credentialsRepo>;

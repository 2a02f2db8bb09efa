/**
 * ChatSession rows (key → JSON text): the conversation core's per-user state and grammY's
 * session data. With several workers (PostgreSQL) a user's turns are serialised through a
 * lease on the user's row: the next message of that user waits until it is released or
 * expires, so two workers never overwrite each other's state.
 */
import { toDateOrNull, toStr, type Raw } from "../rows.ts";
import type { Sql } from "../sql/types.ts";

export interface TurnOpening {
  /** The stored state (JSON), or null when the user has none yet. */
  state: string | null;
  /** Roles granted to the user on this channel. */
  roles: string[];
}

export function sessionsRepo(sql: Sql) {
  const pg = sql.dialect.engine === "postgresql";
  return {
    async read(key: string): Promise<string | null> {
      const r = await sql.get<Raw>(`SELECT value FROM ChatSession WHERE key = ?`, [key]);
      return r ? toStr(r.value) : null;
    },

    async write(key: string, value: string, at: Date): Promise<void> {
      await sql.run(
        `INSERT INTO ChatSession (key, value, updatedAt) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updatedAt = excluded.updatedAt`,
        [key, value, at],
      );
    },

    async delete(key: string): Promise<void> {
      await sql.run(`DELETE FROM ChatSession WHERE key = ?`, [key]);
    },

    async keysWithPrefix(prefix: string): Promise<string[]> {
      // Range instead of LIKE: no escaping of the prefix, and the primary key index serves it.
      const rows = await sql.all<Raw>(`SELECT key FROM ChatSession WHERE key >= ? AND key < ? ORDER BY key`, [prefix, `${prefix}\uffff`]);
      return rows.map((r) => toStr(r.key));
    },

    /**
     * Opens a user's turn in one statement: their state and roles, and (when `lease` is
     * given) the lease on their row. Null when another worker holds the lease.
     */
    async openTurn(key: string, channel: string, userId: string, lease: { owner: string; now: Date; until: Date } | null): Promise<TurnOpening | null> {
      if (!lease) {
        const rows = await sql.all<Raw>(
          `SELECT s.value AS state, r.role AS role FROM (SELECT ? AS k) q
             LEFT JOIN ChatSession s ON s.key = q.k
             LEFT JOIN RoleGrant r ON r.channel = ? AND r.externalId = ?`,
          [key, channel, userId],
        );
        return { state: rows[0]?.state == null ? null : toStr(rows[0].state), roles: rows.flatMap((r) => (r.role == null ? [] : [toStr(r.role)])) };
      }
      const upsert = `INSERT INTO ChatSession (key, value, updatedAt, leaseOwner, leaseUntil) VALUES (?, '{}', ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET leaseOwner = excluded.leaseOwner, leaseUntil = excluded.leaseUntil
          WHERE ChatSession.leaseUntil IS NULL OR ChatSession.leaseUntil < ? OR ChatSession.leaseOwner = ?
         RETURNING value`;
      const args = [key, lease.now, lease.owner, lease.until, lease.now, lease.owner];
      if (pg) {
        // One round trip: the lease, and the roles only when the lease was won.
        const rows = await sql.all<Raw>(
          `WITH s AS (${upsert}) SELECT s.value AS state, r.role AS role FROM s LEFT JOIN RoleGrant r ON r.channel = ? AND r.externalId = ?`,
          [...args, channel, userId],
        );
        if (rows.length === 0) return null;
        return { state: toStr(rows[0]!.state), roles: rows.flatMap((r) => (r.role == null ? [] : [toStr(r.role)])) };
      }
      const won = await sql.get<Raw>(upsert, args);
      if (!won) return null;
      const roles = await sql.all<Raw>(`SELECT role FROM RoleGrant WHERE channel = ? AND externalId = ?`, [channel, userId]);
      return { state: toStr(won.value), roles: roles.map((r) => toStr(r.role)) };
    },

    /**
     * Saves the state at the end of a turn and gives the lease back; with `processedInboundId`
     * the turn's message is marked processed too (one statement on PostgreSQL). False when the
     * lease had expired and another worker took the user over: their state is kept, not ours.
     */
    async closeTurn(key: string, value: string, at: Date, owner: string | null, processedInboundId: number | null = null): Promise<boolean> {
      const markSql = `UPDATE InboundMessage SET status = 'processed', processedAt = ?, error = NULL, leaseUntil = NULL WHERE id = ? AND status <> 'processed'`;
      const mark = processedInboundId !== null;
      // PostgreSQL: the mark rides along as a data-modifying CTE; the row count is the session's.
      const withMark = pg && mark ? `WITH m AS (${markSql}) ` : "";
      const markArgs = pg && mark ? [at, processedInboundId] : [];
      if (!pg && mark) await sql.run(markSql, [at, processedInboundId]);
      if (owner === null) {
        await sql.run(
          `${withMark}INSERT INTO ChatSession (key, value, updatedAt) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updatedAt = excluded.updatedAt`,
          [...markArgs, key, value, at],
        );
        return true;
      }
      const n = await sql.run(`${withMark}UPDATE ChatSession SET value = ?, updatedAt = ?, leaseOwner = NULL, leaseUntil = NULL WHERE key = ? AND leaseOwner = ?`, [
        ...markArgs,
        value,
        at,
        key,
        owner,
      ]);
      return n === 1;
    },

    /** Gives a lease back without saving (a turn that failed before any state change). */
    async release(key: string, owner: string): Promise<void> {
      await sql.run(`UPDATE ChatSession SET leaseOwner = NULL, leaseUntil = NULL WHERE key = ? AND leaseOwner = ?`, [key, owner]);
    },

    async leaseOf(key: string): Promise<{ owner: string | null; until: Date | null } | null> {
      const r = await sql.get<Raw>(`SELECT leaseOwner, leaseUntil FROM ChatSession WHERE key = ?`, [key]);
      return r ? { owner: r.leaseOwner == null ? null : toStr(r.leaseOwner), until: toDateOrNull(r.leaseUntil) } : null;
    },
  };
}

export type SessionsRepo = ReturnType<typeof sessionsRepo>;

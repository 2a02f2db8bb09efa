/**
 * Outbox rows: notifications written in the same transaction as the change that caused
 * them, drained by the channels. pending → sending (claimed; availableAt holds the lease
 * expiry, which doubles as the claim token) → sent, or back to pending with a delay, or
 * failed, or undeliverable (the channel cannot reach the recipient; never claimed again).
 */
import { OUTBOX_COLUMNS, outboxRow, type OutboxRow, type Raw } from "../rows.ts";
import { placeholders, type Sql } from "../sql/types.ts";

export interface OutboxInsert {
  channel: string;
  chatId: string;
  text: string;
  /** JSON text. */
  payload: string;
  dedupeKey: string;
  availableAt: Date;
}

export interface OutboxFinish {
  status: "sent" | "pending" | "failed" | "undeliverable";
  sentAt?: Date;
  availableAt?: Date;
  lastError?: string | null;
}

export function outboxRepo(sql: Sql) {
  const channelFilter = (channels: readonly string[] | undefined) => (channels?.length ? ` AND channel IN (${placeholders(channels.length)})` : "");
  return {
    /** Queues a row; a row with the same dedupeKey is kept as is. True when this call inserted it. */
    async enqueue(row: OutboxInsert, at: Date): Promise<boolean> {
      const n = await sql.run(
        `INSERT INTO Outbox (channel, chatId, text, payload, status, attempts, dedupeKey, availableAt, createdAt)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (dedupeKey) DO NOTHING`,
        [row.channel, row.chatId, row.text, row.payload, row.dedupeKey, row.availableAt, at],
      );
      return n === 1;
    },

    /** Several rows in one statement (a staff fan-out). */
    async enqueueMany(rows: readonly OutboxInsert[], at: Date): Promise<number> {
      if (rows.length === 0) return 0;
      return sql.run(
        `INSERT INTO Outbox (channel, chatId, text, payload, status, attempts, dedupeKey, availableAt, createdAt)
         VALUES ${rows.map(() => "(?, ?, ?, ?, 'pending', 0, ?, ?, ?)").join(", ")} ON CONFLICT (dedupeKey) DO NOTHING`,
        rows.flatMap((r) => [r.channel, r.chatId, r.text, r.payload, r.dedupeKey, r.availableAt, at]),
      );
    },

    async byDedupeKey(key: string): Promise<OutboxRow | null> {
      const r = await sql.get<Raw>(`SELECT ${OUTBOX_COLUMNS} FROM Outbox WHERE dedupeKey = ?`, [key]);
      return r ? outboxRow(r) : null;
    },

    /**
     * Claims up to `limit` due rows in one statement: pending rows whose time has come and
     * sending rows whose lease expired (their drainer died), fewer than `maxAttempts` tries.
     * Rows another drainer locks or changes meanwhile are skipped, never claimed twice.
     */
    async claim(now: Date, leaseUntil: Date, opts: { channels?: readonly string[]; limit: number; maxAttempts: number }): Promise<OutboxRow[]> {
      const due = `status IN ('pending', 'sending') AND availableAt <= ? AND attempts < ?${channelFilter(opts.channels)}`;
      const dueArgs = [now, opts.maxAttempts, ...(opts.channels ?? [])];
      // PostgreSQL may run an IN (… LIMIT … FOR UPDATE) subquery more than once and claim past the
      // limit: there the rows are picked in a CTE, evaluated once. SQLite has one writer at a time.
      const rows =
        sql.dialect.engine === "postgresql"
          ? await sql.all<Raw>(
              `WITH c AS (SELECT id FROM Outbox WHERE ${due} ORDER BY id LIMIT ? ${sql.dialect.skipLocked})
               UPDATE Outbox o SET status = 'sending', availableAt = ?, attempts = o.attempts + 1 FROM c WHERE o.id = c.id
               RETURNING ${OUTBOX_COLUMNS.split(", ").map((col) => `o.${col}`).join(", ")}`,
              [...dueArgs, opts.limit, leaseUntil],
            )
          : await sql.all<Raw>(
              `UPDATE Outbox SET status = 'sending', availableAt = ?, attempts = attempts + 1
                WHERE id IN (SELECT id FROM Outbox WHERE ${due} ORDER BY id LIMIT ?) RETURNING ${OUTBOX_COLUMNS}`,
              [leaseUntil, ...dueArgs, opts.limit],
            );
      return rows.map(outboxRow).sort((a, b) => a.id - b.id);
    },

    /** Rows whose last allowed attempt never reported back (a drainer died mid-send): failed. */
    async expireExhausted(now: Date, maxAttempts: number, channels?: readonly string[]): Promise<number> {
      return sql.run(
        `UPDATE Outbox SET status = 'failed', lastError = COALESCE(lastError, 'lease expired')
          WHERE status = 'sending' AND availableAt <= ? AND attempts >= ?${channelFilter(channels)}`,
        [now, maxAttempts, ...(channels ?? [])],
      );
    },

    /** Records a claimed row's outcome; false when the claim was lost (lease expired, another drainer took it). */
    async finish(id: number, lease: Date, change: OutboxFinish): Promise<boolean> {
      const n = await sql.run(
        `UPDATE Outbox SET status = ?, sentAt = COALESCE(?, sentAt), availableAt = COALESCE(?, availableAt),
                lastError = CASE WHEN ? THEN ? ELSE lastError END
          WHERE id = ? AND status = 'sending' AND availableAt = ?`,
        [change.status, change.sentAt ?? null, change.availableAt ?? null, change.lastError !== undefined, change.lastError ?? null, id, lease],
      );
      return n === 1;
    },

    /** Marks claimed rows sent in one statement (rows whose claim was lost are left alone); the number marked. */
    async finishSent(rows: readonly { id: number; lease: Date }[], sentAt: Date): Promise<number> {
      if (rows.length === 0) return 0;
      return sql.run(
        `UPDATE Outbox SET status = 'sent', sentAt = ?, lastError = NULL
          WHERE status = 'sending' AND (${rows.map(() => "(id = ? AND availableAt = ?)").join(" OR ")})`,
        [sentAt, ...rows.flatMap((r) => [r.id, r.lease])],
      );
    },

    /**
     * Undeliverable notifications to the voter of a petition — the rows whose dedupe key is
     * `ack` or starts with `prefix` (bot/petitions/outbox.ts voterNoticeKeys) — oldest first.
     * Few rows are ever undeliverable: the status index narrows the scan to them.
     */
    async undeliverableFor(keys: { prefix: string; ack: string }, limit: number): Promise<OutboxRow[]> {
      const rows = await sql.all<Raw>(
        `SELECT ${OUTBOX_COLUMNS} FROM Outbox WHERE status = 'undeliverable' AND (dedupeKey = ? OR substr(dedupeKey, 1, ?) = ?) ORDER BY id LIMIT ?`,
        [keys.ack, keys.prefix.length, keys.prefix, limit],
      );
      return rows.map(outboxRow);
    },

    /** Rows of a status, newest first (staff views of undeliverable notices, tests). */
    async withStatus(status: string, limit: number): Promise<OutboxRow[]> {
      return (await sql.all<Raw>(`SELECT ${OUTBOX_COLUMNS} FROM Outbox WHERE status = ? ORDER BY id DESC LIMIT ?`, [status, limit])).map(outboxRow);
    },
  };
}

export type OutboxRepo = ReturnType<typeof outboxRepo>;

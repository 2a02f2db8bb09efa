/** Every incoming chat message, stored before the bot answers; idempotent by (channel, externalId). */
import { INBOUND_COLUMNS, inboundRow, type InboundMessage, type Raw } from "../rows.ts";
import type { Sql } from "../sql/types.ts";

/** A message to store: the identity and content columns of InboundMessage (payload as JSON text). */
export type InboundInput = Pick<InboundMessage, "channel" | "externalId" | "chatId" | "userId" | "text" | "payload">;

export function inboundRepo(sql: Sql) {
  return {
    /**
     * Stores a message once. A redelivery (same channel + externalId) returns the stored row
     * with `duplicate: true`. The new row is leased to its creator until `leaseUntil`.
     */
    async record(input: InboundInput, at: Date, leaseUntil: Date): Promise<{ inbound: InboundMessage; duplicate: boolean }> {
      const inserted = await sql.get<Raw>(
        `INSERT INTO InboundMessage (channel, externalId, chatId, userId, text, payload, status, leaseUntil, receivedAt)
         VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?)
         ON CONFLICT (channel, externalId) DO NOTHING RETURNING ${INBOUND_COLUMNS}`,
        [input.channel, input.externalId, input.chatId, input.userId, input.text, input.payload, leaseUntil, at],
      );
      if (inserted) return { inbound: inboundRow(inserted), duplicate: false };
      const existing = await sql.get<Raw>(`SELECT ${INBOUND_COLUMNS} FROM InboundMessage WHERE channel = ? AND externalId = ?`, [input.channel, input.externalId]);
      if (!existing) throw new Error("inbound message vanished between insert and read");
      return { inbound: inboundRow(existing), duplicate: true };
    },

    async byId(id: number): Promise<InboundMessage | null> {
      const r = await sql.get<Raw>(`SELECT ${INBOUND_COLUMNS} FROM InboundMessage WHERE id = ?`, [id]);
      return r ? inboundRow(r) : null;
    },

    /** Takes an unprocessed message whose lease is free or expired; false when another worker holds it. */
    async claim(id: number, now: Date, leaseUntil: Date): Promise<boolean> {
      const n = await sql.run(`UPDATE InboundMessage SET leaseUntil = ? WHERE id = ? AND status <> 'processed' AND (leaseUntil IS NULL OR leaseUntil < ?)`, [leaseUntil, id, now]);
      return n === 1;
    },

    /** Marks a handled message processed and frees its lease (no change when already processed). */
    async markProcessed(id: number, at: Date): Promise<void> {
      await sql.run(`UPDATE InboundMessage SET status = 'processed', processedAt = ?, error = NULL, leaseUntil = NULL WHERE id = ? AND status <> 'processed'`, [at, id]);
    },

    /** Leaves a message unhandled until `until` (the flood limit): the periodic sweep takes it then. */
    async defer(id: number, until: Date): Promise<void> {
      await sql.run(`UPDATE InboundMessage SET leaseUntil = ? WHERE id = ? AND status <> 'processed'`, [until, id]);
    },

    /** Marks a message failed and frees its lease, so a redelivery or recovery may take it again. */
    async markFailed(id: number, error: string): Promise<void> {
      await sql.run(`UPDATE InboundMessage SET status = 'failed', error = ?, leaseUntil = NULL WHERE id = ?`, [error.slice(0, 1000), id]);
    },

    /**
     * Messages in `statuses` that filed no petition and whose lease is free or expired, by id
     * after `afterId` (pages: an outage can leave many).
     */
    async unfinished(statuses: readonly string[], now: Date, afterId: number, limit: number): Promise<InboundMessage[]> {
      const rows = await sql.all<Raw>(
        `SELECT ${INBOUND_COLUMNS.split(", ").map((c) => `m.${c}`).join(", ")} FROM InboundMessage m
          WHERE m.id > ? AND m.status IN (${statuses.map(() => "?").join(", ")})
            AND (m.leaseUntil IS NULL OR m.leaseUntil < ?)
            AND NOT EXISTS (SELECT 1 FROM Petition p WHERE p.inboundId = m.id)
          ORDER BY m.id LIMIT ?`,
        [afterId, ...statuses, now, limit],
      );
      return rows.map(inboundRow);
    },
  };
}

export type InboundRepo = ReturnType<typeof inboundRepo>;

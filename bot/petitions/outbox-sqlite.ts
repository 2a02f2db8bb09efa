/**
 * The outbox drain's statements on the direct SQLite connection (sqlite-direct.ts): the
 * same conditional single-row updates as outbox.ts, without Prisma's per-query cost. Every
 * notification is claimed and finished once, so this runs as often as messages arrive.
 */
import type { Outbox } from "../../generated/prisma/client.ts";
import { ms, type SqliteDirect } from "../store/sqlite-direct.ts";

interface OutboxRow extends Omit<Outbox, "availableAt" | "createdAt" | "sentAt"> {
  availableAt: number;
  createdAt: number;
  sentAt: number | null;
}

/** Due pending rows and expired sending rows, oldest first. Call inside `d.read`. */
export function outboxCandidatesDirect(d: SqliteDirect, at: Date, channels: string[] | undefined, take: number): Outbox[] {
  const filter = channels ? ` AND channel IN (${channels.map(() => "?").join(",")})` : "";
  const rows = d
    .stmt(`SELECT * FROM Outbox WHERE status IN ('pending', 'sending') AND availableAt <= ?${filter} ORDER BY id LIMIT ?`)
    .all(ms(at), ...(channels ?? []), take) as OutboxRow[];
  return rows.map((r) => ({ ...r, availableAt: new Date(r.availableAt), createdAt: new Date(r.createdAt), sentAt: r.sentAt === null ? null : new Date(r.sentAt) }));
}

export interface OutboxRowState {
  id: number;
  status: string;
  availableAt: Date;
}

export interface OutboxChange {
  status: string;
  availableAt?: Date;
  incrementAttempts?: boolean;
  sentAt?: Date;
  lastError?: string | null;
}

/** Conditional update of one row still in `where`'s state; returns 1 when it applied. Call inside `d.write`. */
export function updateOutboxSync(d: SqliteDirect, where: OutboxRowState, change: OutboxChange): number {
  const sets = ["status = ?"];
  const args: unknown[] = [change.status];
  if (change.availableAt) (sets.push("availableAt = ?"), args.push(ms(change.availableAt)));
  if (change.incrementAttempts) sets.push("attempts = attempts + 1");
  if (change.sentAt) (sets.push("sentAt = ?"), args.push(ms(change.sentAt)));
  if (change.lastError !== undefined) (sets.push("lastError = ?"), args.push(change.lastError));
  return d.stmt(`UPDATE Outbox SET ${sets.join(", ")} WHERE id = ? AND status = ? AND availableAt = ?`).run(...args, where.id, where.status, ms(where.availableAt)).changes;
}

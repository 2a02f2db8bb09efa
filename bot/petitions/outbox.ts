/**
 * Transactional outbox. Notifications are written in the same transaction as the change
 * that caused them and sent later by `drainOutbox`, so nothing is lost on a crash.
 *
 * Row life cycle: pending → sending (claimed, availableAt = lease expiry) → sent;
 * a failed send goes back to pending with exponential backoff, or to failed after
 * `maxAttempts`. A claim is a conditional single-row UPDATE, so two drainers (threads or
 * processes) can never both own a row; a drainer that dies mid-send leaves a "sending"
 * row whose lease expires and is claimed again (at-least-once, never concurrently).
 */
import type { Db } from "../store/db.ts";
import { directSqlite } from "../store/sqlite-direct.ts";
import { enqueueDirect } from "./intake-sqlite.ts";
import { outboxCandidatesDirect, updateOutboxDirect, type OutboxChange, type OutboxRowState } from "./outbox-sqlite.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Clock, DbClient } from "./types.ts";
import { TX_OPTIONS, systemClock } from "./types.ts";

export interface OutboxInput {
  channel: string;
  chatId: string;
  text: string;
  payload?: unknown;
  /** Unique per logical notification: enqueuing the same key twice keeps one row. */
  dedupeKey: string;
  /** Earliest send time (defaults to now). */
  availableAt?: Date;
}

/** A claimed message handed to `send`. */
export interface OutboxMessage {
  id: number;
  channel: string;
  chatId: string;
  text: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
  /** 1 on the first try. */
  attempt: number;
}

export interface DrainOptions {
  /** Maximum rows claimed in this call. */
  limit?: number;
  /** Only these channels (e.g. the Telegram drainer takes "telegram" rows). */
  channels?: string[];
  now?: Clock;
  /** How long a claimed row stays owned before another drainer may retry it. */
  leaseMs?: number;
  /** After this many attempts the row is marked failed. */
  maxAttempts?: number;
  /** First retry delay; doubles on each attempt up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
}

/** Queues a notification; an existing row with the same dedupeKey is kept as is. */
export async function enqueue(tx: DbClient, input: OutboxInput, now: Clock = systemClock): Promise<{ id: number }> {
  const at = now();
  const direct = directSqlite(tx);
  if (direct) {
    return direct.write(() => {
      enqueueDirect(direct, input, input.availableAt ?? at, at);
      return direct.stmt("SELECT id FROM Outbox WHERE dedupeKey = ?").get(input.dedupeKey) as { id: number };
    });
  }
  const row = await tx.outbox.upsert({
    where: { dedupeKey: input.dedupeKey },
    create: {
      channel: input.channel,
      chatId: input.chatId,
      text: input.text,
      payload: JSON.stringify(input.payload ?? {}),
      dedupeKey: input.dedupeKey,
      availableAt: input.availableAt ?? at,
      createdAt: at,
    },
    update: {},
    select: { id: true },
  });
  return row;
}

function parsePayload(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Conditional row update, always in its own transaction: the SQLite adapter would run a
 * bare write inside another caller's open transaction on the same client (and lose it on
 * that caller's rollback); transactions are queued one at a time.
 */
async function updateRow(db: Db, where: OutboxRowState, change: OutboxChange): Promise<number> {
  const direct = directSqlite(db);
  if (direct) return updateOutboxDirect(direct, where, change);
  const data: Prisma.OutboxUpdateManyMutationInput = {
    status: change.status,
    ...(change.availableAt ? { availableAt: change.availableAt } : {}),
    ...(change.incrementAttempts ? { attempts: { increment: 1 } } : {}),
    ...(change.sentAt ? { sentAt: change.sentAt } : {}),
    ...(change.lastError !== undefined ? { lastError: change.lastError } : {}),
  };
  return (await db.$transaction((tx) => tx.outbox.updateMany({ where, data }), TX_OPTIONS)).count;
}

/** Delay before retry number `attempts + 1`. */
export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims due rows one by one, sends each, and records the outcome. Returns counts for
 * this call; rows claimed by another drainer are skipped.
 */
/** Thrown by a sender when retrying cannot help (e.g. Telegram 400/403/404). */
export class PermanentSendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentSendError";
  }
}

function isPermanentSendError(err: unknown): boolean {
  return err instanceof PermanentSendError;
}

export async function drainOutbox(db: Db, send: (msg: OutboxMessage) => Promise<void>, opts: DrainOptions = {}): Promise<DrainResult> {
  const limit = opts.limit ?? 20;
  const now = opts.now ?? systemClock;
  const leaseMs = opts.leaseMs ?? 60_000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const base = opts.baseBackoffMs ?? 30_000;
  const maxBackoff = opts.maxBackoffMs ?? 3600_000;
  const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
  const channelFilter = opts.channels ? { channel: { in: opts.channels } } : {};

  const start = now();
  // pending rows that are due, and sending rows whose lease has expired (drainer died).
  const direct = directSqlite(db);
  const candidates = direct
    ? await outboxCandidatesDirect(direct, start, opts.channels, limit * 2)
    : await db.outbox.findMany({
        where: { status: { in: ["pending", "sending"] }, availableAt: { lte: start }, ...channelFilter },
        orderBy: { id: "asc" },
        take: limit * 2,
      });

  let claimed = 0;
  for (const row of candidates) {
    if (claimed >= limit) break;
    const t = now();
    if (row.status === "sending" && row.attempts >= maxAttempts) {
      // The last allowed attempt never reported back: give up instead of retrying forever.
      const where = { id: row.id, status: "sending", availableAt: row.availableAt };
      if ((await updateRow(db, where, { status: "failed", lastError: row.lastError ?? "lease expired" })) === 1) result.failed++;
      continue;
    }
    // The lease expiry doubles as the claim token: only the owner can finish the row.
    const lease = new Date(t.getTime() + leaseMs);
    const won = await updateRow(
      db,
      { id: row.id, status: row.status, availableAt: row.availableAt },
      { status: "sending", availableAt: lease, incrementAttempts: true },
    );
    if (won !== 1) continue; // another drainer got it first
    claimed++;
    const attempt = row.attempts + 1;
    try {
      await send({
        id: row.id,
        channel: row.channel,
        chatId: row.chatId,
        text: row.text,
        payload: parsePayload(row.payload),
        dedupeKey: row.dedupeKey,
        attempt,
      });
      await updateRow(db, { id: row.id, status: "sending", availableAt: lease }, { status: "sent", sentAt: now(), lastError: null });
      result.sent++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // A permanent refusal (the user blocked the bot, the chat is gone) will not change on retry.
      const giveUp = attempt >= maxAttempts || isPermanentSendError(err);
      await updateRow(
        db,
        { id: row.id, status: "sending", availableAt: lease },
        giveUp
          ? { status: "failed", lastError: message.slice(0, 1000) }
          : {
              status: "pending",
              lastError: message.slice(0, 1000),
              availableAt: new Date(now().getTime() + backoffMs(attempt, base, maxBackoff)),
            },
      );
      if (giveUp) result.failed++;
      else result.retried++;
    }
  }
  return result;
}

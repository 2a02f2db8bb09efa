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
import { outboxCandidatesDirect, updateOutboxSync, type OutboxChange, type OutboxRowState } from "./outbox-sqlite.ts";
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
  if (direct) return direct.write(() => updateOutboxSync(direct, where, change));
  return (await db.$transaction((tx) => tx.outbox.updateMany({ where, data: prismaChange(change) }), TX_OPTIONS)).count;
}

function prismaChange(change: OutboxChange): Prisma.OutboxUpdateManyMutationInput {
  return {
    status: change.status,
    ...(change.availableAt ? { availableAt: change.availableAt } : {}),
    ...(change.incrementAttempts ? { attempts: { increment: 1 } } : {}),
    ...(change.sentAt ? { sentAt: change.sentAt } : {}),
    ...(change.lastError !== undefined ? { lastError: change.lastError } : {}),
  };
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
    ? direct.read(() => outboxCandidatesDirect(direct, start, opts.channels, limit * 2))
    : await db.outbox.findMany({
        where: { status: { in: ["pending", "sending"] }, availableAt: { lte: start }, ...channelFilter },
        orderBy: { id: "asc" },
        take: limit * 2,
      });

  // 1. Claim the batch in one transaction; nothing is sent before the claims commit.
  const plan: ClaimPlan[] = [];
  let claims = 0;
  for (const row of candidates) {
    if (claims >= limit) break;
    if (row.status === "sending" && row.attempts >= maxAttempts) {
      // The last allowed attempt never reported back: give up instead of retrying forever.
      plan.push({ kind: "expire", row });
      continue;
    }
    // The lease expiry doubles as the claim token: only the owner can finish the row.
    plan.push({ kind: "claim", row, lease: new Date(now().getTime() + leaseMs) });
    claims++;
  }
  const won = await claimRows(db, plan);
  result.failed += won.expired;

  // 2. Send: different chats at once, one chat's messages in order. Each row is finished
  // right after its send, so a crash re-sends at most the messages in flight.
  const byChat = new Map<string, Claimed[]>();
  for (const c of won.claimed) {
    const chat = `${c.row.channel}:${c.row.chatId}`;
    const rows = byChat.get(chat);
    if (rows) rows.push(c);
    else byChat.set(chat, [c]);
  }
  await forEachLimited([...byChat.values()], SEND_CONCURRENCY, async (rows) => {
    for (const { row, lease } of rows) {
      const attempt = row.attempts + 1;
      try {
        await send({ id: row.id, channel: row.channel, chatId: row.chatId, text: row.text, payload: parsePayload(row.payload), dedupeKey: row.dedupeKey, attempt });
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
            : { status: "pending", lastError: message.slice(0, 1000), availableAt: new Date(now().getTime() + backoffMs(attempt, base, maxBackoff)) },
        );
        if (giveUp) result.failed++;
        else result.retried++;
      }
    }
  });
  return result;
}

/** Chats served at once by one drain pass (Telegram allows ~30 messages/s per bot). */
const SEND_CONCURRENCY = 8;

type OutboxRow = Awaited<ReturnType<Db["outbox"]["findMany"]>>[number];
type ClaimPlan = { kind: "expire"; row: OutboxRow } | { kind: "claim"; row: OutboxRow; lease: Date };
interface Claimed {
  row: OutboxRow;
  lease: Date;
}

/**
 * Applies a claim plan in one transaction: each row by a conditional update on the state it
 * was read in, so a row another drainer took meanwhile is skipped (not sent twice).
 */
async function claimRows(db: Db, plan: ClaimPlan[]): Promise<{ claimed: Claimed[]; expired: number }> {
  const out = { claimed: [] as Claimed[], expired: 0 };
  if (plan.length === 0) return out;
  const where = (p: ClaimPlan): OutboxRowState => ({ id: p.row.id, status: p.row.status, availableAt: p.row.availableAt });
  const change = (p: ClaimPlan): OutboxChange =>
    p.kind === "expire" ? { status: "failed", lastError: p.row.lastError ?? "lease expired" } : { status: "sending", availableAt: p.lease, incrementAttempts: true };
  const record = (p: ClaimPlan, count: number) => {
    if (count !== 1) return; // another drainer changed the row first
    if (p.kind === "expire") out.expired++;
    else out.claimed.push({ row: p.row, lease: p.lease });
  };
  const direct = directSqlite(db);
  if (direct) {
    await direct.write(() => {
      for (const p of plan) record(p, updateOutboxSync(direct, where(p), change(p)));
    });
  } else {
    await db.$transaction(async (tx) => {
      for (const p of plan) record(p, (await tx.outbox.updateMany({ where: where(p), data: prismaChange(change(p)) })).count);
    }, TX_OPTIONS);
  }
  return out;
}

/** Runs `fn` over `items` with at most `limit` running at once. */
async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

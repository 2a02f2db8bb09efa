/**
 * Transactional outbox. Notifications are written in the same transaction as the change
 * that caused them and sent later by `drainOutbox`, so nothing is lost on a crash.
 *
 * Row life cycle: pending → sending (claimed, availableAt = lease expiry) → sent;
 * a failed send goes back to pending with exponential backoff, or to failed after
 * `maxAttempts` (or at once for a permanent refusal), or to undeliverable when the channel
 * cannot reach the recipient at all (Zalo OA: outside the 7-day window, not a follower):
 * then staff are told, in the same transaction, which petition's voter missed what. A batch is claimed by one
 * conditional UPDATE, so two drainers (processes) never own the same row; a drainer that
 * dies mid-send leaves "sending" rows whose lease expires and which are claimed again
 * (at-least-once, never concurrently).
 */
import { GroupCommit } from "../../lib/group-commit.ts";
import type { OutboxRow } from "../../store/rows.ts";
import { petitionTexts } from "../text/petitions.vi.ts";
import type { Clock, DbClient } from "./types.ts";
import { STAFF_CHANNEL, systemClock } from "./types.ts";

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
  /**
   * Also fail rows whose last attempt never reported back (default true). A dispatcher
   * draining on every change does it on its periodic pass only: one statement saved per pass.
   */
  expire?: boolean;
  /** The public page of a petition (PUBLIC_BASE_URL), named in the staff notice about an undeliverable one. */
  publicUrl?: (code: string) => string | null;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  /** Marked undeliverable (and staff told). */
  undeliverable: number;
}

/** Queues a notification; an existing row with the same dedupeKey is kept as is. */
export async function enqueue(tx: DbClient, input: OutboxInput, now: Clock = systemClock): Promise<void> {
  const at = now();
  await tx.outbox.enqueue(
    { channel: input.channel, chatId: input.chatId, text: input.text, payload: JSON.stringify(input.payload ?? {}), dedupeKey: input.dedupeKey, availableAt: input.availableAt ?? at },
    at,
  );
}

function parsePayload(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Delay before retry number `attempts + 1`. */
export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

/** Thrown by a sender when retrying cannot help (e.g. Telegram 400/403/404). */
export class PermanentSendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentSendError";
  }
}

/** Why a channel cannot reach a recipient: outside its send window, not (or no longer) a follower, refused. */
export type UndeliverableReason = "outside_window" | "not_follower" | "refused";

/**
 * Thrown by a sender when the channel cannot reach the recipient (a Zalo OA user who has
 * not written in 7 days, someone who unfollowed): the row is marked "undeliverable", not
 * retried, and staff are told. Defined here, not in bot/channels, so the outbox can tell
 * it apart without importing the channels (bot/channels/undeliverable.ts re-exports it).
 * Its message starts with "<channel>: undeliverable (<reason>)", kept as the row's lastError.
 */
export class UndeliverableError extends PermanentSendError {
  constructor(
    readonly channel: string,
    readonly reason: UndeliverableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${channel}: undeliverable (${reason}): ${message}`, options);
    this.name = "UndeliverableError";
  }
}

export function isUndeliverable(err: unknown): err is UndeliverableError {
  return err instanceof UndeliverableError;
}

/** The reason recorded in an undeliverable row's lastError, if it is one. */
export function undeliverableReasonOf(lastError: string | null): UndeliverableReason | null {
  const m = /: undeliverable \((outside_window|not_follower|refused)\)/.exec(lastError ?? "");
  return m ? (m[1] as UndeliverableReason) : null;
}

/** Dedupe keys of the voter notifications about petition `id` (bot/petitions/notify.ts, the acknowledgement). */
export function voterNoticeKeys(petitionId: number): { prefix: string; ack: string } {
  return { prefix: `petition:${petitionId}:`, ack: `ack:${petitionId}` };
}

/**
 * Marks a claimed row undeliverable and, for a notification to a petition's voter, queues
 * a notice to staff naming the petition and why (with its public page, which the voter
 * can still open). Staff rows (fan-out copies "…>channel:chat", the notices themselves)
 * are only marked: telling staff about staff would loop.
 */
async function markUndeliverable(db: DbClient, row: OutboxRow, err: UndeliverableError, now: Clock, publicUrl: DrainOptions["publicUrl"]): Promise<void> {
  await db.transaction(async (tx) => {
    const at = now();
    // availableAt records when the channel refused (the row is never claimed again).
    if (!(await tx.outbox.finish(row.id, row.availableAt, { status: "undeliverable", lastError: err.message.slice(0, 1000), availableAt: at }))) return;
    const code = parsePayload(row.payload).petitionCode;
    const toVoter = row.channel !== STAFF_CHANNEL && !row.dedupeKey.includes(">") && !row.dedupeKey.startsWith("undeliverable:");
    if (typeof code !== "string" || !toVoter) return;
    const petition = await tx.petitions.byCode(code);
    if (!petition) return;
    const link = petition.isPublic ? (publicUrl?.(code) ?? null) : null;
    await tx.outbox.enqueue(
      {
        channel: STAFF_CHANNEL,
        chatId: "all",
        text: petitionTexts.staffUndeliverable(code, err.channel, err.reason, row.text, link),
        payload: JSON.stringify({ kind: "staff_alert", petitionCode: code }),
        dedupeKey: `undeliverable:${row.id}`,
        availableAt: at,
      },
      at,
    );
  });
}

/** Chats served at once by one drain pass (Telegram allows ~30 messages/s per bot). */
const SEND_CONCURRENCY = 8;

/**
 * Claims due rows, sends them (different chats at once, one chat's messages in order) and
 * records each outcome right after its send, so a crash re-sends at most the messages in
 * flight. Returns counts for this call.
 */
export async function drainOutbox(db: DbClient, send: (msg: OutboxMessage) => Promise<void>, opts: DrainOptions = {}): Promise<DrainResult> {
  const limit = opts.limit ?? 20;
  const now = opts.now ?? systemClock;
  const leaseMs = opts.leaseMs ?? 60_000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const base = opts.baseBackoffMs ?? 30_000;
  const maxBackoff = opts.maxBackoffMs ?? 3600_000;
  const result: DrainResult = { sent: 0, retried: 0, failed: 0, undeliverable: 0 };

  const start = now();
  // Rows whose last allowed attempt never reported back: give up instead of retrying forever.
  if (opts.expire !== false) result.failed += await db.outbox.expireExhausted(start, maxAttempts, opts.channels);
  const lease = new Date(start.getTime() + leaseMs);
  const claimed = await db.outbox.claim(start, lease, { channels: opts.channels, limit, maxAttempts });

  // Sent marks of concurrent sends go out together (group commit): one UPDATE for many rows,
  // while a crash still re-sends only the messages whose mark was in flight.
  const sentMarks = new GroupCommit<OutboxRow>((rows) => db.outbox.finishSent(rows.map((r) => ({ id: r.id, lease: r.availableAt })), now()).then(() => {}));
  const byChat = new Map<string, OutboxRow[]>();
  for (const row of claimed) {
    const chat = `${row.channel}:${row.chatId}`;
    const rows = byChat.get(chat);
    if (rows) rows.push(row);
    else byChat.set(chat, [row]);
  }
  await forEachLimited([...byChat.values()], SEND_CONCURRENCY, async (rows) => {
    for (const row of rows) {
      // `attempts` was incremented by the claim.
      const attempt = row.attempts;
      try {
        await send({ id: row.id, channel: row.channel, chatId: row.chatId, text: row.text, payload: parsePayload(row.payload), dedupeKey: row.dedupeKey, attempt });
        await sentMarks.add(row);
        result.sent++;
      } catch (err) {
        if (err instanceof UndeliverableError) {
          // Retrying cannot reach this recipient: marked apart from failures, and staff told.
          await markUndeliverable(db, row, err, now, opts.publicUrl);
          result.undeliverable++;
          continue;
        }
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
        // A permanent refusal (the user blocked the bot, the chat is gone) will not change on retry.
        const giveUp = attempt >= maxAttempts || err instanceof PermanentSendError;
        await db.outbox.finish(
          row.id,
          row.availableAt,
          giveUp ? { status: "failed", lastError: message } : { status: "pending", lastError: message, availableAt: new Date(now().getTime() + backoffMs(attempt, base, maxBackoff)) },
        );
        if (giveUp) result.failed++;
        else result.retried++;
      }
    }
  });
  return result;
}

/** Runs `fn` over `items` with at most `limit` running at once. */
async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

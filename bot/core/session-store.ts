/**
 * Per-user conversation state (what the bot is waiting for), persisted in ChatSession so
 * a restart does not forget that it asked a voter for the place of their petition.
 */
import { z } from "zod";
import { isUniqueViolation, type Db } from "../store/db.ts";
import { readSession, writeSession } from "../store/chat-session.ts";

export const pendingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("location"), petitionId: z.number().int(), code: z.string() }),
  z.object({ kind: z.literal("reject_reason"), code: z.string() }),
  z.object({ kind: z.literal("duplicate_of"), code: z.string() }),
]);
export type Pending = z.infer<typeof pendingSchema>;

export const conversationStateSchema = z.object({
  pending: pendingSchema.nullable().default(null),
  /** Recent message times for the per-user rate limit (ms since epoch). */
  recent: z.array(z.number()).default([]),
  /** Photos sent before the petition text; attached to the next petition. */
  attachments: z.array(z.object({ kind: z.string(), ref: z.string() })).default([]),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

const key = (channel: string, userId: string) => `core:${channel}:${userId}`;

export async function loadState(db: Db, channel: string, userId: string): Promise<ConversationState> {
  const value = await readSession(db, key(channel, userId));
  if (value === null) return conversationStateSchema.parse({});
  try {
    return conversationStateSchema.parse(JSON.parse(value));
  } catch {
    // A state written by an older version: start afresh rather than fail the message.
    return conversationStateSchema.parse({});
  }
}

export async function saveState(db: Db, channel: string, userId: string, state: ConversationState): Promise<void> {
  await writeSession(db, key(channel, userId), JSON.stringify(state));
}

/**
 * How long one message may hold a user's conversation state (PostgreSQL, several workers).
 * Longer than a turn (the reply is sent at once; classification runs after it); a lease
 * left by a killed worker expires after this.
 */
export const USER_LEASE_MS = 30_000;

/**
 * Takes the user's state for one turn, if no other worker holds it (or its lease expired).
 * A conditional single-row update, or the insert of a fresh row (a concurrent insert of the
 * same key loses on the primary key), so two workers never both win.
 */
export async function tryLeaseUser(db: Db, channel: string, userId: string, owner: string, now: Date): Promise<boolean> {
  const k = key(channel, userId);
  const leaseUntil = new Date(now.getTime() + USER_LEASE_MS);
  const r = await db.chatSession.updateMany({
    where: { key: k, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }] },
    data: { leaseOwner: owner, leaseUntil },
  });
  if (r.count === 1) return true;
  try {
    await db.chatSession.create({ data: { key: k, value: "{}", leaseOwner: owner, leaseUntil } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false; // the row exists and another worker holds it
    throw err;
  }
}

/** Gives the user's state back (only the holder can). */
export async function releaseUser(db: Db, channel: string, userId: string, owner: string): Promise<void> {
  await db.chatSession.updateMany({ where: { key: key(channel, userId), leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null } });
}

/**
 * Per-user conversation state (what the bot is waiting for, the rate-limit window, photos
 * sent before the text), stored as JSON in the user's ChatSession row so a restart does not
 * forget that it asked a voter for the place of their petition. zod-checked on every read:
 * a state written by an older version starts afresh instead of failing the message.
 */
import { z } from "zod";

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

/** The ChatSession key of a user's state. */
export const stateKey = (channel: string, userId: string) => `core:${channel}:${userId}`;

export function parseState(value: string | null): ConversationState {
  if (value === null) return conversationStateSchema.parse({});
  try {
    return conversationStateSchema.parse(JSON.parse(value));
  } catch {
    return conversationStateSchema.parse({});
  }
}

/**
 * How long one message may hold a user's conversation state (PostgreSQL, several workers).
 * Longer than a turn (the reply is sent at once; classification runs after it); a lease
 * left by a killed worker expires after this.
 */
export const USER_LEASE_MS = 30_000;

/**
 * Per-user conversation state (what the bot is waiting for), persisted in ChatSession so
 * a restart does not forget that it asked a voter for the place of their petition.
 */
import { z } from "zod";
import type { Db } from "../store/db.ts";
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

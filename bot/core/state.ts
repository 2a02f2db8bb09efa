/**
 * Per-user conversation state (what the bot is waiting for, the rate-limit window, photos
 * sent before the text), stored as JSON in the user's ChatSession row so a restart does not
 * forget that it asked a voter for the place of their petition. zod-checked on every read:
 * a state written by an older version starts afresh instead of failing the message.
 */
import { z } from "zod";

export const pendingSchema = z.discriminatedUnion("kind", [
  /** The bot asked for the place of a petition: a place-like answer sets it. */
  z.object({ kind: z.literal("location"), petitionId: z.number().int(), code: z.string() }),
  z.object({ kind: z.literal("reject_reason"), code: z.string() }),
  z.object({ kind: z.literal("duplicate_of"), code: z.string() }),
  /** A reply the quality check found vague, waiting for staff to confirm it. */
  z.object({ kind: z.literal("confirm_update"), code: z.string(), status: z.string(), note: z.string().nullable() }),
  /** Unsure whether a message adds to a petition or is a new one: the buttons decide. */
  z.object({ kind: z.literal("attach_or_new"), inboundId: z.number().int(), petitionId: z.number().int(), code: z.string() }),
]);
export type Pending = z.infer<typeof pendingSchema>;

const attachment = z.object({ kind: z.string(), ref: z.string(), mime: z.string().nullish(), size: z.number().nullish(), path: z.string().nullish() });

export const conversationStateSchema = z.object({
  pending: pendingSchema.nullable().default(null),
  /** Recent message times for the per-user rate limit (ms since epoch). */
  recent: z.array(z.number()).default([]),
  /** Photos sent before the petition text; attached to the next petition. */
  attachments: z.array(attachment).default([]),
  /**
   * A petition being told in pieces: what came before the problem itself (a place, a
   * greeting, "muốn phản ánh"). The place is used when the problem follows.
   */
  draft: z
    .object({ place: z.string().nullable(), coordinates: z.object({ latitude: z.number(), longitude: z.number() }).nullable().default(null), at: z.number(), asked: z.boolean() })
    .nullable()
    .default(null),
  /** The voter's last petition and when it was filed: pieces soon after it are added to it. */
  lastFiled: z
    .object({
      petitionId: z.number().int(),
      code: z.string(),
      category: z.string().nullable(),
      location: z.string().nullable().default(null),
      /** What it was about (problemConcepts): a message about another thing is another petition. */
      concepts: z.array(z.string()).default([]),
      at: z.number(),
    })
    .nullable()
    .default(null),
  /** Petitions whose place the bot asked for and has not got yet (newest last). */
  awaitingPlace: z.array(z.object({ petitionId: z.number().int(), code: z.string() })).default([]),
  /** Messages over the flood limit were deferred in this window (the voter was told once). */
  deferredNotice: z.number().nullable().default(null),
  /** Plan-answer context for follow-up questions (opaque to the core; rag/answer validates it). */
  askContext: z.unknown().nullable().default(null),
  /** Plan tasks last listed to this user, in order, so "/tiendo 2 …" and "mục 2" know which. */
  listedTasks: z.array(z.number().int()).default([]),
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

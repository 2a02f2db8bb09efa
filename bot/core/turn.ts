/**
 * What the conversation core's modules share: its dependencies and one message's turn.
 * Kept apart from the core itself so handlers (commands, staff review, voter dialogue)
 * import types without importing the core back.
 */
import type { MessageClassifier } from "../classify/message-classifier.ts";
import type { Logger } from "../logger.ts";
import type { InboundFacts } from "../petitions/intake.ts";
import type { Actor, DbClient, PetitionDeps, Person } from "../petitions/types.ts";
import type { KnowledgeBase } from "../../rag/knowledge/knowledge-base.ts";
import type { LlmAnswerer } from "../../rag/answer/llm-answer.ts";
import type { ClassificationQueue } from "./classification-queue.ts";
import type { ConversationState } from "./state.ts";
import type { IncomingMessage, ReplyDocument, ReplySink, Role } from "./types.ts";

export type { MessageClassifier } from "../classify/message-classifier.ts";

export interface CoreDeps {
  db: DbClient;
  kb: KnowledgeBase;
  llm: LlmAnswerer | null;
  classifier: MessageClassifier;
  petitions: PetitionDeps;
  now: () => Date;
  log: Logger;
  /** Ward the bot serves; delegate shortcuts list its tasks when documents exist for it. */
  ward: string | null;
  maxMessageLength: number;
  rateLimit: { max: number; windowMs: number };
  /** The petition report of a period as an Excel file, for /baocao (absent: text only). */
  reportFile?: (period: { from: Date; to: Date }) => Promise<ReplyDocument>;
  /** A petition's public page (PUBLIC_BASE_URL + code), given in acknowledgements; absent without PUBLIC_BASE_URL. */
  publicUrl?: (code: string) => string;
  /** Pieces sent this soon after a petition are added to it (SUPPLEMENT_WINDOW_MINUTES). */
  supplementWindowMs?: number;
  /** A staff group chat receives alerts (TELEGRAM_STAFF_CHAT_ID), besides staff accounts. */
  staffGroup?: boolean;
  /** Called after something was queued in the outbox, to deliver it promptly. */
  onOutbox?: () => void;
  /**
   * Several processes share the database (PostgreSQL): a user's turns are also serialised
   * across processes, through a lease on the user's ChatSession row.
   */
  sharedDatabase?: boolean;
  /**
   * Classifications allowed to wait in memory (default 1000). Beyond that a petition stays
   * "received" in the database and is read back when the line has room.
   */
  maxQueuedClassifications?: number;
}

/** What handlers get for one message. */
export interface Turn {
  deps: CoreDeps;
  msg: IncomingMessage;
  sink: ReplySink;
  person: Person;
  actor: Actor;
  role: Role;
  /** Read at the start of the turn, saved at its end: handlers change it in place. */
  state: ConversationState;
  inboundId: number;
  /** The stored message this turn handles (filing does not read it again). */
  inbound?: InboundFacts;
  classification: ClassificationQueue;
}

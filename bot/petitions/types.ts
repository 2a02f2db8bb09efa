/**
 * Shared types and configuration of the petition services. The classifier lives in
 * bot/classify/ and is not imported here: this module names only what it consumes.
 */
import type { Repos } from "../../store/index.ts";

/** What the classifier (LLM, offline fallback or a staff member) says about a message. */
export interface MessageUnderstanding {
  intent: "petition" | "question" | "status" | "other";
  category: string | null;
  confidence: number;
  urgent: boolean;
  summary: string | null;
  location: string | null;
  source: "llm" | "offline" | "staff";
}

/** Petition categories: the taxonomy's ids (corpus/taxonomy/petition-categories.json). */
export { CATEGORY_IDS, type CategoryId } from "../classify/taxonomy.ts";
import { CATEGORY_IDS, type CategoryId } from "../classify/taxonomy.ts";

/** Category of a filed petition before any classification (the column is not nullable). */
export const UNCLASSIFIED = "chua_phan_loai";

export function isCategoryId(value: unknown): value is CategoryId {
  return typeof value === "string" && (CATEGORY_IDS as readonly string[]).includes(value);
}

/** The store, or the handle of an open transaction (same repositories). */
export type DbClient = Repos;

/** Injectable clock: every timestamp written by the services comes from here. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** A person on one channel (telegram | zalo | console ...). */
export interface Person {
  channel: string;
  externalId: string;
  displayName?: string | null;
}

import type { Role } from "./roles.ts";
export type { Role } from "./roles.ts";

/** Who is acting or asking, with the role the chat layer resolved (see roles.ts). */
export interface Actor extends Person {
  role: Role;
}

/** Actor used for automatic changes (classification, duplicate detection). */
export const SYSTEM_ACTOR: Actor = { channel: "system", externalId: "system", role: "staff" };

/** Logical Outbox channel that the chat layer fans out to every staff account. */
export const STAFF_CHANNEL = "staff";

/** A transport-side file reference (Telegram file_id, Zalo URL...), never the bytes. */
export interface AttachmentRef {
  kind: string;
  ref: string;
}

/** One button of a notification; `data` comes back to the bot when pressed. */
export interface NotificationButton {
  text: string;
  data: string;
}

/** JSON stored in Outbox.payload for petition notifications. */
export interface NotificationPayload {
  kind: string;
  petitionCode?: string;
  buttons?: NotificationButton[];
  [key: string]: unknown;
}

/** Knobs of the petition workflow; defaults match bot/config.ts. */
export interface PetitionConfig {
  /** Below this confidence a classified petition goes to needs_review. */
  reviewConfidenceThreshold: number;
  /** Days from receipt to the due date. */
  deadlineDays: { urgent: number; normal: number };
  /** An open petition with no status change for this many days is overdue. */
  overdueNoProgressDays: number;
  /** Ward name stored on new petitions. */
  ward: string | null;
  duplicates: DuplicateConfig;
  planLinks: PlanLinkConfig;
}

export interface DuplicateConfig {
  /** Minimum text similarity (Jaccard over folded syllables and bigrams) when both places match. */
  textThreshold: number;
  /** Minimum similarity of the two locations for them to count as the same place. */
  locationThreshold: number;
  /** When a location is missing, the text alone must be at least this similar. */
  textOnlyThreshold: number;
  /** Only petitions received within this many days are compared. */
  lookbackDays: number;
}

export interface PlanLinkConfig {
  /** Links below this score are not stored. */
  minScore: number;
  /** At most this many plan tasks per petition. */
  maxLinks: number;
}

export const DEFAULT_PETITION_CONFIG: PetitionConfig = {
  reviewConfidenceThreshold: 0.6,
  deadlineDays: { urgent: 2, normal: 15 },
  overdueNoProgressDays: 7,
  ward: null,
  duplicates: { textThreshold: 0.25, locationThreshold: 0.5, textOnlyThreshold: 0.7, lookbackDays: 90 },
  planLinks: { minScore: 0.2, maxLinks: 3 },
};

/** Merges a partial config over the defaults (nested objects merged one level deep). */
export function petitionConfig(overrides: Partial<PetitionConfig> = {}): PetitionConfig {
  return {
    ...DEFAULT_PETITION_CONFIG,
    ...overrides,
    deadlineDays: { ...DEFAULT_PETITION_CONFIG.deadlineDays, ...overrides.deadlineDays },
    duplicates: { ...DEFAULT_PETITION_CONFIG.duplicates, ...overrides.duplicates },
    planLinks: { ...DEFAULT_PETITION_CONFIG.planLinks, ...overrides.planLinks },
  };
}

/** Finds plan tasks related to a petition; provided later by the plan-knowledge index. */
export type FindRelatedTasks = (text: string, category: string) => Promise<{ taskId: number; score: number }[]>;

/** Dependencies every service accepts; all optional so tests pass only what they fake. */
export interface PetitionDeps {
  now?: Clock;
  config?: Partial<PetitionConfig>;
  findRelatedTasks?: FindRelatedTasks;
}

/** Resolved dependencies. */
export interface ResolvedDeps {
  now: Clock;
  config: PetitionConfig;
  findRelatedTasks: FindRelatedTasks | undefined;
}

export function resolveDeps(deps: PetitionDeps = {}): ResolvedDeps {
  return { now: deps.now ?? systemClock, config: petitionConfig(deps.config), findRelatedTasks: deps.findRelatedTasks };
}


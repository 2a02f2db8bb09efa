/**
 * What the web face reads and writes, as plain typed records: routes and views see only
 * these types. The store implements the queries (store/repos/web.ts) and web/data/store.ts
 * adds the web's own rules (anonymisation, areas). Every list is bounded and paged in SQL.
 */
import type { Role } from "../../lib/roles.ts";

export type Sort = "newest" | "oldest" | "due" | "urgent";

export interface QueueFilter {
  statuses: string[];
  category: string | null;
  unitCode: string | null;
  /** true: urgent only; false: normal only; null: both. */
  urgent: boolean | null;
  overdue: boolean;
  channel: string | null;
  from: Date | null;
  /** Exclusive end. */
  to: Date | null;
  /** Folded free text (diacritics removed). */
  q: string | null;
  /** Delegates: only these areas; null: every petition (staff). */
  areas: string[] | null;
  sort: Sort;
  page: number;
  pageSize: number;
}

export interface QueueRow {
  code: string;
  status: string;
  category: string;
  unitName: string | null;
  urgent: boolean;
  overdue: boolean;
  channel: string;
  createdAt: Date;
  dueAt: Date | null;
  /** Staff see the summary or the start of the original text. */
  text: string;
  area: string | null;
}

export interface QueuePage {
  rows: QueueRow[];
  total: number;
  /** The search words were all common: `total` is the count up to a cap, there are more. */
  totalIsLowerBound: boolean;
  /** Petitions per status among those the viewer may see (filters other than status ignored). */
  counts: Record<string, number>;
}

export interface HistoryItem {
  at: Date;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  actor: string;
}

/** A plan task linked to a petition: the task's fields, its id as `taskId`, and the link's score. */
export interface PlanLinkItem extends Omit<PlanTaskItem, "id"> {
  taskId: number;
  score: number;
}

export interface PetitionRef {
  code: string;
  status: string;
  category: string;
  createdAt: Date;
  text: string;
  relation: "original" | "linked" | "suggested" | "same_place";
}

/** A notification the voter's channel could not deliver (an outbox row marked undeliverable). */
export interface UndeliveredItem {
  /** When the channel refused it. */
  at: Date;
  channel: string;
  /** outside_window | not_follower | refused, or null for an unknown record. */
  reason: string | null;
  text: string;
}

export interface PetitionDetail {
  id: number;
  code: string;
  status: string;
  statusReason: string | null;
  category: string;
  confidence: number;
  classifierSource: string;
  channel: string;
  voterName: string | null;
  voterExternalId: string;
  originalText: string;
  summary: string | null;
  location: string | null;
  /** Staff-set area, or null. */
  area: string | null;
  /** Area derived from the place (used when `area` is null). */
  derivedArea: string | null;
  urgent: boolean;
  isPublic: boolean;
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date | null;
  unitCode: string | null;
  unitName: string | null;
  rating: number | null;
  attachments: { kind: string; ref: string }[];
  history: HistoryItem[];
  /** Notifications to the voter that could not be delivered (staff should reach the voter another way). */
  undelivered: UndeliveredItem[];
  planLinks: PlanLinkItem[];
  duplicates: PetitionRef[];
}

export interface UnitOption {
  code: string;
  name: string;
}

export interface PublicRow {
  code: string;
  createdAt: Date;
  category: string;
  status: string;
  unitName: string | null;
  dueAt: Date | null;
  urgent: boolean;
  /** Raw texts: the route anonymises them before they leave the server. */
  summarySource: string;
  outcomeSource: string | null;
  locationSource: string | null;
}

export interface PublicDetail extends PublicRow {
  updatedAt: Date;
  history: { at: Date; toStatus: string; note: string | null }[];
}

export interface UnitPerformance {
  unitCode: string;
  unitName: string;
  total: number;
  resolved: number;
  onTime: number;
  /** 0..1, null when nothing was resolved. */
  onTimeRate: number | null;
  avgRating: number | null;
  ratings: number;
}

export interface CountItem {
  key: string;
  count: number;
}

export interface DashboardData {
  total: number;
  byCategory: CountItem[];
  byStatus: CountItem[];
  /** key: unit code, "" for none. */
  byUnit: (CountItem & { name: string | null })[];
  byMonth: CountItem[];
  units: UnitPerformance[];
  satisfaction: { average: number | null; count: number };
  overdue: QueueRow[];
  overdueTotal: number;
}

export interface PlanTaskItem {
  id: number;
  task: string;
  lead: string | null;
  when: string;
  doc: string;
  docTitle: string;
  section: string;
}

export interface SessionRecord {
  id: number;
  channel: string;
  externalId: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ChallengeRecord {
  id: number;
  channel: string;
  externalId: string;
  codeHash: string | null;
  attempts: number;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface DelegateRow {
  channel: string;
  externalId: string;
  note: string | null;
  areas: string[];
}

export interface Open311Filter {
  codes: string[] | null;
  serviceCodes: string[] | null;
  from: Date;
  to: Date;
  /** "open" | "closed" statuses, or null for both. */
  open: boolean | null;
  limit: number;
}

export interface Open311KeyRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Every database read and write of the web layer. */
export interface WebData {
  // petitions, staff side
  queuePage(filter: QueueFilter, now: Date): Promise<QueuePage>;
  petitionDetail(code: string): Promise<PetitionDetail | null>;
  /** Area of a petition as the viewer's area check sees it (staff-set, else derived). */
  petitionArea(code: string): Promise<{ exists: boolean; area: string | null }>;
  units(): Promise<UnitOption[]>;
  unitName(unitCode: string): Promise<string | null>;
  dashboard(period: { from: Date; to: Date }, now: Date): Promise<DashboardData>;
  planTasks(ward: string, page: { offset: number; limit: number }): Promise<{ rows: PlanTaskItem[]; total: number }>;
  // public side
  publicPage(q: string | null, page: number, pageSize: number): Promise<{ rows: PublicRow[]; total: number; totalIsLowerBound: boolean }>;
  publicPetition(code: string): Promise<PublicDetail | null>;
  unitPerformance(): Promise<UnitPerformance[]>;
  // search index (derived data)
  refreshSearchIndex(maxRows: number): Promise<number>;
  // roles, sessions, sign-in
  roleOf(channel: string, externalId: string): Promise<Role>;
  createSession(input: { tokenHash: string; channel: string; externalId: string; csrfToken: string; now: Date; expiresAt: Date }): Promise<void>;
  findSession(tokenHash: string, now: Date): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
  createChallenge(input: { challengeHash: string; linkHash: string; codeHash: string | null; channel: string; externalId: string; now: Date; expiresAt: Date }): Promise<void>;
  challengeByHash(challengeHash: string): Promise<ChallengeRecord | null>;
  challengeByLink(linkHash: string): Promise<ChallengeRecord | null>;
  /** Counts a failed attempt; returns the attempts so far. */
  failChallenge(id: number): Promise<number>;
  /** Marks used if still unused (single use); false when someone used it first. */
  useChallenge(id: number, now: Date): Promise<boolean>;
  recentChallenges(channel: string, externalId: string, since: Date): Promise<number>;
  // delegate areas
  delegates(): Promise<DelegateRow[]>;
  delegateAreas(channel: string, externalId: string): Promise<string[]>;
  setDelegateAreas(channel: string, externalId: string, areas: string[]): Promise<void>;
  // Open311
  open311Requests(filter: Open311Filter): Promise<PublicDetail[]>;
  open311Key(keyHash: string): Promise<Open311KeyRow | null>;
  addOpen311Key(input: { name: string; keyHash: string; prefix: string; now: Date }): Promise<Open311KeyRow>;
  listOpen311Keys(): Promise<Open311KeyRow[]>;
  revokeOpen311Key(idOrPrefix: string, now: Date): Promise<number>;
  /** Petition filed from an Open311 request (idempotency: same inbound id → same petition). */
  petitionCodeByInbound(channel: string, externalId: string): Promise<string | null>;
}

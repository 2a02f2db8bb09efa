/**
 * Status lookup. A voter sees only their own petitions (asking for someone else's code
 * gets "not found", so codes cannot be probed); staff, admins and delegates see all.
 */
import { domainError } from "../errors.ts";
import type { Petition, PetitionDetail, StatusChange } from "../../store/rows.ts";
import { ACTOR_LABELS_VI, categoryLabel } from "../text/petitions.vi.ts";
import type { Actor, DbClient, Person } from "./types.ts";
import { actorKind } from "./history.ts";
import { canReadAll, isSameVoter } from "./roles.ts";
import { statusLabel } from "./status.ts";
import { normalizePetitionCode } from "./codes.ts";

export interface HistoryEntry {
  at: Date;
  fromStatus: string | null;
  toStatus: string;
  statusLabel: string;
  note: string | null;
  /** "Cử tri"/"Cán bộ"/"Hệ thống" for voters; the stored actor key for staff. */
  actor: string;
}

/** What every view of one petition shows (the voter's status reply, the staff queue). */
export interface PetitionBasics {
  code: string;
  status: string;
  statusLabel: string;
  category: string;
  categoryLabel: string;
  text: string;
  summary: string | null;
  location: string | null;
  urgent: boolean;
  createdAt: Date;
  dueAt: Date | null;
}

export function petitionBasics(p: Pick<Petition, "code" | "status" | "category" | "originalText" | "summary" | "location" | "urgent" | "createdAt" | "dueAt">): PetitionBasics {
  return {
    code: p.code,
    status: p.status,
    statusLabel: statusLabel(p.status),
    category: p.category,
    categoryLabel: categoryLabel(p.category),
    text: p.originalText,
    summary: p.summary,
    location: p.location,
    urgent: p.urgent,
    createdAt: p.createdAt,
    dueAt: p.dueAt,
  };
}

export interface PetitionView extends PetitionBasics {
  unitName: string | null;
  duplicateOfCode: string | null;
  /** Latest rating score, if any. */
  rating: number | null;
  history: HistoryEntry[];
}

async function toView(db: DbClient, p: PetitionDetail, staffView: boolean): Promise<PetitionView> {
  const [history, ratings] = await Promise.all([db.petitions.history(p.id), db.feedback.latestRatings([p.id])]);
  return {
    ...petitionBasics(p),
    unitName: p.unitName,
    duplicateOfCode: p.duplicateOfCode,
    rating: ratings.get(p.id) ?? null,
    history: history.map((h: StatusChange) => ({
      at: h.at,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      statusLabel: statusLabel(h.toStatus),
      note: h.note,
      // Staff identities stay internal: voters see only which kind of actor acted.
      actor: staffView ? h.actor : ACTOR_LABELS_VI[actorKind(h.actor)],
    })),
  };
}

/**
 * One petition by code (as typed: "kn 2026 12" works). Voters get PETITION_NOT_FOUND for
 * petitions that are not theirs.
 */
export async function lookupPetition(db: DbClient, viewer: Actor, codeInput: string): Promise<PetitionView> {
  const code = normalizePetitionCode(codeInput);
  if (!code) throw domainError("PETITION_NOT_FOUND", { code: codeInput });
  const p = await db.petitions.byCode(code);
  if (!p) throw domainError("PETITION_NOT_FOUND", { code });
  const staffView = canReadAll(viewer);
  if (!staffView && !isSameVoter({ channel: p.voterChannel, externalId: p.voterExternalId }, viewer)) throw domainError("PETITION_NOT_FOUND", { code });
  return toView(db, p, staffView);
}

/** The voter's most recent petition, or null when they have none. */
export async function latestPetition(db: DbClient, voter: Person): Promise<PetitionView | null> {
  const [p] = await db.lists.ofVoter(voter.channel, voter.externalId, { limit: 1 });
  return p ? toView(db, p, false) : null;
}

/**
 * Code and status of the voter's newest petition, or null: the cheap check made whenever a
 * message sounds like "still not fixed" (many new petitions do), before any full lookup.
 */
export function latestPetitionRef(db: DbClient, voter: Person): Promise<{ code: string; status: string } | null> {
  return db.lists.latestOfVoter(voter.channel, voter.externalId);
}

/** The voter's own petitions, newest first, without history. */
export async function listMyPetitions(db: DbClient, voter: Person, opts: { limit?: number; statuses?: readonly string[] } = {}) {
  const rows = await db.lists.ofVoter(voter.channel, voter.externalId, { limit: opts.limit ?? 5, statuses: opts.statuses });
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    status: r.status,
    category: r.category,
    summary: r.summary,
    text: r.originalText,
    location: r.location,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    statusLabel: statusLabel(r.status),
    categoryLabel: categoryLabel(r.category),
  }));
}

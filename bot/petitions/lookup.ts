/**
 * Status lookup. A voter sees only their own petitions (asking for someone else's code
 * gets "not found", so codes cannot be probed); staff, admins and delegates see all.
 */
import { domainError } from "../errors.ts";
import { ACTOR_LABELS_VI, categoryLabel } from "../text/petitions.vi.ts";
import type { DbClient } from "./types.ts";
import type { Actor, Person } from "./types.ts";
import { actorKind } from "./history.ts";
import { canReadAll, isSameVoter } from "./roles.ts";
import { statusLabel } from "./status.ts";
import { normalizePetitionCode } from "./codes.ts";
import { directSqlite } from "../store/sqlite-direct.ts";

export interface HistoryEntry {
  at: Date;
  fromStatus: string | null;
  toStatus: string;
  statusLabel: string;
  note: string | null;
  /** "Cử tri"/"Cán bộ"/"Hệ thống" for voters; the stored actor key for staff. */
  actor: string;
}

export interface PetitionView {
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
  unitName: string | null;
  duplicateOfCode: string | null;
  /** Latest rating score, if any. */
  rating: number | null;
  history: HistoryEntry[];
}

const VIEW_INCLUDE = {
  voter: true,
  unit: true,
  duplicateOf: { select: { code: true } },
  history: { orderBy: { id: "asc" } },
  ratings: { orderBy: { id: "desc" }, take: 1 },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
function findRow(db: DbClient, where: { code: string } | { id: number }) {
  return db.petition.findUnique({ where, include: VIEW_INCLUDE });
}

function toView(p: Row, staffView: boolean): PetitionView {
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
    unitName: p.unit?.name ?? null,
    duplicateOfCode: p.duplicateOf?.code ?? null,
    rating: p.ratings[0]?.score ?? null,
    history: p.history.map((h) => ({
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
  const p = await findRow(db, { code });
  if (!p) throw domainError("PETITION_NOT_FOUND", { code });
  const staffView = canReadAll(viewer);
  if (!staffView && !isSameVoter(p.voter, viewer)) throw domainError("PETITION_NOT_FOUND", { code });
  return toView(p, staffView);
}

/** The voter's most recent petition, or null when they have none. */
export async function latestPetition(db: DbClient, voter: Person): Promise<PetitionView | null> {
  const latest = await latestPetitionRef(db, voter);
  if (!latest) return null;
  const p = await findRow(db, { code: latest.code });
  return p ? toView(p, false) : null;
}

/**
 * Code and status of the voter's newest petition, or null: the cheap check made whenever a
 * message sounds like "still not fixed" (many new petitions do), before any full lookup.
 */
export async function latestPetitionRef(db: DbClient, voter: Person): Promise<{ code: string; status: string } | null> {
  const direct = directSqlite(db);
  if (direct) {
    const row = direct.read(
      () =>
        direct
          .stmt(
            `SELECT p.code, p.status FROM Petition p JOIN ChatUser u ON u.id = p.voterId
              WHERE u.channel = ? AND u.externalId = ? ORDER BY p.createdAt DESC, p.id DESC LIMIT 1`,
          )
          .get(voter.channel, voter.externalId) as { code: string; status: string } | undefined,
    );
    return row ?? null;
  }
  return db.petition.findFirst({
    where: { voter: { channel: voter.channel, externalId: voter.externalId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { code: true, status: true },
  });
}

/** The voter's own petitions, newest first, without history. */
export async function listMyPetitions(db: DbClient, voter: Person, opts: { limit?: number } = {}) {
  const rows = await db.petition.findMany({
    where: { voter: { channel: voter.channel, externalId: voter.externalId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 5,
    select: { code: true, status: true, category: true, summary: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, statusLabel: statusLabel(r.status), categoryLabel: categoryLabel(r.category) }));
}

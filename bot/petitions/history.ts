/**
 * The one place where a petition changes status: validates the transition, updates the
 * row only if nobody changed it meanwhile, appends PetitionStatusChange and queues the
 * voter's notification (and the notices of voters whose petitions were merged into it).
 * Callers run it inside their transaction.
 */
import { domainError } from "../errors.ts";
import { petitionTexts } from "../text/petitions.vi.ts";
import type { PetitionChanges } from "../../store/repos/petitions.ts";
import type { PetitionDetail } from "../../store/rows.ts";
import { redact } from "../../lib/redact.ts";
import { notifyVoter, statusNotice } from "./notify.ts";
import type { PetitionStatus } from "./status.ts";
import { canTransition, requiresReason, statusLabel } from "./status.ts";
import type { Actor, Clock, DbClient } from "./types.ts";

/** Stored in PetitionStatusChange.actor: "system" or "<role>:<channel>:<externalId>". */
export function actorKey(actor: Actor): string {
  if (actor.channel === "system") return "system";
  return `${actor.role}:${actor.channel}:${actor.externalId}`;
}

/** "voter" | "staff" | "system" from a stored actor key, for what voters may see. */
export function actorKind(key: string): "voter" | "staff" | "system" {
  if (key === "system") return "system";
  return key.startsWith("voter:") ? "voter" : "staff";
}

export type PetitionWithUnit = PetitionDetail;

export interface ChangeStatusOptions {
  actor: Actor;
  note?: string | null;
  now: Clock;
  /** Extra columns written with the status (unitId, duplicateOfId, classification...). */
  data?: Omit<PetitionChanges, "status" | "statusReason" | "updatedAt">;
  /** Queue the voter notification (default true). */
  notify?: boolean;
  /** Code and status of the original, for the duplicate notice. */
  originalCode?: string | null;
  originalStatus?: string | null;
  /** The petition as the caller just read it in this transaction: not read again. */
  current?: PetitionDetail;
  /** The unit's name after the change, when the caller already knows it (saves a read). */
  unitName?: string | null;
}

/** Loads a petition for a change, locking its row on PostgreSQL. */
export async function loadPetitionById(tx: DbClient, id: number): Promise<PetitionDetail> {
  const p = await tx.petitions.byId(id, true);
  if (!p) throw domainError("PETITION_NOT_FOUND", { id });
  return p;
}

export async function loadPetitionByCode(tx: DbClient, code: string): Promise<PetitionDetail> {
  const p = await tx.petitions.byCode(code, true);
  if (!p) throw domainError("PETITION_NOT_FOUND", { code });
  return p;
}

/** Moves a petition to `to`; throws INVALID_TRANSITION, REASON_REQUIRED or UNIT_REQUIRED. */
export async function changeStatus(tx: DbClient, petitionId: number, to: PetitionStatus, opts: ChangeStatusOptions): Promise<{ petition: PetitionDetail; changeId: number }> {
  const p = opts.current?.id === petitionId ? opts.current : await loadPetitionById(tx, petitionId);
  const from = p.status;
  if (!canTransition(from, to)) throw domainError("INVALID_TRANSITION", { code: p.code, from, to });
  const note = opts.note?.trim() || null;
  if (requiresReason(from, to) && !note) throw domainError("REASON_REQUIRED", { code: p.code, from, to });
  const unitId = opts.data?.unitId !== undefined ? opts.data.unitId : p.unitId;
  if (to === "assigned" && unitId == null) throw domainError("UNIT_REQUIRED", { code: p.code });

  const at = opts.now();
  // Conditional on the status we read: a concurrent change makes this one fail cleanly.
  const updated = await tx.petitions.update(p.id, { ...opts.data, status: to, statusReason: note, updatedAt: at }, from);
  if (updated !== 1) throw domainError("INVALID_TRANSITION", { code: p.code, from, to, concurrent: true });
  const changeId = await tx.petitions.addHistory({ petitionId: p.id, actor: actorKey(opts.actor), fromStatus: from, toStatus: to, note, at });

  // The row as it now is, without reading it back: the caller's data over what was read.
  const unitChanged = opts.data?.unitId !== undefined && opts.data.unitId !== p.unitId;
  const unitName = opts.unitName !== undefined ? opts.unitName : unitChanged ? ((await tx.petitions.byId(p.id))?.unitName ?? null) : p.unitName;
  const after: PetitionDetail = { ...p, ...opts.data, status: to, statusReason: note, updatedAt: at, unitName } as PetitionDetail;
  if (opts.notify !== false) {
    const notice = statusNotice({
      code: after.code,
      from,
      to,
      note,
      category: after.category,
      unitName: after.unitName,
      dueAt: after.dueAt,
      originalCode: opts.originalCode ?? null,
      originalStatus: opts.originalStatus ?? null,
    });
    await notifyVoter(tx, after, `status:${changeId}`, notice.text, opts.now, notice.payload);
    await notifyFollowers(tx, after, to, note, changeId, opts.now);
  }
  return { petition: after, changeId };
}

/** Outcomes that voters whose petitions were merged into this one should hear about. */
const FOLLOWER_UPDATES: readonly string[] = ["resolved", "closed_unresolved", "referred", "rejected", "in_progress"];

/** Tells the voters of petitions linked as duplicates of `original` about its outcome. */
async function notifyFollowers(tx: DbClient, original: { id: number; code: string }, to: PetitionStatus, note: string | null, changeId: number, now: Clock) {
  if (!FOLLOWER_UPDATES.includes(to)) return;
  const followers = await tx.petitions.followers(original.id);
  for (const f of followers) {
    // The note was written about another voter's petition: it may carry that voter's
    // personal data, so followers get it redacted.
    const safeNote = note ? redact(note).text : null;
    await notifyVoter(tx, f, `follow:${changeId}`, petitionTexts.originalUpdated(f.code, original.code, statusLabel(to), safeNote), now);
  }
}

/**
 * A history entry without a status change (category corrected, unit changed, location
 * added), optionally with a voter notification.
 */
export async function recordEvent(
  tx: DbClient,
  petition: { id: number; code: string; channel: string; chatId: string; status: string },
  opts: { actor: Actor; note: string; now: Clock; voterText?: string },
): Promise<number> {
  const at = opts.now();
  await tx.petitions.update(petition.id, { updatedAt: at });
  const changeId = await tx.petitions.addHistory({ petitionId: petition.id, actor: actorKey(opts.actor), fromStatus: petition.status, toStatus: petition.status, note: opts.note, at });
  if (opts.voterText) await notifyVoter(tx, petition, `event:${changeId}`, opts.voterText, opts.now);
  return changeId;
}

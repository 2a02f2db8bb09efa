/**
 * The one place where a petition changes status: validates the transition, updates the
 * row only if nobody changed it meanwhile, appends PetitionStatusChange and queues the
 * voter's notification. Callers run it inside their transaction.
 */
import { domainError } from "../errors.ts";
import { petitionTexts } from "../text/petitions.vi.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { notifyVoter, statusNotice } from "./notify.ts";
import type { PetitionStatus } from "./status.ts";
import { canTransition, requiresReason, statusLabel } from "./status.ts";
import type { Actor, Clock, DbClient } from "./types.ts";
import { redact } from "../classify/redact.ts";

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

export interface ChangeStatusOptions {
  actor: Actor;
  note?: string | null;
  now: Clock;
  /** Extra columns written with the status (unitId, duplicateOfId, classification...). */
  data?: Prisma.PetitionUncheckedUpdateManyInput;
  /** Queue the voter notification (default true). */
  notify?: boolean;
  /** Code of the original, for the duplicate notice. */
  originalCode?: string | null;
  /** The petition as the caller just read it in this transaction: not read again. */
  current?: PetitionWithUnit;
}

export type PetitionWithUnit = Awaited<ReturnType<typeof loadPetitionById>>;

const PETITION_WITH_UNIT = { unit: true } as const;

export async function loadPetitionById(tx: DbClient, id: number) {
  const p = await tx.petition.findUnique({ where: { id }, include: PETITION_WITH_UNIT });
  if (!p) throw domainError("PETITION_NOT_FOUND", { id });
  return p;
}

export async function loadPetitionByCode(tx: DbClient, code: string) {
  const p = await tx.petition.findUnique({ where: { code }, include: PETITION_WITH_UNIT });
  if (!p) throw domainError("PETITION_NOT_FOUND", { code });
  return p;
}

/** Moves a petition to `to`; throws INVALID_TRANSITION, REASON_REQUIRED or UNIT_REQUIRED. */
export async function changeStatus(tx: DbClient, petitionId: number, to: PetitionStatus, opts: ChangeStatusOptions) {
  const p = opts.current?.id === petitionId ? opts.current : await loadPetitionById(tx, petitionId);
  const from = p.status;
  if (!canTransition(from, to)) throw domainError("INVALID_TRANSITION", { code: p.code, from, to });
  const note = opts.note?.trim() || null;
  if (requiresReason(from, to) && !note) throw domainError("REASON_REQUIRED", { code: p.code, from, to });
  const unitId = opts.data?.unitId !== undefined ? opts.data.unitId : p.unitId;
  if (to === "assigned" && unitId == null) throw domainError("UNIT_REQUIRED", { code: p.code });

  const at = opts.now();
  // Conditional on the status we read: a concurrent change makes this one fail cleanly.
  const updated = await tx.petition.updateMany({
    where: { id: p.id, status: from },
    data: { ...opts.data, status: to, statusReason: note, updatedAt: at },
  });
  if (updated.count !== 1) throw domainError("INVALID_TRANSITION", { code: p.code, from, to, concurrent: true });
  const change = await tx.petitionStatusChange.create({
    data: { petitionId: p.id, actor: actorKey(opts.actor), fromStatus: from, toStatus: to, note, at },
  });

  const after = await loadPetitionById(tx, p.id);
  if (opts.notify !== false) {
    const notice = statusNotice({
      code: after.code,
      from,
      to,
      note,
      category: after.category,
      unitName: after.unit?.name ?? null,
      dueAt: after.dueAt,
      originalCode: opts.originalCode ?? null,
    });
    await notifyVoter(tx, after, `status:${change.id}`, notice.text, opts.now, notice.payload);
    await notifyFollowers(tx, after, to, note, change.id, opts.now);
  }
  return { petition: after, change };
}

/** Outcomes that voters whose petitions were merged into this one should hear about. */
const FOLLOWER_UPDATES: readonly string[] = ["resolved", "closed_unresolved", "referred", "rejected", "in_progress"];

/** Tells the voters of petitions linked as duplicates of `original` about its outcome. */
async function notifyFollowers(
  tx: DbClient,
  original: { id: number; code: string },
  to: PetitionStatus,
  note: string | null,
  changeId: number,
  now: Clock,
) {
  if (!FOLLOWER_UPDATES.includes(to)) return;
  const followers = await tx.petition.findMany({ where: { duplicateOfId: original.id, status: "duplicate" } });
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
) {
  const at = opts.now();
  await tx.petition.update({ where: { id: petition.id }, data: { updatedAt: at } });
  const change = await tx.petitionStatusChange.create({
    data: {
      petitionId: petition.id,
      actor: actorKey(opts.actor),
      fromStatus: petition.status,
      toStatus: petition.status,
      note: opts.note,
      at,
    },
  });
  if (opts.voterText) await notifyVoter(tx, petition, `event:${change.id}`, opts.voterText, opts.now);
  return change;
}

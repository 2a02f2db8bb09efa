/**
 * Staff actions: review queue, category confirmation and correction, unit assignment,
 * status moves, rejection/referral/duplicates. Each action is one transaction that
 * writes the history row and queues the voter's notification (see history.ts).
 */
import { domainError } from "../errors.ts";
import { historyNotes, petitionTexts } from "../text/petitions.vi.ts";
import { actorKey, changeStatus, loadPetitionByCode, loadPetitionById, recordEvent } from "./history.ts";
import { dueDate } from "./intake.ts";
import { petitionBasics, type PetitionBasics } from "./lookup.ts";
import { assertCanManage } from "./roles.ts";
import type { PetitionStatus } from "./status.ts";
import { isOpenStatus, isStatus } from "./status.ts";
import type { Actor, DbClient, PetitionDeps } from "./types.ts";
import { UNCLASSIFIED, isCategoryId, resolveDeps } from "./types.ts";
import { allUnits, suggestedUnitFor, unitByCode as findUnit, unitCategories } from "./units.ts";

export interface ReviewItem extends PetitionBasics {
  id: number;
  confidence: number;
  classifierSource: string;
  suggestedUnit: { code: string; name: string } | null;
}

/** Statuses waiting for a staff decision before a unit is assigned. */
export const REVIEW_STATUSES = ["needs_review", "received", "classified"] as const;

export interface ReviewPage {
  items: ReviewItem[];
  /** Every petition waiting, not only this page. */
  total: number;
  offset: number;
}

/**
 * A page of the petitions waiting for staff: urgent first, then oldest; with the true
 * total. Paged in SQL, so a long queue costs no more than a short one.
 */
export async function reviewQueue(db: DbClient, actor: Actor, opts: { limit?: number; offset?: number } = {}): Promise<ReviewPage> {
  assertCanManage(actor);
  const limit = Math.max(1, Math.min(50, opts.limit ?? 20));
  const offset = Math.max(0, opts.offset ?? 0);
  const [rows, total, units] = await Promise.all([db.lists.reviewPage(REVIEW_STATUSES, offset, limit), db.lists.reviewCount(REVIEW_STATUSES), allUnits(db)]);
  const unitFor = (category: string) => units.find((u) => unitCategories(u).includes(category)) ?? null;
  const items = rows.map((p) => {
    const u = unitFor(p.category);
    return {
      id: p.id,
      ...petitionBasics(p),
      confidence: p.confidence,
      classifierSource: p.classifierSource,
      suggestedUnit: u ? { code: u.code, name: u.name } : null,
    };
  });
  return { items, total, offset };
}

/**
 * Staff agrees with the classifier: needs_review → classified; on a classified petition the
 * category becomes staff's (no notice: nothing changed for the voter). Either way the
 * petition leaves the review queue.
 */
export async function confirmCategory(db: DbClient, code: string, actor: Actor, deps: PetitionDeps = {}) {
  assertCanManage(actor);
  const { now } = resolveDeps(deps);
  return db.transaction(async (tx) => {
    const p = await loadPetitionByCode(tx, code);
    const data = { classifierSource: "staff", confidence: 1 };
    const note = historyNotes.categoryConfirmed(p.category);
    if (p.status === "classified") {
      if (p.classifierSource === "staff") return p;
      await tx.petitions.update(p.id, data);
      await recordEvent(tx, p, { actor, note, now });
      return { ...p, ...data };
    }
    if (p.status !== "needs_review") throw domainError("INVALID_TRANSITION", { code, from: p.status, to: "classified" });
    const { petition } = await changeStatus(tx, p.id, "classified", { actor, note, now, data });
    return petition;
  });
}

/**
 * Staff sets the right category. Writes a LabelCorrection (training data), marks the
 * label as staff's, and moves needs_review/received petitions on to classified.
 */
export async function correctCategory(db: DbClient, code: string, newCategory: string, actor: Actor, deps: PetitionDeps = {}) {
  assertCanManage(actor);
  if (!isCategoryId(newCategory)) throw domainError("INVALID_CATEGORY", { category: newCategory });
  const { now, config } = resolveDeps(deps);
  const current = await loadPetitionByCode(db, code);
  // The category it already has: a confirmation, not a correction (no training row, no notice).
  if (current.category === newCategory && (current.status === "classified" || current.status === "needs_review")) return confirmCategory(db, code, actor, deps);
  return db.transaction(async (tx) => {
    const p = await loadPetitionByCode(tx, code);
    if (!isOpenStatus(p.status)) throw domainError("PETITION_CLOSED", { code, status: p.status });
    const oldCategory = p.category;
    await tx.feedback.addCorrection({ petitionId: p.id, text: p.normalizedText, oldCategory, newCategory, actor: actorKey(actor), createdAt: now() });
    const data = {
      category: newCategory,
      classifierSource: "staff",
      confidence: 1,
      // Unclassified petitions get their deadline now that a person has read them.
      dueAt: p.dueAt ?? dueDate(p.createdAt, p.urgent, config),
    };
    const note = historyNotes.categoryCorrected(oldCategory, newCategory);
    if (p.status === "needs_review" || p.status === "received") {
      const { petition } = await changeStatus(tx, p.id, "classified", { actor, note, now, data });
      return petition;
    }
    await tx.petitions.update(p.id, data);
    await recordEvent(tx, p, { actor, note, now, voterText: petitionTexts.categoryChanged(p.code, newCategory) });
    return { ...p, ...data };
  });
}

async function unitByCode(db: DbClient, unitCode: string) {
  const unit = await findUnit(db, unitCode);
  if (!unit) throw domainError("UNIT_NOT_FOUND", { unitCode });
  return unit;
}

/**
 * Gives the petition to a unit: classified → assigned (a needs_review petition is
 * confirmed on the way). On an assigned or in-progress petition it changes the unit.
 */
export async function assignUnit(db: DbClient, code: string, unitCode: string, actor: Actor, deps: PetitionDeps = {}, note?: string) {
  assertCanManage(actor);
  const { now } = resolveDeps(deps);
  const unit = await unitByCode(db, unitCode);
  return db.transaction(async (tx) => {
    const p = await loadPetitionByCode(tx, code);
    const text = [historyNotes.unitAssigned(unit.name), note?.trim()].filter(Boolean).join(". ");
    if (p.status === "assigned" || p.status === "in_progress") {
      if (p.unitId === unit.id) return p;
      await tx.petitions.update(p.id, { unitId: unit.id });
      await recordEvent(tx, p, { actor, note: text, now, voterText: petitionTexts.unitChanged(p.code, unit.name) });
      return { ...p, unitId: unit.id, unitCode: unit.code, unitName: unit.name };
    }
    if (p.status === "needs_review") {
      // Assigning implies agreeing with the category; one notice (assigned) is enough.
      const { petition: confirmed } = await changeStatus(tx, p.id, "classified", { actor, note: historyNotes.categoryConfirmed(p.category), now, notify: false, current: p });
      const { petition } = await changeStatus(tx, p.id, "assigned", { actor, note: text, now, data: { unitId: unit.id }, current: confirmed, unitName: unit.name });
      return { ...petition, unitCode: unit.code };
    }
    const { petition } = await changeStatus(tx, p.id, "assigned", { actor, note: text, now, data: { unitId: unit.id }, current: p, unitName: unit.name });
    return { ...petition, unitCode: unit.code };
  });
}

/**
 * Generic status move validated against the workflow table. Use `markDuplicate` for
 * duplicates (it needs the original) and `assignUnit` for assignment with a unit.
 */
export async function moveStatus(db: DbClient, code: string, to: string, note: string | null, actor: Actor, deps: PetitionDeps = {}) {
  assertCanManage(actor);
  if (!isStatus(to)) throw domainError("INVALID_TRANSITION", { code, to });
  if (to === "duplicate") throw domainError("DUPLICATE_TARGET_REQUIRED", { code });
  const { now } = resolveDeps(deps);
  return db.transaction(async (tx) => {
    const p = await loadPetitionByCode(tx, code);
    // "Đã giải quyết" on a petition the unit has not reported on: it passes through "in progress"
    // (two history rows, one notice), as staff mean it.
    if (to === "resolved" && p.status === "assigned") {
      const { petition: started } = await changeStatus(tx, p.id, "in_progress", { actor, note: null, now, notify: false, current: p });
      return (await changeStatus(tx, p.id, "resolved", { actor, note, now, current: started })).petition;
    }
    const { petition } = await changeStatus(tx, p.id, to as PetitionStatus, { actor, note, now, current: p });
    return petition;
  });
}

/** The petition is not accepted (e.g. not a petition, abusive); reason required. */
export function reject(db: DbClient, code: string, reason: string, actor: Actor, deps: PetitionDeps = {}) {
  return moveStatus(db, code, "rejected", reason, actor, deps);
}

/** Outside the ward's competence: sent on to the competent body; reason required. */
export function refer(db: DbClient, code: string, reason: string, actor: Actor, deps: PetitionDeps = {}) {
  return moveStatus(db, code, "referred", reason, actor, deps);
}

/** Closed without a fix (e.g. no budget this year); reason required. */
export function closeUnresolved(db: DbClient, code: string, reason: string, actor: Actor, deps: PetitionDeps = {}) {
  return moveStatus(db, code, "closed_unresolved", reason, actor, deps);
}

/**
 * Links `code` to `originalCode` as a duplicate, closes it (status duplicate), moves any
 * petitions already linked to it over to the original, and tells its voter the
 * original's code.
 */
export async function markDuplicate(db: DbClient, code: string, originalCode: string, actor: Actor, deps: PetitionDeps = {}, reason?: string) {
  assertCanManage(actor);
  const { now } = resolveDeps(deps);
  return db.transaction(async (tx) => {
    const p = await loadPetitionByCode(tx, code);
    let original = await loadPetitionByCode(tx, originalCode);
    // Link to the petition actually being handled, not to another duplicate.
    for (let hops = 0; original.duplicateOfId !== null && hops < 10; hops++) original = await loadPetitionById(tx, original.duplicateOfId);
    if (original.id === p.id) throw domainError("INVALID_MERGE", { code, originalCode });
    if (!isOpenStatus(original.status) && original.status !== "resolved") {
      throw domainError("INVALID_MERGE", { code, originalCode, originalStatus: original.status });
    }
    if (!isOpenStatus(p.status)) throw domainError("INVALID_TRANSITION", { code, from: p.status, to: "duplicate" });
    const note = [historyNotes.duplicateManual(original.code), reason?.trim()].filter(Boolean).join(". ");
    await tx.petitions.relinkDuplicates(p.id, original.id);
    const { petition } = await changeStatus(tx, p.id, "duplicate", {
      actor,
      note,
      now,
      data: { duplicateOfId: original.id },
      originalCode: original.code,
    });
    return petition;
  });
}

/** Merges petition `mergeCode` into `keepCode` (the one that stays open). */
export function mergeDuplicates(db: DbClient, keepCode: string, mergeCode: string, actor: Actor, deps: PetitionDeps = {}) {
  return markDuplicate(db, mergeCode, keepCode, actor, deps);
}

/** Suggested unit of a petition's current category (for staff views). */
export async function suggestedUnitOf(db: DbClient, code: string) {
  const p = await loadPetitionByCode(db, code);
  return p.category === UNCLASSIFIED ? null : suggestedUnitFor(db, p.category);
}

/**
 * Intake: persist every inbound message idempotently, file a petition from it (filing.ts;
 * the returned code is what the channel acknowledges), then apply the classifier's
 * understanding in a second transaction.
 */
import { domainError } from "../errors.ts";
import type { InboundInput as StoreInboundInput } from "../../store/repos/inbound.ts";
import type { InboundMessage, PetitionDetail } from "../../store/rows.ts";
import { historyNotes, petitionTexts } from "../text/petitions.vi.ts";
import { checksDuplicates, findDuplicate, placeNumbers, type DuplicateMatch } from "./duplicates.ts";
import { actorKey, changeStatus, loadPetitionById, recordEvent } from "./history.ts";
import { statusNotice } from "./notify.ts";
import { findPlanLinks } from "./plan-links.ts";
import { isSameVoter } from "./roles.ts";
import type { PetitionStatus } from "./status.ts";
import { isOpenStatus, statusLabel } from "./status.ts";
import type { DbClient, MessageUnderstanding, PetitionConfig, PetitionDeps, Person } from "./types.ts";
import { SYSTEM_ACTOR, UNCLASSIFIED, isCategoryId, resolveDeps } from "./types.ts";
import { suggestedUnitFor } from "./units.ts";

/**
 * A message as a transport hands it over: the store's row input, with the transport's message
 * id (with the bot/account) as `externalId` and the details (attachments…) as a value that is
 * stored as JSON.
 */
export type InboundInput = Omit<StoreInboundInput, "payload"> & { payload?: unknown };

/**
 * How long a worker owns an inbound message it is handling. Longer than a normal turn
 * (the ack is immediate; classification runs after it), short enough that a message whose
 * process was killed is taken again by the periodic sweep within a minute.
 */
export const INBOUND_LEASE_MS = 45_000;

/**
 * Stores an inbound message once. A redelivery (same channel + externalId) returns the
 * stored row with `duplicate: true`, so the caller can skip reprocessing.
 */
export async function recordInbound(db: DbClient, input: InboundInput, deps: Pick<PetitionDeps, "now"> = {}): Promise<{ inbound: InboundMessage; duplicate: boolean }> {
  const { now } = resolveDeps(deps);
  const at = now();
  const payload = typeof input.payload === "string" ? input.payload : JSON.stringify(input.payload ?? {});
  // The creator handles it first: a concurrent redelivery finds it leased.
  return db.inbound.record({ ...input, payload }, at, new Date(at.getTime() + INBOUND_LEASE_MS));
}

/**
 * Takes over a stored message that is not processed and not leased by another worker (a
 * redelivery after a crash, or a retry of a failed message): a conditional single-row
 * update, so of two workers receiving the same update only one handles it.
 */
export function claimInbound(db: DbClient, inboundId: number, now: Date): Promise<boolean> {
  return db.inbound.claim(inboundId, now, new Date(now.getTime() + INBOUND_LEASE_MS));
}

/** Marks a handled inbound message processed (a no-op when filing already did) and frees its lease. */
export function markInboundProcessed(db: DbClient, inboundId: number, at: Date): Promise<void> {
  return db.inbound.markProcessed(inboundId, at);
}

/** Marks an inbound message failed (e.g. the classifier crashed) so it can be retried. */
export function markInboundFailed(db: DbClient, inboundId: number, error: string): Promise<void> {
  return db.inbound.markFailed(inboundId, error);
}

export { filePetition, type FileInput, type FiledPetition, type InboundFacts } from "./filing.ts";

export interface ClassificationResult {
  petitionId: number;
  code: string;
  status: string;
  category: string;
  /** False when the petition had already been classified (a retried job): nothing changed. */
  applied: boolean;
  /** No location known: the chat should ask once, then call `setLocation`. */
  needsLocation: boolean;
  duplicateOf: { petitionId: number; code: string } | null;
  suggestedUnit: { code: string; name: string } | null;
  dueAt: Date | null;
  taskLinks: number;
  /** Set when the plan-task search failed (the petition is classified anyway). */
  planLinkError: string | null;
}

function clampConfidence(c: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(c) ? c : 0));
}

function needsReview(u: MessageUnderstanding, category: string, cfg: PetitionConfig): boolean {
  return u.intent !== "petition" || category === "khac" || !(u.confidence >= cfg.reviewConfidenceThreshold);
}

/** dueAt from receipt: statutory deadlines count from the day the petition arrived. */
export function dueDate(receivedAt: Date, urgent: boolean, cfg: PetitionConfig): Date {
  const days = urgent ? cfg.deadlineDays.urgent : cfg.deadlineDays.normal;
  return new Date(receivedAt.getTime() + days * 86_400_000);
}

/**
 * What classifying a petition needs to know about it. The chat core passes it from the
 * filing (no read); recovery reads it back.
 */
export interface ClassificationSubject {
  id: number;
  code: string;
  channel: string;
  chatId: string;
  normalizedText: string;
  location: string | null;
  urgent: boolean;
  createdAt: Date;
  /** The offline verdict that routed this very text (in memory only; a read-back petition has none). */
  offline?: MessageUnderstanding;
}

export function subjectOf(p: PetitionDetail | ClassificationSubject): ClassificationSubject {
  return { id: p.id, code: p.code, channel: p.channel, chatId: p.chatId, normalizedText: p.normalizedText, location: p.location, urgent: p.urgent, createdAt: p.createdAt };
}

/**
 * Applies the classifier's understanding to a received petition: the duplicate check (a read), then one chain:
 * classification fields, due date, plan-task links, status
 * (classified, needs_review or duplicate) with history, the voter's notification and, for
 * a petition staff must review, the review card for staff.
 */
export async function applyClassification(
  db: DbClient,
  subjectOrId: number | ClassificationSubject,
  understanding: MessageUnderstanding,
  deps: PetitionDeps = {},
  reviewNotice?: (p: { code: string; text: string; category: string; confidence: number; source: string; location: string | null; urgent: boolean }, unitName: string | null) => { text: string; payload: Record<string, unknown> },
): Promise<ClassificationResult> {
  const { now, config, findRelatedTasks } = resolveDeps(deps);
  const category = isCategoryId(understanding.category) ? understanding.category : "khac";
  const subject = typeof subjectOrId === "number" ? subjectOf(await loadPetitionById(db, subjectOrId)) : subjectOrId;
  const summary = understanding.summary?.trim() || null;
  // The search may call an embedding service: run it before the transaction.
  const links = await findPlanLinks(findRelatedTasks, summary ?? subject.normalizedText, category, config.planLinks);
  const unit = await suggestedUnitFor(db, category);

  const location = understanding.location?.trim() || subject.location || null;
  const urgent = understanding.urgent || subject.urgent;
  const confidence = clampConfidence(understanding.confidence);
  const review = needsReview(understanding, category, config);
  const duplicate: DuplicateMatch | null = checksDuplicates(category)
    ? await findDuplicate(db, { id: subject.id, category, normalizedText: subject.normalizedText, summary, location }, config.duplicates, now)
    : null;
  // An unsure category makes the match unsure too: staff decide, with the hint in the note.
  const asDuplicate = duplicate !== null && !review;
  const to: PetitionStatus = asDuplicate ? "duplicate" : review ? "needs_review" : "classified";
  const dueAt = asDuplicate ? null : dueDate(subject.createdAt, urgent, config);
  const note = asDuplicate
    ? historyNotes.duplicateOf(duplicate.code, duplicate.textScore)
    : [historyNotes.classified(understanding.source, confidence, unit?.name ?? null), review ? historyNotes.lowConfidence : null, duplicate ? historyNotes.possibleDuplicate(duplicate.code) : null]
        .filter(Boolean)
        .join(". ");
  const notice = statusNotice({ code: subject.code, from: "received", to, note, category, unitName: null, dueAt, originalCode: asDuplicate ? duplicate.code : null, originalStatus: asDuplicate ? duplicate.status : null });
  const card = review && reviewNotice ? reviewNotice({ code: subject.code, text: subject.normalizedText, category, confidence, source: understanding.source, location, urgent }, unit?.name ?? null) : null;
  const at = now();
  // One chain (one statement on PostgreSQL): status and fields (only while still received),
  // history, the voter's notice, place numbers, plan-task links and the review card.
  const applied = await db.filing.classify({
    petitionId: subject.id,
    fromStatus: "received",
    toStatus: to,
    fields: { intent: understanding.intent, category, confidence, classifierSource: understanding.source, summary, location, urgent, dueAt, duplicateOfId: asDuplicate ? duplicate.petitionId : null },
    note,
    actor: actorKey(SYSTEM_ACTOR),
    at,
    notice: { channel: subject.channel, chatId: subject.chatId, text: notice.text, payload: JSON.stringify({ ...notice.payload, petitionCode: subject.code }), dedupePrefix: `petition:${subject.id}:status:` },
    placeNumbers: placeNumbers(location),
    taskLinks: asDuplicate ? [] : links.matches,
    extra: card ? { channel: "staff", chatId: "all", text: card.text, payload: JSON.stringify({ ...card.payload, petitionCode: subject.code }), dedupeKey: `review:${subject.id}`, availableAt: at } : null,
  });
  // Null: classified meanwhile (staff acted, or another worker) — left as it is.
  const result = applied && { status: to, location, duplicate: asDuplicate ? duplicate : null, dueAt, taskLinks: applied.taskLinks };

  if (!result) {
    const p = await loadPetitionById(db, subject.id);
    const u = p.category === UNCLASSIFIED ? null : await suggestedUnitFor(db, p.category);
    return {
      petitionId: p.id,
      code: p.code,
      status: p.status,
      category: p.category,
      applied: false,
      needsLocation: !p.location && isOpenStatus(p.status),
      duplicateOf: p.duplicateOfId && p.duplicateOfCode ? { petitionId: p.duplicateOfId, code: p.duplicateOfCode } : null,
      suggestedUnit: u ? { code: u.code, name: u.name } : null,
      dueAt: p.dueAt,
      taskLinks: (await db.petitions.taskLinks(p.id)).length,
      planLinkError: null,
    };
  }
  return {
    petitionId: subject.id,
    code: subject.code,
    status: result.status,
    category,
    applied: true,
    needsLocation: !result.location && result.status !== "duplicate",
    duplicateOf: result.duplicate ? { petitionId: result.duplicate.petitionId, code: result.duplicate.code } : null,
    suggestedUnit: unit ? { code: unit.code, name: unit.name } : null,
    dueAt: result.dueAt,
    taskLinks: result.taskLinks,
    planLinkError: links.error,
  };
}

/**
 * The voter adds the place after being asked. Only the petition's voter, only while it
 * is open. Knowing the place may reveal a duplicate, so the check runs again.
 */
export async function setLocation(
  db: DbClient,
  petitionId: number,
  voter: Person,
  location: string,
  deps: PetitionDeps = {},
  coordinates: { latitude: number; longitude: number } | null = null,
): Promise<{ code: string; location: string; duplicateOf: { petitionId: number; code: string } | null; replyText: string }> {
  const { now, config } = resolveDeps(deps);
  const place = location.replace(/\s+/g, " ").trim();
  if (place.length < 2 || place.length > 300) throw domainError("INVALID_LOCATION", { length: place.length });
  return db.transaction(async (tx) => {
    const p = await tx.petitions.byId(petitionId, true);
    // A stranger gets "not found", so codes cannot be probed.
    if (!p || !isSameVoter({ channel: p.voterChannel, externalId: p.voterExternalId }, voter)) throw domainError("PETITION_NOT_FOUND", { petitionId });
    if (!isOpenStatus(p.status)) throw domainError("PETITION_CLOSED", { code: p.code, status: p.status });
    await tx.petitions.update(p.id, { location: place, ...(coordinates ? coordinates : {}) });
    // A received petition has no place numbers yet: classification writes them.
    if (p.status !== "received") await tx.petitions.replacePlaceNumbers(p.id, placeNumbers(place));
    await recordEvent(tx, p, { actor: { ...voter, role: "voter" }, note: historyNotes.locationSet(place), now });
    let duplicateOf: { petitionId: number; code: string; status: string } | null = null;
    // Same rule as at classification: only a confident (classified) petition is auto-closed.
    if (p.status === "classified" && p.duplicateOfId === null) {
      const dup = await findDuplicate(tx, { id: p.id, category: p.category, normalizedText: p.normalizedText, summary: p.summary, location: place }, config.duplicates, now);
      if (dup) {
        await changeStatus(tx, p.id, "duplicate", {
          actor: SYSTEM_ACTOR,
          note: historyNotes.duplicateOf(dup.code, dup.textScore),
          now,
          data: { duplicateOfId: dup.petitionId, dueAt: null },
          originalCode: dup.code,
          // The voter is in the conversation: the reply below tells them, once.
          notify: false,
        });
        duplicateOf = { petitionId: dup.petitionId, code: dup.code, status: dup.status };
      }
    }
    const replyText = duplicateOf ? petitionTexts.duplicate(p.code, duplicateOf.code, statusLabel(duplicateOf.status)) : petitionTexts.locationSaved(p.code, place);
    return { code: p.code, location: place, duplicateOf, replyText };
  });
}

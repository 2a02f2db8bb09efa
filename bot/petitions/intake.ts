/**
 * Intake: persist every inbound message idempotently, file a petition from it in one
 * transaction (the returned code is what the channel acknowledges), then apply the
 * classifier's understanding in a second transaction.
 * Each function runs on the direct SQLite connection when the client has one
 * (intake-sqlite.ts, the per-message hot path), otherwise through Prisma (PostgreSQL, or a
 * transaction client).
 */
import { domainError } from "../errors.ts";
import type { InboundMessage } from "../../generated/prisma/client.ts";
import { historyNotes, petitionTexts } from "../text/petitions.vi.ts";
import { nextPetitionCode } from "./codes.ts";
import { attachmentsFromPayload, normalizePetitionText } from "./petition-text.ts";
import { findDuplicate, placeNumbers, replacePlaceNumbers } from "./duplicates.ts";
import { actorKey, changeStatus, loadPetitionById, recordEvent } from "./history.ts";
import { findPlanLinks, storePlanLinks } from "./plan-links.ts";
import { isSameVoter } from "./roles.ts";
import type { PetitionStatus } from "./status.ts";
import { isOpenStatus } from "./status.ts";
import type { AttachmentRef, MessageUnderstanding, PetitionConfig, PetitionDeps, Person } from "./types.ts";
import { isUniqueViolation, type Db } from "../store/db.ts";
import { directSqlite } from "../store/sqlite-direct.ts";
import {
  applyClassificationDirect,
  claimInboundDirect,
  filePetitionDirect,
  markInboundFailedDirect,
  markProcessedDirect,
  petitionHeadDirect,
  recordInboundDirect,
  type PetitionHead,
} from "./intake-sqlite.ts";
import { SYSTEM_ACTOR, TX_OPTIONS, UNCLASSIFIED, isCategoryId, resolveDeps } from "./types.ts";
import { suggestedUnitFor } from "./units.ts";

export interface InboundInput {
  channel: string;
  /** Transport's update/message id: the idempotency key with `channel`. */
  externalId: string;
  chatId: string;
  userId: string;
  text: string;
  /** Attachments and other transport details; stored as JSON. */
  payload?: unknown;
}


/**
 * Stores an inbound message once. A redelivery (same channel + externalId) returns the
 * stored row with `duplicate: true`, so the caller can skip reprocessing.
 */
export async function recordInbound(
  db: Db,
  input: InboundInput,
  deps: Pick<PetitionDeps, "now"> = {},
): Promise<{ inbound: InboundMessage; duplicate: boolean }> {
  const { now } = resolveDeps(deps);
  const payload = typeof input.payload === "string" ? input.payload : JSON.stringify(input.payload ?? {});
  const direct = directSqlite(db);
  if (direct) return recordInboundDirect(direct, { ...input, payload }, now(), INBOUND_LEASE_MS);
  const where = { channel_externalId: { channel: input.channel, externalId: input.externalId } };
  try {
    // A transaction even for one insert: the SQLite adapter runs a bare write inside any
    // interactive transaction that is open on the same client, and that transaction's
    // rollback would silently drop the message. Transactions are queued one at a time.
    return await db.$transaction(async (tx) => {
      const existing = await tx.inboundMessage.findUnique({ where });
      if (existing) return { inbound: existing, duplicate: true };
      const inbound = await tx.inboundMessage.create({
        data: {
          channel: input.channel,
          externalId: input.externalId,
          chatId: input.chatId,
          userId: input.userId,
          text: input.text,
          payload,
          receivedAt: now(),
          // The creator handles it first: a concurrent redelivery finds it leased.
          leaseUntil: new Date(now().getTime() + INBOUND_LEASE_MS),
        },
      });
      return { inbound, duplicate: false };
    }, TX_OPTIONS);
  } catch (err) {
    // Another process stored the same delivery between our read and insert.
    if (!isUniqueViolation(err)) throw err;
    const row = await db.inboundMessage.findUnique({ where });
    if (!row) throw err;
    return { inbound: row, duplicate: true };
  }
}

/**
 * How long a worker owns an inbound message it is handling. Longer than a normal turn
 * (the ack is immediate; classification runs after it), short enough that a message whose
 * process was killed is taken again by the periodic sweep within a minute.
 */
export const INBOUND_LEASE_MS = 45_000;

/**
 * Takes over a stored message that is not processed and not leased by another worker (a
 * redelivery after a crash, or a retry of a failed message). A conditional single-row
 * update, so of two workers receiving the same update only one handles it.
 */
export async function claimInbound(db: Db, inboundId: number, now: Date): Promise<boolean> {
  const direct = directSqlite(db);
  if (direct) return claimInboundDirect(direct, inboundId, now, INBOUND_LEASE_MS);
  const r = await db.inboundMessage.updateMany({
    where: { id: inboundId, status: { not: "processed" }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: new Date(now.getTime() + INBOUND_LEASE_MS) },
  });
  return r.count === 1;
}

export interface FileInput {
  inboundId: number;
  /** Voter's display name on the channel (stored on ChatUser). */
  displayName?: string | null;
  /** Petition text when it differs from the inbound text (e.g. gathered over a dialogue). */
  text?: string;
  /** Attachment refs; defaults to `payload.attachments` of the inbound message. */
  attachments?: AttachmentRef[];
}

export interface FiledPetition {
  petitionId: number;
  code: string;
  /** True when this inbound message had already been filed (redelivery). */
  alreadyFiled: boolean;
  /** Vietnamese acknowledgement carrying the code. */
  ackText: string;
}

/**
 * Files a petition from a stored inbound message, in one transaction: voter, petition
 * (status received, tracking code), attachments, history, inbound marked processed.
 * Filing the same inbound message again returns the first petition.
 */
export async function filePetition(db: Db, input: FileInput, deps: PetitionDeps = {}): Promise<FiledPetition> {
  const { now, config } = resolveDeps(deps);
  const filed = (p: { id: number; code: string }, alreadyFiled: boolean): FiledPetition => ({
    petitionId: p.id,
    code: p.code,
    alreadyFiled,
    ackText: petitionTexts.received(p.code),
  });
  const direct = directSqlite(db);
  if (direct) {
    const p = await filePetitionDirect(
      direct,
      {
        inboundId: input.inboundId,
        displayName: input.displayName?.trim() || null,
        text: input.text,
        attachments: input.attachments,
        ward: config.ward,
      },
      now(),
    );
    return filed(p, p.alreadyFiled);
  }
  try {
    return await db.$transaction(async (tx) => {
      const prior = await tx.petition.findUnique({ where: { inboundId: input.inboundId }, select: { id: true, code: true } });
      if (prior) return filed(prior, true);
      const inbound = await tx.inboundMessage.findUnique({ where: { id: input.inboundId } });
      if (!inbound) throw domainError("INBOUND_NOT_FOUND", { inboundId: input.inboundId });
      const text = (input.text ?? inbound.text).trim();
      if (!text) throw domainError("EMPTY_TEXT", { inboundId: inbound.id });
      const at = now();
      const displayName = input.displayName?.trim() || null;
      const voter = await tx.chatUser.upsert({
        where: { channel_externalId: { channel: inbound.channel, externalId: inbound.userId } },
        create: { channel: inbound.channel, externalId: inbound.userId, displayName, createdAt: at },
        update: displayName ? { displayName } : {},
      });
      const code = await nextPetitionCode(tx, at);
      const attachments = input.attachments ?? attachmentsFromPayload(inbound.payload);
      const petition = await tx.petition.create({
        data: {
          code,
          voterId: voter.id,
          inboundId: inbound.id,
          channel: inbound.channel,
          chatId: inbound.chatId,
          originalText: text,
          normalizedText: normalizePetitionText(text),
          intent: "petition",
          category: UNCLASSIFIED,
          confidence: 0,
          classifierSource: "pending",
          status: "received",
          ward: config.ward,
          createdAt: at,
          updatedAt: at,
          attachments: { create: attachments.map((a) => ({ kind: a.kind, ref: a.ref, createdAt: at })) },
          placeNumbers: { create: placeNumbers(null).map((number) => ({ number })) },
        },
      });
      await tx.petitionStatusChange.create({
        data: {
          petitionId: petition.id,
          actor: actorKey({ channel: inbound.channel, externalId: inbound.userId, role: "voter" }),
          fromStatus: null,
          toStatus: "received",
          note: historyNotes.filed,
          at,
        },
      });
      await tx.inboundMessage.update({ where: { id: inbound.id }, data: { status: "processed", processedAt: at, error: null } });
      return filed(petition, false);
    }, TX_OPTIONS);
  } catch (err) {
    // A concurrent filing of the same message committed first (unique inboundId).
    if (!isUniqueViolation(err)) throw err;
    const again = await db.petition.findUnique({ where: { inboundId: input.inboundId }, select: { id: true, code: true } });
    if (!again) throw err;
    return filed(again, true);
  }
}

/** Marks a handled inbound message processed (a no-op when filing already did) and frees its lease. */
export async function markInboundProcessed(db: Db, inboundId: number, at: Date): Promise<void> {
  const direct = directSqlite(db);
  if (direct) return markProcessedDirect(direct, inboundId, at);
  await db.inboundMessage.updateMany({ where: { id: inboundId, status: { not: "processed" } }, data: { status: "processed", processedAt: at, leaseUntil: null } });
}

/** Marks an inbound message failed (e.g. the classifier crashed) so it can be retried. */
export async function markInboundFailed(db: Db, inboundId: number, error: string): Promise<void> {
  // The lease is released: a redelivery or the start-up recovery may take it again.
  const direct = directSqlite(db);
  if (direct) return markInboundFailedDirect(direct, inboundId, error);
  await db.$transaction((tx) => tx.inboundMessage.update({ where: { id: inboundId }, data: { status: "failed", error: error.slice(0, 1000), leaseUntil: null } }), TX_OPTIONS);
}

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

/** Code, status and text of a petition (what deciding to classify it needs), through Prisma. */
async function petitionHead(db: Db, petitionId: number): Promise<PetitionHead> {
  const p = await db.petition.findUnique({ where: { id: petitionId }, select: { id: true, code: true, status: true, normalizedText: true } });
  if (!p) throw domainError("PETITION_NOT_FOUND", { id: petitionId });
  return p;
}

/**
 * Applies the classifier's understanding to a received petition in one transaction:
 * classification fields, due date, plan-task links, duplicate check, status
 * (classified, needs_review or duplicate) with history and the voter's notification.
 */
export async function applyClassification(
  db: Db,
  petitionId: number,
  understanding: MessageUnderstanding,
  deps: PetitionDeps = {},
): Promise<ClassificationResult> {
  const { now, config, findRelatedTasks } = resolveDeps(deps);
  const category = isCategoryId(understanding.category) ? understanding.category : "khac";
  const direct = directSqlite(db);
  const current = async (p: Awaited<ReturnType<typeof loadPetitionById>>): Promise<ClassificationResult> => {
    const unit = p.category === UNCLASSIFIED ? null : await suggestedUnitFor(db, p.category);
    const dup = p.duplicateOfId ? await db.petition.findUnique({ where: { id: p.duplicateOfId }, select: { id: true, code: true } }) : null;
    return {
      petitionId: p.id,
      code: p.code,
      status: p.status,
      category: p.category,
      applied: false,
      needsLocation: !p.location && isOpenStatus(p.status),
      duplicateOf: dup ? { petitionId: dup.id, code: dup.code } : null,
      suggestedUnit: unit ? { code: unit.code, name: unit.name } : null,
      dueAt: p.dueAt,
      taskLinks: await db.petitionTaskLink.count({ where: { petitionId: p.id } }),
      planLinkError: null,
    };
  };
  const before = direct ? petitionHeadDirect(direct, petitionId) : await petitionHead(db, petitionId);
  if (before.status !== "received") return current(await loadPetitionById(db, petitionId));

  const summary = understanding.summary?.trim() || null;
  // The search may call an embedding service: run it before taking the write lock.
  const links = await findPlanLinks(findRelatedTasks, summary ?? before.normalizedText, category, config.planLinks);

  const result = direct
    ? await applyClassificationDirect(direct, {
        petitionId,
        understanding,
        category,
        confidence: clampConfidence(understanding.confidence),
        summary,
        review: needsReview(understanding, category, config),
        links: links.matches,
        duplicates: config.duplicates,
        now,
        dueDate: (createdAt, urgent) => dueDate(createdAt, urgent, config),
      })
    : await db.$transaction(async (tx) => {
        const p = await loadPetitionById(tx, petitionId);
        if (p.status !== "received") return null; // classified concurrently
        const location = understanding.location?.trim() || p.location || null;
        const confidence = clampConfidence(understanding.confidence);
        const unit = await suggestedUnitFor(tx, category);
        const classification = {
          intent: understanding.intent,
          category,
          confidence,
          classifierSource: understanding.source,
          summary,
          location,
          urgent: understanding.urgent,
        };
        const review = needsReview(understanding, category, config);
        const duplicate = await findDuplicate(tx, { id: p.id, category, normalizedText: p.normalizedText, summary, location }, config.duplicates, now);
        // An unsure category makes the match unsure too: staff decide, with the hint in the note.
        if (duplicate && !review) {
          await replacePlaceNumbers(tx, p.id, location);
          await changeStatus(tx, p.id, "duplicate", {
            actor: SYSTEM_ACTOR,
            note: historyNotes.duplicateOf(duplicate.code, duplicate.textScore),
            now,
            data: { ...classification, duplicateOfId: duplicate.petitionId, dueAt: null },
            originalCode: duplicate.code,
            current: p,
          });
          return { status: "duplicate" as PetitionStatus, location, duplicate, unit, dueAt: null, taskLinks: 0 };
        }
        const dueAt = dueDate(p.createdAt, understanding.urgent, config);
        const to: PetitionStatus = review ? "needs_review" : "classified";
        const note = [
          historyNotes.classified(understanding.source, confidence, unit?.name ?? null),
          review ? historyNotes.lowConfidence : null,
          duplicate ? historyNotes.possibleDuplicate(duplicate.code) : null,
        ]
          .filter(Boolean)
          .join(". ");
        await replacePlaceNumbers(tx, p.id, location);
        await changeStatus(tx, p.id, to, { actor: SYSTEM_ACTOR, note, now, data: { ...classification, dueAt }, current: p });
        const taskLinks = await storePlanLinks(tx, p.id, links.matches);
        return { status: to, location, duplicate: null, unit, dueAt, taskLinks };
      }, TX_OPTIONS);

  if (!result) return current(await loadPetitionById(db, petitionId));
  return {
    petitionId,
    code: before.code,
    status: result.status,
    category,
    applied: true,
    needsLocation: !result.location && result.status !== "duplicate",
    duplicateOf: result.duplicate ? { petitionId: result.duplicate.petitionId, code: result.duplicate.code } : null,
    suggestedUnit: result.unit ? { code: result.unit.code, name: result.unit.name } : null,
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
  db: Db,
  petitionId: number,
  voter: Person,
  location: string,
  deps: PetitionDeps = {},
): Promise<{ code: string; location: string; duplicateOf: { petitionId: number; code: string } | null; replyText: string }> {
  const { now, config } = resolveDeps(deps);
  const place = location.replace(/\s+/g, " ").trim();
  if (place.length < 2 || place.length > 300) throw domainError("INVALID_LOCATION", { length: place.length });
  return db.$transaction(async (tx) => {
    const p = await tx.petition.findUnique({ where: { id: petitionId }, include: { voter: true } });
    // A stranger gets "not found", so codes cannot be probed.
    if (!p || !isSameVoter(p.voter, voter)) throw domainError("PETITION_NOT_FOUND", { petitionId });
    if (!isOpenStatus(p.status)) throw domainError("PETITION_CLOSED", { code: p.code, status: p.status });
    await tx.petition.update({ where: { id: p.id }, data: { location: place } });
    await replacePlaceNumbers(tx, p.id, place);
    await recordEvent(tx, p, { actor: { ...voter, role: "voter" }, note: historyNotes.locationSet(place), now });
    let duplicateOf: { petitionId: number; code: string } | null = null;
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
        duplicateOf = { petitionId: dup.petitionId, code: dup.code };
      }
    }
    const replyText = duplicateOf ? petitionTexts.duplicate(p.code, duplicateOf.code) : petitionTexts.locationSaved(p.code, place);
    return { code: p.code, location: place, duplicateOf, replyText };
  }, TX_OPTIONS);
}

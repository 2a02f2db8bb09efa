/**
 * The intake statements of intake.ts on the direct SQLite connection (sqlite-direct.ts):
 * same rules, same rows, one synchronous transaction each. intake.ts calls these when the
 * client has a direct connection and keeps the Prisma versions for PostgreSQL (and for a
 * transaction client); test/petitions/intake-direct.test.ts holds both to the same results.
 */
import type { InboundMessage } from "../../generated/prisma/client.ts";
import { domainError } from "../errors.ts";
import { ms, type SqliteDirect } from "../store/sqlite-direct.ts";
import { historyNotes } from "../text/petitions.vi.ts";
import { formatPetitionCode, yearInVietnam } from "./codes.ts";
import { bestDuplicate, candidateQuery, checksDuplicates, duplicateSince, placeNumbers, type DuplicateCandidate, type DuplicateMatch } from "./duplicates.ts";
import { actorKey } from "./history.ts";
import { attachmentsFromPayload, normalizePetitionText } from "./petition-text.ts";
import { statusNotice } from "./notify.ts";
import type { TaskMatch } from "./plan-links.ts";
import { canTransition, requiresReason, type PetitionStatus } from "./status.ts";
import type { AttachmentRef, Clock, DuplicateConfig, MessageUnderstanding } from "./types.ts";
import { UNCLASSIFIED } from "./types.ts";
import { unitCategories } from "./units.ts";

interface InboundRow {
  id: number;
  channel: string;
  externalId: string;
  chatId: string;
  userId: string;
  text: string;
  payload: string;
  status: string;
  error: string | null;
  leaseUntil: number | null;
  receivedAt: number;
  processedAt: number | null;
}

const date = (v: number | null): Date | null => (v === null ? null : new Date(v));

function toInbound(r: InboundRow): InboundMessage {
  return { ...r, leaseUntil: date(r.leaseUntil), receivedAt: new Date(r.receivedAt), processedAt: date(r.processedAt) };
}

const INBOUND_COLUMNS = "id, channel, externalId, chatId, userId, text, payload, status, error, leaseUntil, receivedAt, processedAt";

/** What recordInbound stores (payload already serialised). */
export type DirectInboundInput = Pick<InboundRow, "channel" | "externalId" | "chatId" | "userId" | "text" | "payload">;

/** recordInbound: insert once; a redelivery returns the stored row. */
export function recordInboundDirect(d: SqliteDirect, input: DirectInboundInput, at: Date, leaseMs: number): Promise<{ inbound: InboundMessage; duplicate: boolean }> {
  return d.write(() => {
    const inserted = d
      .stmt(
        `INSERT INTO InboundMessage (channel, externalId, chatId, userId, text, payload, status, leaseUntil, receivedAt)
         VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?)
         ON CONFLICT (channel, externalId) DO NOTHING RETURNING ${INBOUND_COLUMNS}`,
      )
      .get(input.channel, input.externalId, input.chatId, input.userId, input.text, input.payload, ms(at) + leaseMs, ms(at)) as InboundRow | undefined;
    if (inserted) return { inbound: toInbound(inserted), duplicate: false };
    const existing = d.stmt(`SELECT ${INBOUND_COLUMNS} FROM InboundMessage WHERE channel = ? AND externalId = ?`).get(input.channel, input.externalId) as InboundRow;
    return { inbound: toInbound(existing), duplicate: true };
  });
}

/** claimInbound: take an unprocessed message whose lease is free or expired. */
export function claimInboundDirect(d: SqliteDirect, inboundId: number, now: Date, leaseMs: number): Promise<boolean> {
  return d.write(
    () =>
      d
        .stmt(`UPDATE InboundMessage SET leaseUntil = ? WHERE id = ? AND status <> 'processed' AND (leaseUntil IS NULL OR leaseUntil < ?)`)
        .run(ms(now) + leaseMs, inboundId, ms(now)).changes === 1,
  );
}

export async function markProcessedDirect(d: SqliteDirect, inboundId: number, at: Date): Promise<void> {
  // Filing already marked it in its own transaction: no write transaction for nothing.
  const row = d.read(() => d.stmt(`SELECT status FROM InboundMessage WHERE id = ?`).get(inboundId) as { status: string } | undefined);
  if (!row || row.status === "processed") return;
  return d.write(() => {
    d.stmt(`UPDATE InboundMessage SET status = 'processed', processedAt = ?, leaseUntil = NULL WHERE id = ? AND status <> 'processed'`).run(ms(at), inboundId);
  });
}

export function markInboundFailedDirect(d: SqliteDirect, inboundId: number, error: string): Promise<void> {
  return d.write(() => {
    const r = d.stmt(`UPDATE InboundMessage SET status = 'failed', error = ?, leaseUntil = NULL WHERE id = ?`).run(error.slice(0, 1000), inboundId);
    // Same answer as Prisma's update() on a missing row.
    if (r.changes !== 1) throw domainError("INBOUND_NOT_FOUND", { inboundId });
  });
}

export interface DirectFileInput {
  inboundId: number;
  displayName: string | null;
  text: string | undefined;
  attachments: AttachmentRef[] | undefined;
  ward: string | null;
}

/** filePetition: voter, code, petition, attachments, history, inbound processed — one transaction. */
export function filePetitionDirect(d: SqliteDirect, input: DirectFileInput, at: Date): Promise<{ id: number; code: string; alreadyFiled: boolean }> {
  return d.write(() => {
    const prior = d.stmt(`SELECT id, code FROM Petition WHERE inboundId = ?`).get(input.inboundId) as { id: number; code: string } | undefined;
    if (prior) return { ...prior, alreadyFiled: true };
    const inbound = d.stmt(`SELECT ${INBOUND_COLUMNS} FROM InboundMessage WHERE id = ?`).get(input.inboundId) as InboundRow | undefined;
    if (!inbound) throw domainError("INBOUND_NOT_FOUND", { inboundId: input.inboundId });
    const text = (input.text ?? inbound.text).trim();
    if (!text) throw domainError("EMPTY_TEXT", { inboundId: inbound.id });
    const t = ms(at);
    const voter = d
      .stmt(
        `INSERT INTO ChatUser (channel, externalId, displayName, createdAt) VALUES (?, ?, ?, ?)
         ON CONFLICT (channel, externalId) DO UPDATE SET displayName = COALESCE(excluded.displayName, ChatUser.displayName)
         RETURNING id`,
      )
      .get(inbound.channel, inbound.userId, input.displayName, t) as { id: number };
    const year = yearInVietnam(at);
    const counter = d
      .stmt(`INSERT INTO CodeCounter (year, value) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET value = value + 1 RETURNING value`)
      .get(year) as { value: number };
    const code = formatPetitionCode(year, counter.value);
    const petition = d
      .stmt(
        `INSERT INTO Petition (code, voterId, inboundId, channel, chatId, originalText, normalizedText, intent, category, confidence,
                               classifierSource, ward, urgent, status, createdAt, updatedAt)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'petition', ?, 0, 'pending', ?, 0, 'received', ?, ?) RETURNING id`,
      )
      .get(code, voter.id, inbound.id, inbound.channel, inbound.chatId, text, normalizePetitionText(text), UNCLASSIFIED, input.ward, t, t) as { id: number };
    replacePlaceNumbersDirect(d, petition.id, null);
    const attachments = input.attachments ?? attachmentsFromPayload(inbound.payload);
    const addAttachment = d.stmt(`INSERT INTO Attachment (petitionId, kind, ref, createdAt) VALUES (?, ?, ?, ?)`);
    for (const a of attachments) addAttachment.run(petition.id, a.kind, a.ref, t);
    d.stmt(`INSERT INTO PetitionStatusChange (petitionId, actor, fromStatus, toStatus, note, at) VALUES (?, ?, NULL, 'received', ?, ?)`).run(
      petition.id,
      actorKey({ channel: inbound.channel, externalId: inbound.userId, role: "voter" }),
      historyNotes.filed,
      t,
    );
    d.stmt(`UPDATE InboundMessage SET status = 'processed', processedAt = ?, error = NULL WHERE id = ?`).run(t, inbound.id);
    return { id: petition.id, code, alreadyFiled: false };
  });
}

/** What the petition row looks like before classification (the fields the decision needs). */
export interface PetitionHead {
  id: number;
  code: string;
  status: string;
  normalizedText: string;
}

export function petitionHeadDirect(d: SqliteDirect, petitionId: number): PetitionHead {
  return d.read(() => {
    const p = d.stmt(`SELECT id, code, status, normalizedText FROM Petition WHERE id = ?`).get(petitionId) as PetitionHead | undefined;
    if (!p) throw domainError("PETITION_NOT_FOUND", { id: petitionId });
    return p;
  });
}

export interface DirectClassificationInput {
  petitionId: number;
  understanding: MessageUnderstanding;
  category: string;
  confidence: number;
  summary: string | null;
  review: boolean;
  links: TaskMatch[];
  duplicates: DuplicateConfig;
  now: Clock;
  dueDate(createdAt: Date, urgent: boolean): Date;
}

export interface DirectClassificationResult {
  status: PetitionStatus;
  location: string | null;
  duplicate: DuplicateMatch | null;
  unit: { id: number; code: string; name: string } | null;
  dueAt: Date | null;
  taskLinks: number;
}

interface PetitionRow {
  id: number;
  code: string;
  status: string;
  channel: string;
  chatId: string;
  normalizedText: string;
  location: string | null;
  createdAt: number;
  unitName: string | null;
}

/**
 * applyClassification's transaction: classification fields, due date, duplicate check,
 * status with history and the voter's notification, plan-task links. Null when the
 * petition is no longer "received" (classified concurrently).
 */
export function applyClassificationDirect(d: SqliteDirect, input: DirectClassificationInput): Promise<DirectClassificationResult | null> {
  return d.write(() => {
    const p = d
      .stmt(
        `SELECT p.id, p.code, p.status, p.channel, p.chatId, p.normalizedText, p.location, p.createdAt, u.name AS unitName
           FROM Petition p LEFT JOIN Unit u ON u.id = p.unitId WHERE p.id = ?`,
      )
      .get(input.petitionId) as PetitionRow | undefined;
    if (!p) throw domainError("PETITION_NOT_FOUND", { id: input.petitionId });
    if (p.status !== "received") return null;
    const u = input.understanding;
    const location = u.location?.trim() || p.location || null;
    const unit = suggestedUnitDirect(d, input.category);
    const classification = { intent: u.intent, category: input.category, confidence: input.confidence, classifierSource: u.source, summary: input.summary, location, urgent: u.urgent };
    const probe = { id: p.id, category: input.category, normalizedText: p.normalizedText, summary: input.summary, location };
    let duplicate: DuplicateMatch | null = null;
    if (checksDuplicates(input.category)) {
      const q = candidateQuery(probe, duplicateSince(input.duplicates, input.now), ["id", "code", "normalizedText", "summary", "location"]);
      duplicate = bestDuplicate(probe, d.stmt(q.sql).all(...q.args) as DuplicateCandidate[], input.duplicates);
    }
    if (duplicate && !input.review) {
      changeStatusDirect(d, p, "duplicate", historyNotes.duplicateOf(duplicate.code, duplicate.textScore), { ...classification, duplicateOfId: duplicate.petitionId, dueAt: null }, duplicate.code, input.now());
      replacePlaceNumbersDirect(d, p.id, location);
      return { status: "duplicate", location, duplicate, unit, dueAt: null, taskLinks: 0 };
    }
    const dueAt = input.dueDate(new Date(p.createdAt), u.urgent);
    const to: PetitionStatus = input.review ? "needs_review" : "classified";
    const note = [
      historyNotes.classified(u.source, input.confidence, unit?.name ?? null),
      input.review ? historyNotes.lowConfidence : null,
      duplicate ? historyNotes.possibleDuplicate(duplicate.code) : null,
    ]
      .filter(Boolean)
      .join(". ");
    changeStatusDirect(d, p, to, note, { ...classification, duplicateOfId: null, dueAt }, null, input.now());
    replacePlaceNumbersDirect(d, p.id, location);
    return { status: to, location, duplicate: null, unit, dueAt, taskLinks: storePlanLinksDirect(d, p.id, input.links) };
  });
}

/** suggestedUnitFor on the direct connection: first unit listing the category. */
function suggestedUnitDirect(d: SqliteDirect, category: string): { id: number; code: string; name: string } | null {
  const units = d.stmt(`SELECT id, code, name, categories FROM Unit WHERE instr(categories, ?) > 0 ORDER BY id`).all(category) as Array<{ id: number; code: string; name: string; categories: string }>;
  const u = units.find((x) => unitCategories(x).includes(category));
  return u ? { id: u.id, code: u.code, name: u.name } : null;
}

interface ClassificationColumns {
  intent: string;
  category: string;
  confidence: number;
  classifierSource: string;
  summary: string | null;
  location: string | null;
  urgent: boolean;
  duplicateOfId: number | null;
  dueAt: Date | null;
}

/**
 * changeStatus (history.ts) for the classification moves out of "received": conditional
 * update, history row, voter notification in the outbox. (Follower notices only follow
 * outcomes such as "resolved", never these moves.)
 */
function changeStatusDirect(d: SqliteDirect, p: PetitionRow, to: PetitionStatus, note: string, data: ClassificationColumns, originalCode: string | null, at: Date): void {
  const from = p.status;
  if (!canTransition(from, to)) throw domainError("INVALID_TRANSITION", { code: p.code, from, to });
  if (requiresReason(from, to) && !note.trim()) throw domainError("REASON_REQUIRED", { code: p.code, from, to });
  const t = ms(at);
  const updated = d
    .stmt(
      `UPDATE Petition SET intent = ?, category = ?, confidence = ?, classifierSource = ?, summary = ?, location = ?, urgent = ?,
              duplicateOfId = ?, dueAt = ?, status = ?, statusReason = ?, updatedAt = ?
        WHERE id = ? AND status = ?`,
    )
    .run(data.intent, data.category, data.confidence, data.classifierSource, data.summary, data.location, data.urgent ? 1 : 0, data.duplicateOfId, data.dueAt ? ms(data.dueAt) : null, to, note.trim() || null, t, p.id, from);
  if (updated.changes !== 1) throw domainError("INVALID_TRANSITION", { code: p.code, from, to, concurrent: true });
  const change = d
    .stmt(`INSERT INTO PetitionStatusChange (petitionId, actor, fromStatus, toStatus, note, at) VALUES (?, 'system', ?, ?, ?, ?) RETURNING id`)
    .get(p.id, from, to, note.trim() || null, t) as { id: number };
  const notice = statusNotice({ code: p.code, from, to, note: note.trim() || null, category: data.category, unitName: p.unitName, dueAt: data.dueAt, originalCode });
  enqueueDirect(d, { channel: p.channel, chatId: p.chatId, text: notice.text, payload: { ...notice.payload, petitionCode: p.code }, dedupeKey: `petition:${p.id}:status:${change.id}` }, at, at);
}

/** outbox.enqueue: one row per dedupeKey (an existing row is kept as is). */
export function enqueueDirect(
  d: SqliteDirect,
  row: { channel: string; chatId: string; text: string; payload?: unknown; dedupeKey: string },
  availableAt: Date,
  at: Date,
): void {
  d.stmt(
    `INSERT INTO Outbox (channel, chatId, text, payload, status, attempts, dedupeKey, availableAt, createdAt)
     VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (dedupeKey) DO NOTHING`,
  ).run(row.channel, row.chatId, row.text, JSON.stringify(row.payload ?? {}), row.dedupeKey, ms(availableAt), ms(at));
}

/** storePlanLinks: replace the petition's links; tasks that no longer exist are skipped. */
function storePlanLinksDirect(d: SqliteDirect, petitionId: number, matches: TaskMatch[]): number {
  d.stmt(`DELETE FROM PetitionTaskLink WHERE petitionId = ?`).run(petitionId);
  const exists = d.stmt(`SELECT 1 FROM Task WHERE id = ?`);
  const insert = d.stmt(`INSERT INTO PetitionTaskLink (petitionId, taskId, score) VALUES (?, ?, ?)`);
  let n = 0;
  for (const m of matches) {
    if (!exists.get(m.taskId)) continue;
    insert.run(petitionId, m.taskId, m.score);
    n++;
  }
  return n;
}

/** duplicates.replacePlaceNumbers on the direct connection. */
function replacePlaceNumbersDirect(d: SqliteDirect, petitionId: number, location: string | null): void {
  d.stmt(`DELETE FROM PetitionPlaceNumber WHERE petitionId = ?`).run(petitionId);
  const insert = d.stmt(`INSERT INTO PetitionPlaceNumber (petitionId, number) VALUES (?, ?)`);
  for (const n of placeNumbers(location)) insert.run(petitionId, n);
}

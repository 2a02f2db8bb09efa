/**
 * Row types of the tables the services use, as the repositories return them (Date for
 * timestamps, boolean for flags), and the conversions from what each engine hands back:
 * SQLite integers (milliseconds, 0/1), PostgreSQL Date and boolean.
 */
export type Raw = Record<string, unknown>;

export function toDate(v: unknown): Date {
  return v instanceof Date ? v : new Date(Number(v));
}
export function toDateOrNull(v: unknown): Date | null {
  return v === null || v === undefined ? null : toDate(v);
}
export function toBool(v: unknown): boolean {
  return v === true || v === 1 || v === "1" || v === "t";
}
export function toNum(v: unknown): number {
  return typeof v === "number" ? v : Number(v);
}
export function toNumOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : toNum(v);
}
export function toStr(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}
export function toStrOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

export interface InboundMessage {
  id: number;
  channel: string;
  externalId: string;
  chatId: string;
  userId: string;
  text: string;
  payload: string;
  status: string;
  error: string | null;
  leaseUntil: Date | null;
  receivedAt: Date;
  processedAt: Date | null;
}

export const INBOUND_COLUMNS = "id, channel, externalId, chatId, userId, text, payload, status, error, leaseUntil, receivedAt, processedAt";

export function inboundRow(r: Raw): InboundMessage {
  return {
    id: toNum(r.id),
    channel: toStr(r.channel),
    externalId: toStr(r.externalId),
    chatId: toStr(r.chatId),
    userId: toStr(r.userId),
    text: toStr(r.text),
    payload: toStr(r.payload),
    status: toStr(r.status),
    error: toStrOrNull(r.error),
    leaseUntil: toDateOrNull(r.leaseUntil),
    receivedAt: toDate(r.receivedAt),
    processedAt: toDateOrNull(r.processedAt),
  };
}

export interface Petition {
  id: number;
  code: string;
  voterId: number;
  inboundId: number | null;
  channel: string;
  chatId: string;
  originalText: string;
  normalizedText: string;
  intent: string;
  category: string;
  confidence: number;
  classifierSource: string;
  summary: string | null;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  ward: string | null;
  urgent: boolean;
  status: string;
  statusReason: string | null;
  unitId: number | null;
  dueAt: Date | null;
  duplicateOfId: number | null;
  collectedBy: string | null;
  /** Area (tổ dân phố, thôn) set by staff; null: derived from the place. */
  area: string | null;
  /** False when staff hid it from the public page (sensitive content). */
  isPublic: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A petition with the names the views show next to it. */
export interface PetitionDetail extends Petition {
  unitCode: string | null;
  unitName: string | null;
  voterChannel: string;
  voterExternalId: string;
  duplicateOfCode: string | null;
}

export const PETITION_COLUMNS =
  "p.id, p.code, p.voterId, p.inboundId, p.channel, p.chatId, p.originalText, p.normalizedText, p.intent, p.category, p.confidence, " +
  "p.classifierSource, p.summary, p.location, p.latitude, p.longitude, p.ward, p.urgent, p.status, p.statusReason, p.unitId, p.dueAt, " +
  "p.duplicateOfId, p.collectedBy, p.area, p.isPublic, p.createdAt, p.updatedAt";

export function petitionRow(r: Raw): Petition {
  return {
    id: toNum(r.id),
    code: toStr(r.code),
    voterId: toNum(r.voterId),
    inboundId: toNumOrNull(r.inboundId),
    channel: toStr(r.channel),
    chatId: toStr(r.chatId),
    originalText: toStr(r.originalText),
    normalizedText: toStr(r.normalizedText),
    intent: toStr(r.intent),
    category: toStr(r.category),
    confidence: toNum(r.confidence),
    classifierSource: toStr(r.classifierSource),
    summary: toStrOrNull(r.summary),
    location: toStrOrNull(r.location),
    latitude: toNumOrNull(r.latitude),
    longitude: toNumOrNull(r.longitude),
    ward: toStrOrNull(r.ward),
    urgent: toBool(r.urgent),
    status: toStr(r.status),
    statusReason: toStrOrNull(r.statusReason),
    unitId: toNumOrNull(r.unitId),
    dueAt: toDateOrNull(r.dueAt),
    duplicateOfId: toNumOrNull(r.duplicateOfId),
    collectedBy: toStrOrNull(r.collectedBy),
    area: toStrOrNull(r.area),
    isPublic: r.isPublic === undefined ? true : toBool(r.isPublic),
    createdAt: toDate(r.createdAt),
    updatedAt: toDate(r.updatedAt),
  };
}

export function petitionDetailRow(r: Raw): PetitionDetail {
  return {
    ...petitionRow(r),
    unitCode: toStrOrNull(r.unitCode),
    unitName: toStrOrNull(r.unitName),
    voterChannel: toStr(r.voterChannel),
    voterExternalId: toStr(r.voterExternalId),
    duplicateOfCode: toStrOrNull(r.duplicateOfCode),
  };
}

export interface StatusChange {
  id: number;
  petitionId: number;
  actor: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  at: Date;
}

export function statusChangeRow(r: Raw): StatusChange {
  return {
    id: toNum(r.id),
    petitionId: toNum(r.petitionId),
    actor: toStr(r.actor),
    fromStatus: toStrOrNull(r.fromStatus),
    toStatus: toStr(r.toStatus),
    note: toStrOrNull(r.note),
    at: toDate(r.at),
  };
}

export interface Unit {
  id: number;
  code: string;
  name: string;
  /** Comma-separated category ids this unit handles by default. */
  categories: string;
}

export function unitRow(r: Raw): Unit {
  return { id: toNum(r.id), code: toStr(r.code), name: toStr(r.name), categories: toStr(r.categories) };
}

export interface OutboxRow {
  id: number;
  channel: string;
  chatId: string;
  text: string;
  payload: string;
  status: string;
  attempts: number;
  lastError: string | null;
  dedupeKey: string;
  availableAt: Date;
  createdAt: Date;
  sentAt: Date | null;
}

export const OUTBOX_COLUMNS = "id, channel, chatId, text, payload, status, attempts, lastError, dedupeKey, availableAt, createdAt, sentAt";

export function outboxRow(r: Raw): OutboxRow {
  return {
    id: toNum(r.id),
    channel: toStr(r.channel),
    chatId: toStr(r.chatId),
    text: toStr(r.text),
    payload: toStr(r.payload),
    status: toStr(r.status),
    attempts: toNum(r.attempts),
    lastError: toStrOrNull(r.lastError),
    dedupeKey: toStr(r.dedupeKey),
    availableAt: toDate(r.availableAt),
    createdAt: toDate(r.createdAt),
    sentAt: toDateOrNull(r.sentAt),
  };
}

export interface Attachment {
  id: number;
  petitionId: number;
  kind: string;
  ref: string;
  mime: string | null;
  size: number | null;
  localPath: string | null;
  createdAt: Date;
}

export function attachmentRow(r: Raw): Attachment {
  return {
    id: toNum(r.id),
    petitionId: toNum(r.petitionId),
    kind: toStr(r.kind),
    ref: toStr(r.ref),
    mime: toStrOrNull(r.mime),
    size: toNumOrNull(r.size),
    localPath: toStrOrNull(r.localPath),
    createdAt: toDate(r.createdAt),
  };
}

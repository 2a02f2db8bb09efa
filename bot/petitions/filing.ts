/**
 * Filing a petition from a stored inbound message: voter, tracking code, petition, history
 * and the message marked processed — one chain (store/repos/filing.ts) in the common chat
 * case, one transaction when attachments, an urgent alert or the caller's own writes join it.
 */
import { domainError } from "../errors.ts";
import { isUniqueViolation } from "../../store/index.ts";
import type { FileChain } from "../../store/repos/filing.ts";
import type { InboundMessage } from "../../store/rows.ts";
import { historyNotes, petitionTexts } from "../text/petitions.vi.ts";
import { petitionCodeParts, yearInVietnam } from "./codes.ts";
import { attachmentsFromPayload, normalizePetitionText } from "./petition-text.ts";
import { actorKey } from "./history.ts";
import { notifyStaff } from "./notify.ts";
import type { AttachmentRef, DbClient, PetitionDeps, Person } from "./types.ts";
import { UNCLASSIFIED, resolveDeps } from "./types.ts";

export interface FileInput {
  inboundId: number;
  /** Voter's display name (stored on ChatUser only with consent; the chat passes none). */
  displayName?: string | null;
  /** Petition text when it differs from the inbound text (e.g. gathered over a dialogue). */
  text?: string;
  /** Attachment refs; defaults to `payload.attachments` of the inbound message. */
  attachments?: AttachmentRef[];
  /** A place known at filing (typed with the problem, or kept from an earlier message). */
  location?: string | null;
  coordinates?: { latitude: number; longitude: number } | null;
  /** Urgent at first sight (fire, live wire): first in the review queue and staff alerted at once. */
  urgent?: boolean;
  /** Filed by a delegate for a voter met at a voter meeting: the delegate's actor key. */
  collectedBy?: string | null;
  /** The person the petition belongs to when it is not the sender (a delegate filing for a voter). */
  voter?: Person;
  /**
   * A second petition from the same message (it raised two problems): not linked to the
   * message (one petition per message id), which the first petition already marks handled.
   */
  secondOf?: boolean;
  /** The stored inbound message when the caller has it (the chat core): not read again. */
  inbound?: InboundFacts;
}

export interface FiledPetition {
  petitionId: number;
  code: string;
  createdAt: Date;
  /** True when this inbound message had already been filed (redelivery). */
  alreadyFiled: boolean;
  /** Vietnamese acknowledgement carrying the code. */
  ackText: string;
}

/**
 * ChatUser ids never change once created: each store keeps the ones it has seen committed.
 * An id created inside a transaction is not kept: another filing would use it before the
 * row is visible to it (a foreign-key failure), or after a rollback removed it.
 */
const voterIds = new WeakMap<object, Map<string, number>>();
const VOTER_CACHE_MAX = 10_000;

async function voterIdOf(tx: DbClient, channel: string, externalId: string, displayName: string | null, at: Date, committed: boolean): Promise<number> {
  let cache = voterIds.get(tx.identity);
  if (!cache) voterIds.set(tx.identity, (cache = new Map()));
  const key = `${channel}\u0000${externalId}`;
  const known = cache.get(key);
  if (known !== undefined && displayName === null) return known;
  const id = await tx.petitions.voterId(channel, externalId, displayName, at);
  if (!committed) return id;
  if (cache.size >= VOTER_CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, id);
  return id;
}

/**
 * Files a petition from a stored inbound message, in one chain or transaction: voter, petition
 * (status received, tracking code), attachments, history, inbound marked processed, and
 * for an urgent petition the staff alert. Filing the same inbound message again returns
 * the first petition. `extra` runs inside the same transaction (the caller's state).
 */
export async function filePetition(db: DbClient, input: FileInput, deps: PetitionDeps = {}, extra?: (tx: DbClient, filed: FiledPetition) => Promise<void>): Promise<FiledPetition> {
  const { now } = resolveDeps(deps);
  const filed = (p: { id: number; code: string; createdAt: Date }, alreadyFiled: boolean): FiledPetition => ({
    petitionId: p.id,
    code: p.code,
    createdAt: p.createdAt,
    alreadyFiled,
    ackText: petitionTexts.received(p.code),
  });
  try {
    return await fileOnce(db, input, deps, filed, extra);
  } catch (err) {
    // A concurrent filing of the same message committed first (unique inboundId).
    if (!isUniqueViolation(err)) throw err;
    const again = await db.petitions.byInboundId(input.inboundId);
    if (!again) throw err;
    return filed({ ...again, createdAt: now() }, true);
  }
}

/** What filing reads of the inbound message: the chat core passes the row it stored, others have it read. */
export type InboundFacts = Pick<InboundMessage, "id" | "channel" | "chatId" | "userId" | "text" | "payload">;

async function fileOnce(
  db: DbClient,
  input: FileInput,
  deps: PetitionDeps,
  filed: (p: { id: number; code: string; createdAt: Date }, alreadyFiled: boolean) => FiledPetition,
  extra?: (tx: DbClient, filed: FiledPetition) => Promise<void>,
): Promise<FiledPetition> {
  const { now } = resolveDeps(deps);
  const given = input.inbound?.id === input.inboundId ? input.inbound : null;
  // The common chat case (the message at hand, nothing attached, not urgent, nothing else to
  // write) is one chain: one statement on PostgreSQL. A redelivery fails the unique inboundId
  // and filePetition answers with the first petition.
  if (given && !extra && !input.urgent && (input.attachments ?? attachmentsFromPayload(given.payload)).length === 0) {
    const at = now();
    const { chain } = await filingChain(db, input, given, deps, at, false);
    return filed({ ...(await db.filing.file(chain)), createdAt: at }, false);
  }
  return db.transaction(async (tx) => {
    const prior = input.secondOf ? null : await tx.petitions.byInboundId(input.inboundId);
    if (prior) return filed({ ...prior, createdAt: now() }, true);
    const inbound = given ?? (await tx.inbound.byId(input.inboundId));
    if (!inbound) throw domainError("INBOUND_NOT_FOUND", { inboundId: input.inboundId });
    const at = now();
    const { chain, text } = await filingChain(tx, input, inbound, deps, at, true);
    const { id, code } = await tx.filing.file(chain);
    await tx.petitions.addAttachments(id, input.attachments ?? attachmentsFromPayload(inbound.payload), at);
    if (input.urgent) await notifyStaff(tx, { id, code }, null, "urgent", petitionTexts.staffUrgent(code, text, input.location?.trim() || null), now);
    const out = filed({ id, code, createdAt: at }, false);
    if (extra) await extra(tx, out);
    return out;
  });
}

/** The petition as the store files it (voter resolved, code parts, history, inbound marked). */
async function filingChain(db: DbClient, input: FileInput, inbound: InboundFacts, deps: PetitionDeps, at: Date, inTransaction: boolean): Promise<{ chain: FileChain; text: string }> {
  const { config } = resolveDeps(deps);
  const text = (input.text ?? inbound.text).trim();
  if (!text) throw domainError("EMPTY_TEXT", { inboundId: inbound.id });
  const owner = input.voter ?? { channel: inbound.channel, externalId: inbound.userId };
  const voterId = await voterIdOf(db, owner.channel, owner.externalId, input.displayName?.trim() || null, at, !inTransaction);
  const year = yearInVietnam(at);
  const { prefix, digits } = petitionCodeParts(year);
  const chain: FileChain = {
    codeYear: year,
    codePrefix: prefix,
    codeDigits: digits,
    voterId,
    inboundId: input.secondOf ? null : inbound.id,
    // A petition filed for a voter met in person is answered to the delegate's chat.
    channel: inbound.channel,
    chatId: inbound.chatId,
    originalText: text,
    normalizedText: normalizePetitionText(text),
    category: UNCLASSIFIED,
    ward: config.ward,
    location: input.location?.trim() || null,
    latitude: input.coordinates?.latitude ?? null,
    longitude: input.coordinates?.longitude ?? null,
    urgent: input.urgent ?? false,
    collectedBy: input.collectedBy ?? null,
    at,
    historyActor: input.collectedBy ?? actorKey({ channel: inbound.channel, externalId: inbound.userId, role: "voter" }),
    historyNote: input.collectedBy ? historyNotes.collected : historyNotes.filed,
    markInboundId: input.secondOf ? null : inbound.id,
  };
  return { chain, text };
}

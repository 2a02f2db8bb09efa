/**
 * What a voter adds to a petition after filing it — more detail, a follow-up ("vẫn chưa
 * thông, hôm qua mưa lại ngập"), a photo — is kept with that petition instead of filing a
 * new one. Staff see it in the history; once a unit is working on it, that unit is told.
 */
import { domainError } from "../errors.ts";
import { historyNotes, petitionTexts } from "../text/petitions.vi.ts";
import { changeStatus, loadPetitionById, recordEvent } from "./history.ts";
import { notifyStaff } from "./notify.ts";
import { isSameVoter } from "./roles.ts";
import { isOpenStatus } from "./status.ts";
import type { AttachmentRef, DbClient, PetitionDeps, Person } from "./types.ts";
import { resolveDeps } from "./types.ts";

export interface SupplementInput {
  petitionId: number;
  /** The chat message it came from: a redelivery adds nothing twice. */
  inboundId: number | null;
  text: string;
  kind: "text" | "follow_up" | "photo" | "file" | "location";
  attachments?: AttachmentRef[];
}

/**
 * Adds a supplement (only the petition's own voter; a closed petition is reopened by the
 * rating/"chưa xong" path, not here). Resolves with the petition's code and status.
 */
export async function addSupplement(db: DbClient, voter: Person, input: SupplementInput, deps: PetitionDeps = {}): Promise<{ code: string; status: string; added: boolean }> {
  const { now } = resolveDeps(deps);
  const text = input.text.replace(/\s+/g, " ").trim().slice(0, 2000);
  return db.transaction(async (tx) => {
    const p = await loadPetitionById(tx, input.petitionId);
    if (!isSameVoter({ channel: p.voterChannel, externalId: p.voterExternalId }, voter)) throw domainError("PETITION_NOT_FOUND", { petitionId: input.petitionId });
    const added = await tx.petitions.addSupplement({ petitionId: p.id, inboundId: input.inboundId, kind: input.kind, text: text || "(ảnh)", at: now() });
    if (!added) return { code: p.code, status: p.status, added: false };
    if (input.attachments?.length) await tx.petitions.addAttachments(p.id, input.attachments, now());
    const changeId = await recordEvent(tx, p, { actor: { ...voter, role: "voter" }, note: historyNotes.supplemented(input.kind, text), now });
    // Staff who already work on it hear of it; before assignment it shows in the review card.
    if (p.status === "assigned" || p.status === "in_progress" || input.kind === "follow_up") {
      await notifyStaff(tx, p, p.unitCode, `supplement:${changeId}`, petitionTexts.staffSupplement(p.code, text), now);
    }
    return { code: p.code, status: p.status, added: true };
  });
}

/**
 * The voter says two petitions filed from one message are one problem: `mergeCode` is
 * closed as a duplicate of `keepCode` (its text added to it). Only their own, open ones.
 */
export async function mergeByVoter(db: DbClient, voter: Person, keepCode: string, mergeCode: string, deps: PetitionDeps = {}): Promise<{ kept: string; merged: string }> {
  const { now } = resolveDeps(deps);
  return db.transaction(async (tx) => {
    const keep = await tx.petitions.byCode(keepCode, true);
    const merge = await tx.petitions.byCode(mergeCode, true);
    const mine = (p: typeof keep) => p !== null && isSameVoter({ channel: p.voterChannel, externalId: p.voterExternalId }, voter);
    if (!mine(keep) || !mine(merge)) throw domainError("PETITION_NOT_FOUND", { keepCode, mergeCode });
    if (!isOpenStatus(keep!.status) || !isOpenStatus(merge!.status)) throw domainError("INVALID_MERGE", { keepCode, mergeCode });
    await tx.petitions.addSupplement({ petitionId: keep!.id, inboundId: null, kind: "text", text: merge!.originalText, at: now() });
    await changeStatus(tx, merge!.id, "duplicate", {
      actor: { ...voter, role: "voter" },
      note: historyNotes.mergedByVoter(keep!.code),
      now,
      data: { duplicateOfId: keep!.id, dueAt: null },
      originalCode: keep!.code,
      current: merge!,
      // The voter asked for it and gets the reply in the conversation.
      notify: false,
    });
    return { kept: keep!.code, merged: merge!.code };
  });
}

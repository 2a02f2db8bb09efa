/**
 * What the dialogue does, shared by every role: show a status, answer a plan question,
 * file a petition and acknowledge it at once (classification follows in the background).
 */
import { ask } from "../../../rag/answer/ask.ts";
import { readContext } from "../../../rag/answer/context.ts";
import { formatAnswer } from "../../../rag/answer/format.ts";
import { normalizePetitionCode } from "../../petitions/codes.ts";
import { filePetition, type FileInput, type FiledPetition } from "../../petitions/intake.ts";
import { latestPetition, listMyPetitions, lookupPetition } from "../../petitions/lookup.ts";
import { enqueue } from "../../petitions/outbox.ts";
import { usersWithRole } from "../../petitions/roles.ts";
import type { AttachmentRef, MessageUnderstanding } from "../../petitions/types.ts";
import { conversationTexts as T } from "../../text/conversation.vi.ts";
import { formatStatus } from "../../text/format.ts";
import type { Reply } from "../types.ts";
import type { Turn } from "../turn.ts";

export const KN_CODE = /\bKN[-\s]?\d{4}[-\s]?\d{1,6}\b/i;

export async function showStatus(turn: Turn, code: string | null): Promise<void> {
  const { deps } = turn;
  if (code) {
    const norm = normalizePetitionCode(code);
    if (!norm) return turn.sink.send({ text: T.askCodeFormat });
    const v = await lookupPetition(deps.db, turn.actor, norm);
    return turn.sink.send({ text: formatStatus(v) });
  }
  const latest = await latestPetition(deps.db, turn.person);
  if (!latest) return turn.sink.send({ text: T.noPetitions });
  const mine = await listMyPetitions(deps.db, turn.person, { limit: 5 });
  const others = mine.filter((p) => p.code !== latest.code);
  const extra = others.length ? `\n\n${T.myPetitionsHeader}\n${others.map((p) => `• ${p.code}: ${p.statusLabel}`).join("\n")}` : "";
  return turn.sink.send({ text: formatStatus(latest) + extra });
}

/**
 * A question about the plans, answered from the documents with their sources. The answer's
 * context is kept in the session, so "còn quý sau?" or "ai chủ trì việc đó?" follow on.
 * A voter whose question the plans do not cover is pointed to the ward's offices instead of
 * being shown plan passages that do not answer it.
 */
export async function answerQuestion(turn: Turn, text: string): Promise<void> {
  const { deps, state } = turn;
  const answer = await ask(deps.kb, text, {
    now: deps.now(),
    llm: deps.llm,
    defaultWard: deps.ward,
    context: state.askContext === null ? null : readContext(state.askContext),
    onLlmError: (e) => deps.log.warn("LLM answer failed", { err: String(e) }),
  });
  state.askContext = answer.context;
  if (!answer.found && turn.role === "voter") return turn.sink.send({ text: T.voterNotInPlans });
  const titleOf = (file: string) => deps.kb.documents.find((d) => d.file === file)?.title ?? file;
  await turn.sink.send({ text: formatAnswer(answer, { titleOf }) });
}

/** Photos and files of this message and those kept from before it. */
export function pendingAttachments(turn: Turn): AttachmentRef[] {
  const kept = turn.state.attachments.map((a) => ({ kind: a.kind, ref: a.ref, mime: a.mime ?? null, size: a.size ?? null, localPath: a.path ?? null }));
  const now = turn.msg.attachments.filter((a) => a.kind === "photo" || a.kind === "file").map((a) => ({ kind: a.kind, ref: a.ref, mime: a.mime ?? null, size: a.size ?? null, localPath: a.path ?? null }));
  return [...kept, ...now];
}

/**
 * Files a petition from this turn's message and queues its classification before the
 * acknowledgement is sent (a failed send cannot leave it unclassified); a send that fails
 * goes through the outbox, so the code still reaches the voter.
 */
export async function fileAndQueue(turn: Turn, input: Omit<FileInput, "inboundId"> & { inboundId?: number; offline?: MessageUnderstanding }): Promise<FiledPetition> {
  const { deps } = turn;
  const filed = await filePetition(deps.db, { inboundId: turn.inboundId, displayName: null, ...(turn.inbound ? { inbound: turn.inbound } : {}), ...input }, deps.petitions);
  if (input.urgent) deps.onOutbox?.();
  if (!filed.alreadyFiled) {
    turn.classification.push({
      id: filed.petitionId,
      code: filed.code,
      channel: turn.msg.channel,
      chatId: turn.msg.chatId,
      normalizedText: (input.text ?? turn.msg.text).trim(),
      location: input.location ?? null,
      urgent: input.urgent ?? false,
      createdAt: filed.createdAt,
      // The routing verdict of the filed text: classification need not compute it again.
      ...(input.offline && input.text !== undefined && input.text === input.text.trim() ? { offline: input.offline } : {}),
    });
  }
  return filed;
}

/** Sends a reply; when the transport gave up, the outbox delivers it (the petition code must arrive). */
export async function sendOrQueue(turn: Turn, reply: Reply, dedupeKey: string): Promise<void> {
  const { deps } = turn;
  try {
    await turn.sink.send(reply);
  } catch (err) {
    deps.log.warn("reply not sent; queued in the outbox", { err: String(err) });
    const buttons = reply.buttons?.flat().map((b) => ({ text: b.label, data: b.data }));
    await enqueue(deps.db, { channel: turn.msg.channel, chatId: turn.msg.chatId, text: reply.text, payload: { kind: "ack", ...(buttons ? { buttons } : {}) }, dedupeKey }, deps.now);
    deps.onOutbox?.();
  }
}

/**
 * The line an urgent acknowledgement adds. It says staff were alerted only when someone can
 * receive the alert (a staff account or the staff group): never promise what did not happen.
 */
export async function urgentNote(turn: Turn): Promise<string> {
  if (turn.deps.staffGroup) return T.urgentAck;
  return (await usersWithRole(turn.deps.db, "staff")).length > 0 ? T.urgentAck : T.urgentAckNoStaff;
}

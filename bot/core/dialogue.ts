/**
 * Free text: what a message that is not a command or a button press means, and the
 * reply. Filing, status, plan questions, the answers to the bot's own prompts.
 */
import { foldVietnamese } from "../../rag/text/vietnamese.ts";
import { ask } from "../../rag/answer/ask.ts";
import { normalizePetitionCode } from "../petitions/codes.ts";
import { filePetition, setLocation } from "../petitions/intake.ts";
import { latestPetition, latestPetitionRef, listMyPetitions, lookupPetition } from "../petitions/lookup.ts";
import { enqueue } from "../petitions/outbox.ts";
import { isNotFixedMessage, reportNotFixed } from "../petitions/ratings.ts";
import type { AttachmentRef, MessageUnderstanding } from "../petitions/types.ts";
import { conversationTexts as T } from "../text/conversation.vi.ts";
import { formatAnswer, formatStatus } from "../text/format.ts";
import { petitionTexts } from "../text/petitions.vi.ts";
import { completeStaffPrompt } from "./staff-review.ts";
import type { Turn } from "./turn.ts";

export const KN_CODE = /\bKN[-\s]?\d{4}[-\s]?\d{1,6}\b/i;
const GREETING = /^(xin )?(chao|hello|hi|alo|a lo|chao ban|chao ad|chao admin|hey)\b/;
const THANKS = /\b(cam on|thank|thanks|tks|camon)\b/;

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

async function answerQuestion(turn: Turn, text: string): Promise<void> {
  const { deps } = turn;
  const answer = await ask(deps.kb, text, { now: deps.now(), llm: deps.llm, defaultWard: deps.ward, onLlmError: (e) => deps.log.warn("LLM answer failed", { err: String(e) }) });
  await turn.sink.send({ text: formatAnswer(answer, deps.kb) });
}

async function fileTurn(turn: Turn, text: string, quick: MessageUnderstanding): Promise<void> {
  const { deps } = turn;
  const attachments: AttachmentRef[] = [...turn.state.attachments, ...turn.msg.attachments.filter((a) => a.kind === "photo" || a.kind === "file")];
  // A voter's name is stored only with consent, which the chat does not collect: none is stored.
  const filed = await filePetition(deps.db, { inboundId: turn.inboundId, displayName: null, text, attachments, location: quick.location, urgent: quick.urgent }, deps.petitions);
  if (quick.urgent) deps.onOutbox?.();
  turn.state.attachments = [];
  const lines = [filed.ackText];
  if (quick.urgent) lines.push(T.urgentAck);
  if (!quick.location) {
    lines.push(petitionTexts.askLocation(filed.code));
    turn.state.pending = { kind: "location", petitionId: filed.petitionId, code: filed.code };
  }
  // Queued before the acknowledgement is sent, so a failed send cannot leave the petition unclassified.
  if (!filed.alreadyFiled) {
    turn.classification.push({ id: filed.petitionId, code: filed.code, channel: turn.msg.channel, chatId: turn.msg.chatId, normalizedText: text, location: quick.location, urgent: quick.urgent, createdAt: filed.createdAt });
  }
  const ack = lines.join("\n");
  try {
    await turn.sink.send({ text: ack });
  } catch (err) {
    // The transport gave up (after its own retries): the outbox delivers the code later.
    deps.log.warn("acknowledgement not sent; queued in the outbox", { code: filed.code, err: String(err) });
    await enqueue(deps.db, { channel: turn.msg.channel, chatId: turn.msg.chatId, text: ack, payload: { kind: "ack" }, dedupeKey: `ack:${filed.petitionId}` }, deps.now);
    deps.onOutbox?.();
  }
}

export async function freeText(turn: Turn, text: string): Promise<void> {
  const { deps } = turn;
  const folded = foldVietnamese(text).trim();
  const pending = turn.state.pending;
  const quick = deps.classifier.quick(text);

  if (pending) {
    // A reply that is clearly something else (a code, a command-like query, a new long petition) cancels the wait.
    const looksNew = KN_CODE.test(text) || (quick.intent !== "petition" && quick.confidence >= 0.8) || (quick.intent === "petition" && text.length > 80 && quick.location !== null);
    if (pending.kind === "location" && !looksNew) {
      turn.state.pending = null;
      const r = await setLocation(deps.db, pending.petitionId, turn.person, text, deps.petitions);
      deps.onOutbox?.();
      return turn.sink.send({ text: r.replyText });
    }
    if (pending.kind === "reject_reason" || pending.kind === "duplicate_of") {
      turn.state.pending = null;
      return completeStaffPrompt(turn, pending, text);
    }
    turn.state.pending = null;
  }

  const code = KN_CODE.exec(text)?.[0] ?? null;
  if (isNotFixedMessage(text)) {
    // Without a code, only a resolved/closed newest petition can be what the voter means.
    const latest = code ? null : await latestPetitionRef(deps.db, turn.person);
    const target = code ? normalizePetitionCode(code) : latest && (latest.status === "resolved" || latest.status === "closed") ? latest.code : null;
    const view = target ? await lookupPetition(deps.db, turn.actor, target).catch(() => null) : null;
    if (view && (view.status === "resolved" || view.status === "closed")) {
      const r = await reportNotFixed(deps.db, view.code, turn.person, text, deps.petitions);
      deps.onOutbox?.();
      return turn.sink.send({ text: r.replyText });
    }
  }
  if (code && (quick.intent === "status" || text.replace(KN_CODE, "").trim().length < 40)) return showStatus(turn, code);

  switch (quick.intent) {
    case "status":
      return showStatus(turn, code);
    case "question":
      return answerQuestion(turn, text);
    case "other":
      if (GREETING.test(folded)) return turn.sink.send({ text: T.welcome(turn.role) });
      if (THANKS.test(folded)) return turn.sink.send({ text: T.thanks });
      return turn.sink.send({ text: T.offTopic });
    case "petition":
      return fileTurn(turn, text, quick);
  }
}

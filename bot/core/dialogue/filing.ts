/**
 * Filing what a voter wrote: drafts (pieces before the problem, the place kept), one
 * petition per problem (two when a message raises two, with a button merging them back),
 * acknowledged at once with the code; classification follows in the background.
 */
import { locationSimilarity } from "../../petitions/duplicates.ts";
import { problemConcepts } from "../../petitions/problem-concepts.ts";
import type { MessageUnderstanding } from "../../petitions/types.ts";
import { conversationTexts as T } from "../../text/conversation.vi.ts";
import { dialogueTexts as D } from "../../text/dialogue.vi.ts";
import { petitionTexts } from "../../text/petitions.vi.ts";
import type { Turn } from "../turn.ts";
import { fileAndQueue, pendingAttachments, sendOrQueue, urgentNote } from "./actions.ts";
import { problemParts, problemVerdict, type ProblemVerdict } from "./signals.ts";

/** A draft (pieces before the problem) is forgotten after this long. */
const DRAFT_TTL_MS = 30 * 60_000;

/** Callback data of the dialogue's own buttons (≤ 64 bytes). */
export const dialogueCb = {
  attach: (inboundId: number) => `dl:att:${inboundId}`,
  fileNew: (inboundId: number) => `dl:new:${inboundId}`,
  merge: (keep: string, merge: string) => `dl:mrg:${keep}:${merge}`,
};

/** The draft still open (pieces sent within DRAFT_TTL_MS), or null. */
export function liveDraft(turn: Turn, now: number) {
  const d = turn.state.draft;
  return d && now - d.at < DRAFT_TTL_MS ? d : null;
}

export function openDraft(turn: Turn, place: string | null, now: number): void {
  const { state, msg } = turn;
  const coords = msg.location ? { latitude: msg.location.latitude, longitude: msg.location.longitude } : null;
  const keep = liveDraft(turn, now);
  state.draft = { place: place ?? keep?.place ?? null, coordinates: coords ?? keep?.coordinates ?? null, at: now, asked: keep?.asked ?? false };
}

/** A fragment before the problem: keep the place, ask (once) what the problem is. */
export async function draftTurn(turn: Turn, verdict: ProblemVerdict, now: number): Promise<void> {
  const { state } = turn;
  openDraft(turn, verdict.place, now);
  const draft = state.draft!;
  const first = !draft.asked;
  draft.asked = true;
  return turn.sink.send({ text: first ? D.askProblem(verdict.place) : D.draftMore(verdict.place) });
}


/** Files the problem (two petitions when the message raises two), acknowledged at once. */
export async function fileProblem(turn: Turn, text: string, quick: MessageUnderstanding, verdict: ProblemVerdict, now: number, inboundId = turn.inboundId): Promise<void> {
  const { deps, state, msg } = turn;
  const draft = liveDraft(turn, now);
  state.draft = null;
  const coordinates = msg.location ? { latitude: msg.location.latitude, longitude: msg.location.longitude } : (draft?.coordinates ?? null);
  const attachments = pendingAttachments(turn);
  state.attachments = [];

  const parts = problemParts(text)
    .map((t) => ({ text: t, quick: deps.classifier.quick(t) }))
    .filter((p) => problemVerdict(p.text, p.quick).hasProblem);
  if (parts.length === 2 && twoProblems(parts[0]!, parts[1]!)) return fileTwo(turn, parts, draft?.place ?? null, attachments, inboundId, now);

  const location = verdict.place ?? draft?.place ?? (msg.location?.label || null);
  const filed = await fileAndQueue(turn, { inboundId, text, attachments, location, coordinates, urgent: quick.urgent, offline: quick });
  state.lastFiled = { petitionId: filed.petitionId, code: filed.code, category: quick.category, location, concepts: [...problemConcepts(text)], at: now };
  const lines = [filed.ackText];
  if (deps.publicUrl) lines.push(T.publicProgress(deps.publicUrl(filed.code)));
  if (quick.urgent) lines.push(await urgentNote(turn));
  if (!location) {
    lines.push(petitionTexts.askLocation(filed.code));
    state.awaitingPlace = [...state.awaitingPlace.filter((a) => a.petitionId !== filed.petitionId), { petitionId: filed.petitionId, code: filed.code }].slice(-3);
  }
  await sendOrQueue(turn, { text: lines.join("\n") }, `ack:${filed.petitionId}`);
}

/** Two parts are two problems when they differ in kind or in place (one each named). */
function twoProblems(a: { text: string; quick: MessageUnderstanding }, b: { text: string; quick: MessageUnderstanding }): boolean {
  if (a.quick.category !== b.quick.category) return true;
  const pa = problemVerdict(a.text, a.quick).place;
  const pb = problemVerdict(b.text, b.quick).place;
  return pa !== null && pb !== null && (locationSimilarity(pa, pb) ?? 1) < 0.5;
}

async function fileTwo(
  turn: Turn,
  parts: { text: string; quick: MessageUnderstanding }[],
  draftPlace: string | null,
  attachments: ReturnType<typeof pendingAttachments>,
  inboundId: number,
  now: number,
): Promise<void> {
  const { state } = turn;
  const codes: string[] = [];
  for (const [i, p] of parts.entries()) {
    // Each part keeps its own place: a summary and a place never come from different problems.
    const location = problemVerdict(p.text, p.quick).place ?? (parts.every((q) => !problemVerdict(q.text, q.quick).place) ? draftPlace : null);
    const filed = await fileAndQueue(turn, {
      inboundId,
      // The first petition carries the message; the second is filed from the same message.
      ...(i > 0 ? { secondOf: true } : {}),
      text: p.text,
      attachments: i === 0 ? attachments : [],
      location,
      urgent: p.quick.urgent,
      offline: p.quick,
    });
    codes.push(filed.code);
    // A redelivered message was filed before (with its split): acknowledge what exists.
    if (filed.alreadyFiled) return sendOrQueue(turn, { text: filed.ackText }, `ack:${filed.petitionId}`);
    state.lastFiled = { petitionId: filed.petitionId, code: filed.code, category: p.quick.category, location, concepts: [...problemConcepts(p.text)], at: now };
    if (!location) state.awaitingPlace = [...state.awaitingPlace, { petitionId: filed.petitionId, code: filed.code }].slice(-3);
  }
  const urgent = parts.some((p) => p.quick.urgent) ? `\n${await urgentNote(turn)}` : "";
  const links = turn.deps.publicUrl ? `\n${codes.map((c) => T.publicProgress(turn.deps.publicUrl!(c))).join("\n")}` : "";
  await sendOrQueue(
    turn,
    { text: `${D.splitFiled(codes, parts.map((p) => p.text))}${urgent}${links}`, buttons: [[{ label: D.mergeButton, data: dialogueCb.merge(codes[0]!, codes[1]!) }]] },
    `ack:${inboundId}:split`,
  );
}


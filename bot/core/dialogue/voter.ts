/**
 * The voter's side of the conversation, as people really write: in fragments, with the
 * place before the problem, adding details after filing, following up days later, typing
 * a rating instead of pressing it. The rule: one petition per problem, nothing lost.
 *
 *  - a message with no problem in it (greeting, "muốn phản ánh", a place, "alo") opens a
 *    draft and the bot asks what the problem is; the place is kept for the petition;
 *  - pieces soon after a petition (SUPPLEMENT_WINDOW_MINUTES) are added to it;
 *  - a message about the same problem as an open petition is added to that one (staff
 *    told); when unsure, buttons ask "add to KN-… or new petition?";
 *  - two problems in one message become two petitions (one button merges them back);
 *  - only a place-like answer becomes the place the bot asked for.
 */
import { isDomainError } from "../../errors.ts";
import { normalizePetitionCode } from "../../petitions/codes.ts";
import { locationSimilarity, textSimilarity } from "../../petitions/duplicates.ts";
import { setLocation } from "../../petitions/intake.ts";
import { latestPetitionRef, listMyPetitions, lookupPetition } from "../../petitions/lookup.ts";
import { awaitingRating, isNotFixedMessage, rate, reportNotFixed } from "../../petitions/ratings.ts";
import { addSupplement } from "../../petitions/supplements.ts";
import { OPEN_STATUSES, statusLabel } from "../../petitions/status.ts";
import type { MessageUnderstanding } from "../../petitions/types.ts";
import { foldVietnamese, syllables } from "../../../rag/text/vietnamese.ts";
import { conversationTexts as T } from "../../text/conversation.vi.ts";
import { dialogueTexts as D } from "../../text/dialogue.vi.ts";
import { petitionTexts } from "../../text/petitions.vi.ts";
import { ROLE_LABEL } from "../roles.ts";
import type { Turn } from "../turn.ts";
import { KN_CODE, answerQuestion, fileAndQueue, pendingAttachments, sendOrQueue, showStatus } from "./actions.ts";
import { THING_CONCEPTS, problemConcepts } from "../../petitions/problem-concepts.ts";
import { hasFollowUpCue, isPlaceOnly, pointsBack, looksLikeQuestion, problemParts, problemVerdict, typedRating, type ProblemVerdict } from "./signals.ts";

const GREETING = /^(xin )?(chao|hello|hi|alo|a lo|chao ban|chao ad|chao admin|hey)\b/;
const THANKS = /\b(cam on|thank|thanks|tks|camon)\b/;
/** A draft (pieces before the problem) is forgotten after this long. */
const DRAFT_TTL_MS = 30 * 60_000;
const DEFAULT_SUPPLEMENT_WINDOW_MS = 10 * 60_000;

/** Callback data of the dialogue's own buttons (≤ 64 bytes). */
export const dialogueCb = {
  attach: (inboundId: number) => `dl:att:${inboundId}`,
  fileNew: (inboundId: number) => `dl:new:${inboundId}`,
  merge: (keep: string, merge: string) => `dl:mrg:${keep}:${merge}`,
};

export async function voterText(turn: Turn, text: string, quick: MessageUnderstanding): Promise<void> {
  const { deps, state } = turn;
  const now = deps.now().getTime();
  const verdict = problemVerdict(text, quick);
  const folded = foldVietnamese(text).trim();

  // A staff prompt left over from a role since revoked: refuse it, do not read the text as a reason.
  const stale = state.pending;
  if (stale && (stale.kind === "reject_reason" || stale.kind === "duplicate_of" || stale.kind === "confirm_update")) {
    state.pending = null;
    return turn.sink.send({ text: T.needsRole(ROLE_LABEL.staff) });
  }

  // A question left open ("add to KN-… or new?") is settled by a new message: the earlier one
  // is added (nothing is lost; staff can split it), then this one is handled.
  if (state.pending?.kind === "attach_or_new") await settleAttachOrNew(turn, "attach", state.pending.inboundId, true);

  // The place the bot asked for: only a place-like answer becomes it.
  const awaiting = state.awaitingPlace.at(-1);
  // (isPlaceOnly is false when a word names a problem: "ngõ 5 ngập" is a new petition.)
  if (awaiting && isPlaceOnly(text)) {
    state.awaitingPlace.pop();
    state.pending = null;
    const r = await setLocation(deps.db, awaiting.petitionId, turn.person, text, deps.petitions).catch((err: unknown) => (isDomainError(err, "PETITION_CLOSED") ? null : Promise.reject(err)));
    if (r) {
      deps.onOutbox?.();
      return turn.sink.send({ text: r.replyText });
    }
  }

  // A typed rating of the petition just resolved.
  if (!verdict.hasProblem && syllables(text).length <= 14) {
    const rated = await typedRatingTurn(turn, text);
    if (rated) return;
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
  // Asking about a petition or a plan, even when it names the problem ("cống tắc tôi báo, ai đang giải quyết vậy?"),
  // is answered, not filed — unless it is a complaint put as a question ("sao đèn hỏng mãi không ai sửa?"),
  // which the classifier reads as a petition.
  const asks = looksLikeQuestion(text);
  // Nothing but greetings, persons and announcing ("Tôi muốn phản ánh một việc") asks about nothing.
  const saysSomething = verdict.content > 0 || code !== null;
  if (quick.intent === "status" && saysSomething && (!verdict.hasProblem || asks) && !quick.urgent) return showStatus(turn, code);
  if ((quick.intent === "question" && (!verdict.hasProblem || asks) && !quick.urgent) || (asks && !verdict.cue)) return answerQuestion(turn, text);

  const lastFiled = state.lastFiled && now - state.lastFiled.at < (deps.supplementWindowMs ?? DEFAULT_SUPPLEMENT_WINDOW_MS) ? state.lastFiled : null;

  if (!verdict.hasProblem) {
    if (GREETING.test(folded) && !verdict.place && !lastFiled) {
      const again = state.draft !== null && now - state.draft.at < DRAFT_TTL_MS && state.draft.asked;
      openDraft(turn, null, now);
      state.draft!.asked = true;
      return turn.sink.send({ text: again ? D.draftMore(null) : `${T.welcome(turn.role)}\n\n${D.askProblem(null)}` });
    }
    if (THANKS.test(folded) && verdict.content <= 2) return turn.sink.send({ text: T.thanks });
    // A piece that continues the petition just filed.
    if (lastFiled) return supplementTurn(turn, lastFiled, text, verdict.place && isPlaceOnly(text) ? "location" : "text");
    if (quick.intent === "other" && verdict.content >= 4 && !verdict.place) return turn.sink.send({ text: T.offTopic });
    return draftTurn(turn, verdict, now);
  }

  // A problem. Is it the one just filed, an open one, or new?
  if (lastFiled) {
    const sameCategory = quick.category !== null && quick.category === lastFiled.category;
    // Another place named is another problem, even of the same kind ("đèn ngõ 5", then "đèn ngõ 9").
    const otherPlace = verdict.place !== null && lastFiled.location !== null && (locationSimilarity(verdict.place, lastFiled.location) ?? 1) < 0.5;
    if (!otherPlace) {
      if (sameCategory || hasFollowUpCue(text) || pointsBack(text)) return supplementTurn(turn, lastFiled, text, "text");
      // Clearly another problem: one about another thing ("cây sắp đổ", then "đèn ngõ 11 hỏng"),
      // or at its own place.
      const confident = quick.intent === "petition" && quick.confidence >= 0.85;
      if (confident && verdict.cue && aboutAnotherThing(text, lastFiled.concepts)) return fileProblem(turn, text, quick, verdict, now);
      if (confident && verdict.place !== null && verdict.content >= 3) return fileProblem(turn, text, quick, verdict, now);
      // Short pieces continue it; a longer message of another kind may be either: ask.
      return verdict.content <= 4 ? supplementTurn(turn, lastFiled, text, "text") : askAttachOrNew(turn, lastFiled, text);
    }
  } else {
    const related = await relatedOpenPetition(turn, text, quick);
    if (related?.sure) return supplementTurn(turn, related.petition, text, "follow_up");
    if (related) return askAttachOrNew(turn, related.petition, text);
  }
  return fileProblem(turn, text, quick, verdict, now);
}

/** The message names a thing (light, drain, garbage…) and none of the things the earlier petition named. */
function aboutAnotherThing(text: string, earlier: readonly string[]): boolean {
  const things = [...problemConcepts(text)].filter((c) => THING_CONCEPTS.has(c));
  return things.length > 0 && !things.some((c) => earlier.includes(c));
}

function openDraft(turn: Turn, place: string | null, now: number): void {
  const { state, msg } = turn;
  const coords = msg.location ? { latitude: msg.location.latitude, longitude: msg.location.longitude } : null;
  const keep = state.draft && now - state.draft.at < DRAFT_TTL_MS ? state.draft : null;
  state.draft = { place: place ?? keep?.place ?? null, coordinates: coords ?? keep?.coordinates ?? null, at: now, asked: keep?.asked ?? false };
}

/** A fragment before the problem: keep the place, ask (once) what the problem is. */
async function draftTurn(turn: Turn, verdict: ProblemVerdict, now: number): Promise<void> {
  const { state } = turn;
  openDraft(turn, verdict.place, now);
  const draft = state.draft!;
  const first = !draft.asked;
  draft.asked = true;
  return turn.sink.send({ text: first ? D.askProblem(verdict.place) : D.draftMore(verdict.place) });
}

type PetitionRef = { petitionId: number; code: string };

async function supplementTurn(turn: Turn, target: PetitionRef, text: string, kind: "text" | "location" | "follow_up" | "photo"): Promise<void> {
  const { deps, state } = turn;
  if (kind === "location") {
    const r = await setLocation(deps.db, target.petitionId, turn.person, text, deps.petitions).catch(() => null);
    if (r) {
      state.awaitingPlace = state.awaitingPlace.filter((a) => a.petitionId !== target.petitionId);
      deps.onOutbox?.();
      return turn.sink.send({ text: r.replyText });
    }
  }
  const attachments = pendingAttachments(turn);
  state.attachments = [];
  const r = await addSupplement(deps.db, turn.person, { petitionId: target.petitionId, inboundId: turn.inboundId, text, kind: kind === "location" ? "text" : kind, attachments }, deps.petitions);
  deps.onOutbox?.();
  const label = statusLabel(r.status);
  return turn.sink.send({ text: kind === "follow_up" ? D.followedUp(r.code, label) : kind === "photo" ? D.photoAdded(r.code) : D.supplemented(r.code, label) });
}

/** The voter's open petition this message is most likely about, and how sure that is. */
async function relatedOpenPetition(turn: Turn, text: string, quick: MessageUnderstanding): Promise<{ petition: PetitionRef; sure: boolean } | null> {
  const mine = await listMyPetitions(turn.deps.db, turn.person, { limit: 5, statuses: OPEN_STATUSES });
  if (mine.length === 0) return null;
  const cue = hasFollowUpCue(text);
  let best: { petition: PetitionRef; score: number; sameCategory: boolean } | null = null;
  for (const p of mine) {
    const score = textSimilarity(text, p.text, [p.location]);
    const sameCategory = quick.category !== null && p.category === quick.category;
    if (!best || score > best.score) best = { petition: { petitionId: p.id, code: p.code }, score, sameCategory };
  }
  if (!best) return null;
  if (best.score >= 0.35 || (cue && (best.score >= 0.12 || best.sameCategory))) return { petition: best.petition, sure: true };
  if (best.score >= 0.2 || (cue && mine.length > 0)) return { petition: best.petition, sure: false };
  return null;
}

async function askAttachOrNew(turn: Turn, target: PetitionRef, text: string): Promise<void> {
  turn.state.pending = { kind: "attach_or_new", inboundId: turn.inboundId, petitionId: target.petitionId, code: target.code };
  const what = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return turn.sink.send({
    text: D.attachOrNew(target.code, what),
    buttons: [[{ label: D.attachButton(target.code), data: dialogueCb.attach(turn.inboundId) }, { label: D.newButton, data: dialogueCb.fileNew(turn.inboundId) }]],
  });
}

/**
 * The answer to "add to KN-… or new?": the earlier message (stored, by its inbound id) is
 * added to that petition or filed on its own. `silent`: settled because the voter moved on.
 */
export async function settleAttachOrNew(turn: Turn, choice: "attach" | "new", inboundId: number, silent = false): Promise<void> {
  const { deps, state } = turn;
  const pending = state.pending;
  if (!pending || pending.kind !== "attach_or_new" || pending.inboundId !== inboundId) {
    if (!silent) await turn.sink.send({ text: D.choiceExpired });
    return;
  }
  state.pending = null;
  const inbound = await deps.db.inbound.byId(inboundId);
  if (!inbound) return;
  if (choice === "attach") {
    const r = await addSupplement(deps.db, turn.person, { petitionId: pending.petitionId, inboundId, text: inbound.text, kind: "follow_up" }, deps.petitions);
    deps.onOutbox?.();
    if (!silent) await turn.sink.send({ text: D.followedUp(r.code, statusLabel(r.status)) });
    return;
  }
  const quick = deps.classifier.quick(inbound.text);
  await fileProblem(turn, inbound.text, quick, problemVerdict(inbound.text, quick), deps.now().getTime(), inboundId);
}

/** Files the problem (two petitions when the message raises two), acknowledged at once. */
async function fileProblem(turn: Turn, text: string, quick: MessageUnderstanding, verdict: ProblemVerdict, now: number, inboundId = turn.inboundId): Promise<void> {
  const { deps, state, msg } = turn;
  const draft = state.draft && now - state.draft.at < DRAFT_TTL_MS ? state.draft : null;
  state.draft = null;
  const coordinates = msg.location ? { latitude: msg.location.latitude, longitude: msg.location.longitude } : (draft?.coordinates ?? null);
  const attachments = pendingAttachments(turn);
  state.attachments = [];

  const parts = problemParts(text)
    .map((t) => ({ text: t, quick: deps.classifier.quick(t) }))
    .filter((p) => problemVerdict(p.text, p.quick).hasProblem);
  if (parts.length === 2 && twoProblems(parts[0]!, parts[1]!)) return fileTwo(turn, parts, draft?.place ?? null, attachments, inboundId, now);

  const location = verdict.place ?? draft?.place ?? (msg.location?.label || null);
  const filed = await fileAndQueue(turn, { inboundId, text, attachments, location, coordinates, urgent: quick.urgent });
  state.lastFiled = { petitionId: filed.petitionId, code: filed.code, category: quick.category, location, concepts: [...problemConcepts(text)], at: now };
  const lines = [filed.ackText];
  if (deps.publicUrl) lines.push(T.publicProgress(deps.publicUrl(filed.code)));
  if (quick.urgent) lines.push(T.urgentAck);
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
    });
    codes.push(filed.code);
    // A redelivered message was filed before (with its split): acknowledge what exists.
    if (filed.alreadyFiled) return sendOrQueue(turn, { text: filed.ackText }, `ack:${filed.petitionId}`);
    state.lastFiled = { petitionId: filed.petitionId, code: filed.code, category: p.quick.category, location, concepts: [...problemConcepts(p.text)], at: now };
    if (!location) state.awaitingPlace = [...state.awaitingPlace, { petitionId: filed.petitionId, code: filed.code }].slice(-3);
  }
  const urgent = parts.some((p) => p.quick.urgent) ? `\n${T.urgentAck}` : "";
  const links = turn.deps.publicUrl ? `\n${codes.map((c) => T.publicProgress(turn.deps.publicUrl!(c))).join("\n")}` : "";
  await sendOrQueue(
    turn,
    { text: `${D.splitFiled(codes, parts.map((p) => p.text))}${urgent}${links}`, buttons: [[{ label: D.mergeButton, data: dialogueCb.merge(codes[0]!, codes[1]!) }]] },
    `ack:${inboundId}:split`,
  );
}

/** A typed rating ("5", "rất hài lòng") when the newest petition waits for one; true when handled. */
async function typedRatingTurn(turn: Turn, text: string): Promise<boolean> {
  const { deps } = turn;
  const score = typedRating(text);
  const looksLikeAnswer = score !== null || syllables(text).length <= 4;
  if (!looksLikeAnswer) return false;
  const waiting = await awaitingRating(deps.db, turn.person);
  if (!waiting) return false;
  if (score === null) {
    if (THANKS.test(foldVietnamese(text))) return false;
    await turn.sink.send({ text: D.ratingAgain(waiting.code), buttons: [petitionTexts.ratingButtons.map((n) => ({ label: n, data: `rate:${waiting.code}:${n}` }))] });
    return true;
  }
  const r = await rate(deps.db, waiting.code, turn.person, score, text, deps.petitions);
  deps.onOutbox?.();
  await turn.sink.send({ text: r.replyText });
  return true;
}

/** Photos or files without text: they belong to the petition just filed, else wait for the next. */
export async function mediaOnly(turn: Turn): Promise<void> {
  const { deps, state, msg } = turn;
  const now = deps.now().getTime();
  const lastFiled = state.lastFiled && now - state.lastFiled.at < (deps.supplementWindowMs ?? DEFAULT_SUPPLEMENT_WINDOW_MS) ? state.lastFiled : null;
  const media = msg.attachments.filter((a) => a.kind === "photo" || a.kind === "file");
  if (lastFiled && media.length) return supplementTurn(turn, lastFiled, media.length === 1 ? "Ảnh/tệp gửi kèm" : `${media.length} ảnh/tệp gửi kèm`, "photo");
  state.attachments.push(...media.map((a) => ({ kind: a.kind, ref: a.ref, mime: a.mime ?? null, size: a.size ?? null, path: a.path ?? null })));
  return turn.sink.send({ text: T.photoNeedsText });
}

/** A shared map location: the place of the petition waiting for one, or of the next. */
export async function locationOnly(turn: Turn): Promise<void> {
  const { deps, state, msg } = turn;
  const loc = msg.location!;
  const label = loc.label || `vị trí ${loc.latitude.toFixed(5)}, ${loc.longitude.toFixed(5)}`;
  const target = state.awaitingPlace.at(-1) ?? (state.lastFiled && deps.now().getTime() - state.lastFiled.at < (deps.supplementWindowMs ?? DEFAULT_SUPPLEMENT_WINDOW_MS) ? state.lastFiled : null);
  if (target) {
    const r = await setLocation(deps.db, target.petitionId, turn.person, label, deps.petitions, { latitude: loc.latitude, longitude: loc.longitude }).catch(() => null);
    if (r) {
      state.awaitingPlace = state.awaitingPlace.filter((a) => a.petitionId !== target.petitionId);
      deps.onOutbox?.();
      return turn.sink.send({ text: r.replyText });
    }
  }
  openDraft(turn, label, now());
  return turn.sink.send({ text: D.askProblem(label) });

  function now() {
    return deps.now().getTime();
  }
}

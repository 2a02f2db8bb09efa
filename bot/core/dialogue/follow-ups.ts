/**
 * Messages that continue a petition: pieces soon after it (supplements), follow-ups to an
 * open one days later (staff told), and the buttons that ask when it is not clear.
 */
import { setLocation } from "../../petitions/intake.ts";
import { locationSimilarity, textSimilarity } from "../../petitions/duplicates.ts";
import { listMyPetitions } from "../../petitions/lookup.ts";
import { THING_CONCEPTS, problemConcepts } from "../../petitions/problem-concepts.ts";
import { OPEN_STATUSES, statusLabel } from "../../petitions/status.ts";
import { addSupplement } from "../../petitions/supplements.ts";
import type { MessageUnderstanding } from "../../petitions/types.ts";
import { dialogueTexts as D } from "../../text/dialogue.vi.ts";
import type { Turn } from "../turn.ts";
import { pendingAttachments } from "./actions.ts";
import { dialogueCb, fileProblem } from "./filing.ts";
import { hasFollowUpCue, problemVerdict } from "./signals.ts";

const DEFAULT_SUPPLEMENT_WINDOW_MS = 10 * 60_000;

/** The petition filed last, while pieces still count as part of it (SUPPLEMENT_WINDOW_MINUTES). */
export function lastFiledWithin(turn: Turn, now: number) {
  const last = turn.state.lastFiled;
  return last && now - last.at < (turn.deps.supplementWindowMs ?? DEFAULT_SUPPLEMENT_WINDOW_MS) ? last : null;
}

/** The message names a thing (light, drain, garbage…) and none of the things the earlier petition named. */
export function aboutAnotherThing(text: string, earlier: readonly string[]): boolean {
  const things = [...problemConcepts(text)].filter((c) => THING_CONCEPTS.has(c));
  return things.length > 0 && !things.some((c) => earlier.includes(c));
}


export type PetitionRef = { petitionId: number; code: string };

export async function supplementTurn(turn: Turn, target: PetitionRef, text: string, kind: "text" | "location" | "follow_up" | "photo"): Promise<void> {
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
export async function relatedOpenPetition(turn: Turn, text: string, quick: MessageUnderstanding): Promise<{ petition: PetitionRef; sure: boolean } | null> {
  const mine = await listMyPetitions(turn.deps.db, turn.person, { limit: 5, statuses: OPEN_STATUSES });
  if (mine.length === 0) return null;
  const cue = hasFollowUpCue(text);
  let best: { petition: PetitionRef; score: number; sameCategory: boolean } | null = null;
  const place = problemVerdict(text, quick).place;
  for (const p of mine) {
    const sameCategory = quick.category !== null && p.category === quick.category;
    // A problem at another named place is another petition, of whatever kind and however alike
    // the wording ("Kính gửi HĐND phường…, đề nghị kiểm tra…"); a follow-up cue still asks.
    const otherPlace = place !== null && p.location !== null && (locationSimilarity(place, p.location) ?? 1) < 0.5;
    if (otherPlace && !cue) continue;
    const score = textSimilarity(text, p.text, [p.location]);
    if (!best || score > best.score) best = { petition: { petitionId: p.id, code: p.code }, score, sameCategory };
  }
  if (!best) return null;
  if (best.score >= 0.35 || (cue && (best.score >= 0.12 || best.sameCategory))) return { petition: best.petition, sure: true };
  if (best.score >= 0.2 || (cue && mine.length > 0)) return { petition: best.petition, sure: false };
  return null;
}

export async function askAttachOrNew(turn: Turn, target: PetitionRef, text: string): Promise<void> {
  turn.state.pending = { kind: "attach_or_new", inboundId: turn.inboundId, petitionId: target.petitionId, code: target.code };
  const what = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return turn.sink.send({
    text: D.attachOrNew(target.code, what),
    buttons: [[{ label: D.attachButton(target.code), data: dialogueCb.attach(turn.inboundId) }, { label: D.newButton, data: dialogueCb.fileNew(turn.inboundId) }]],
  });
}

/**
 * "Hủy kiến nghị …, đèn sáng lại rồi": only staff close a petition, so the request reaches
 * them as a follow-up of it (history, staff notice). False when the voter has no such open petition.
 */
export async function withdrawRequest(turn: Turn, code: string | null, text: string): Promise<boolean> {
  const { deps } = turn;
  const mine = await listMyPetitions(deps.db, turn.person, { limit: 5, statuses: OPEN_STATUSES });
  const target = code ? mine.find((p) => p.code === code) : mine[0];
  if (!target) return false;
  const r = await addSupplement(deps.db, turn.person, { petitionId: target.id, inboundId: turn.inboundId, text, kind: "follow_up" }, deps.petitions);
  deps.onOutbox?.();
  await turn.sink.send({ text: D.withdrawNoted(r.code) });
  return true;
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


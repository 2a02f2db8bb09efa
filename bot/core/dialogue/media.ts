/**
 * What voters send besides text, and ratings typed instead of pressed: photos without
 * words, a shared map location, "5" or "rất hài lòng" after the rating prompt.
 */
import { setLocation } from "../../petitions/intake.ts";
import { awaitingRating, rate } from "../../petitions/ratings.ts";
import { foldVietnamese, syllables } from "../../../rag/text/vietnamese.ts";
import { conversationTexts as T } from "../../text/conversation.vi.ts";
import { dialogueTexts as D } from "../../text/dialogue.vi.ts";
import { petitionTexts } from "../../text/petitions.vi.ts";
import type { Turn } from "../turn.ts";
import { openDraft } from "./filing.ts";
import { lastFiledWithin, supplementTurn } from "./follow-ups.ts";
import { typedRating } from "./signals.ts";

export const THANKS = /\b(cam on|thank|thanks|tks|camon)\b/;

/** A typed rating ("5", "rất hài lòng") when the newest petition waits for one; true when handled. */
export async function typedRatingTurn(turn: Turn, text: string): Promise<boolean> {
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
  const lastFiled = lastFiledWithin(turn, now);
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
  const target = state.awaitingPlace.at(-1) ?? lastFiledWithin(turn, deps.now().getTime());
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

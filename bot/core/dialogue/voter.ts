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
import { locationSimilarity } from "../../petitions/duplicates.ts";
import { setLocation } from "../../petitions/intake.ts";
import { latestPetitionRef, lookupPetition } from "../../petitions/lookup.ts";
import { isNotFixedMessage, reportNotFixed } from "../../petitions/ratings.ts";
import type { MessageUnderstanding } from "../../petitions/types.ts";
import { foldVietnamese, syllables } from "../../../rag/text/vietnamese.ts";
import { conversationTexts as T } from "../../text/conversation.vi.ts";
import { dialogueTexts as D } from "../../text/dialogue.vi.ts";
import { ROLE_LABEL } from "../roles.ts";
import type { Turn } from "../turn.ts";
import { KN_CODE, answerQuestion, showStatus } from "./actions.ts";
import { draftTurn, fileProblem, liveDraft, openDraft } from "./filing.ts";
import { aboutAnotherThing, askAttachOrNew, lastFiledWithin, relatedOpenPetition, settleAttachOrNew, supplementTurn, withdrawRequest } from "./follow-ups.ts";
import { THANKS, typedRatingTurn } from "./media.ts";
import { hasFollowUpCue, isPlaceOnly, looksLikeQuestion, pointsBack, problemVerdict, startsAsQuestion, typedRating } from "./signals.ts";

const GREETING = /^(xin )?(chao|hello|hi|alo|a lo|chao ban|chao ad|chao admin|hey)\b/;
/** Asking to withdraw a petition ("hủy kiến nghị", "rút đơn", "không cần xử lý nữa"). */
const WITHDRAW = /\b(huy|rut|thu hoi) (kien nghi|phan anh|don|yeu cau)\b|\bkhong can (xu ly|giai quyet|sua) nua\b/;
/** Asking how far a petition has got ("bao giờ sửa xong?", "đến đâu rồi?", "xử lý chưa?"). */
const STATUS_ASK = /\b(bao gio|khi nao|den dau|the nao roi|sao roi|xong chua|sua chua|chua sua|(sua|xu ly|giai quyet|lam) (xong|chua)|co ai (sua|xu ly|giai quyet))\b/;
/** Words of a question about the plans, not about a petition. */
const PLAN_WORDS = /\b(ke hoach|chuong trinh|nghi quyet|nhiem vu|hdnd|hoi dong|ky hop|tiep xuc cu tri|quy [1-4i]|nam 20\d\d)\b/;
/** Opening another matter: "còn…", "ngoài ra…", "thêm nữa…". */
const ALSO = /^(con|ngoai ra|them nua|them 1 viec|them mot viec)\b/;
/** "Gửi ảnh thế nào?": how to attach a photo. */
const PHOTO_WORD = /\b(anh|hinh|hinh anh|file|tep|video|clip)\b/;
const PHOTO_HOW = /\b(gui|up|dang|tai len|dinh kem)\b/;

export { dialogueCb } from "./filing.ts";
export { settleAttachOrNew } from "./follow-ups.ts";
export { locationOnly, mediaOnly } from "./media.ts";

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

  // The place the bot asked for: only a place-like answer becomes it — or the same problem
  // said again with its place ("rác", asked where, "rác ở đầu ngõ 3 tổ 2 ấy"), whose place is taken.
  const awaiting = state.awaitingPlace.at(-1);
  // (isPlaceOnly is false when a word names a problem: "ngõ 5 ngập" is a new petition.)
  const recent = lastFiledWithin(turn, now);
  const sameAgainWithPlace =
    awaiting !== undefined && recent?.petitionId === awaiting.petitionId && verdict.place !== null && verdict.content <= 6 && !aboutAnotherThing(text, recent.concepts) && (quick.category === null || recent.category === null || quick.category === recent.category);
  if (awaiting && (isPlaceOnly(text) || sameAgainWithPlace)) {
    state.awaitingPlace.pop();
    state.pending = null;
    const place = isPlaceOnly(text) ? text : verdict.place!;
    const r = await setLocation(deps.db, awaiting.petitionId, turn.person, place, deps.petitions).catch((err: unknown) => (isDomainError(err, "PETITION_CLOSED") ? null : Promise.reject(err)));
    if (r) {
      deps.onOutbox?.();
      return turn.sink.send({ text: r.replyText });
    }
  }

  // A typed rating of the petition just resolved ("5 sao" with nothing to rate says so).
  if (!verdict.hasProblem && syllables(text).length <= 14) {
    const rated = await typedRatingTurn(turn, text);
    if (rated) return;
    if (typedRating(text) !== null && /^\D*[1-5]\D*$/.test(folded) && syllables(text).length <= 4) return turn.sink.send({ text: D.nothingToRate });
  }

  const code = KN_CODE.exec(text)?.[0] ?? null;
  const asks = looksLikeQuestion(text);
  if (asks && PHOTO_HOW.test(folded) && PHOTO_WORD.test(folded)) return turn.sink.send({ text: T.photoHowTo });
  // "Sao đèn ngõ 5 vẫn chưa ai sửa vậy?" — a question that follows up an open petition.
  if (!code && (asks || quick.intent === "status" || quick.intent === "question") && hasFollowUpCue(text)) {
    const related = await relatedOpenPetition(turn, text, quick);
    if (related?.sure) return supplementTurn(turn, related.petition, text, "follow_up");
    if (related) return askAttachOrNew(turn, related.petition, text);
  }
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
  if (WITHDRAW.test(folded) && (await withdrawRequest(turn, code ? normalizePetitionCode(code) : null, text))) return;
  if (code && (quick.intent === "status" || text.replace(KN_CODE, "").trim().length < 40)) return showStatus(turn, code);
  // "Bao giờ thì sửa xong vậy ạ?" from a voter with a petition: its status, not the plans.
  if (asks && STATUS_ASK.test(folded) && !PLAN_WORDS.test(folded)) {
    const latest = await latestPetitionRef(deps.db, turn.person);
    if (latest) return showStatus(turn, null);
  }
  // Asking about a petition or a plan, even when it names the problem ("cống tắc tôi báo, ai đang giải quyết vậy?"),
  // is answered, not filed — unless it is a complaint put as a question ("sao đèn hỏng mãi không ai sửa?"),
  // which the classifier reads as a petition.
  // Nothing but greetings, persons and announcing ("Tôi muốn phản ánh một việc") asks about nothing.
  const saysSomething = verdict.content > 0 || code !== null;
  if (quick.intent === "status" && saysSomething && (!verdict.hasProblem || asks) && !quick.urgent) return showStatus(turn, code);
  if ((quick.intent === "question" && (!verdict.hasProblem || asks) && !quick.urgent) || (asks && (!verdict.cue || startsAsQuestion(text)))) return answerQuestion(turn, text);

  const lastFiled = lastFiledWithin(turn, now);

  if (!verdict.hasProblem) {
    if (GREETING.test(folded) && !verdict.place && !lastFiled) {
      const again = liveDraft(turn, now)?.asked === true;
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
      if (hasFollowUpCue(text) || pointsBack(text)) return supplementTurn(turn, lastFiled, text, "text");
      // Same kind: a detail of it — unless it reads as a report of its own, at its own place
      // when the first had none ("mất xe ở bãi chợ", then "còn bị cướp giật ở đường Hoa Lâm"): ask.
      // "Còn…", "ngoài ra…" opening a report of its own also asks.
      const ownReport = verdict.cue && verdict.content >= 5 && ((verdict.place !== null && lastFiled.location === null) || ALSO.test(folded));
      if (sameCategory) return ownReport ? askAttachOrNew(turn, lastFiled, text) : supplementTurn(turn, lastFiled, text, "text");
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


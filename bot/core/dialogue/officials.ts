/**
 * Free text from delegates and staff. Their messages are never filed as petitions (a
 * delegate files a voter's petition with /kiennghi): they answer the bot's prompts, ask
 * about the plans, look up petitions.
 */
import { normalizePetitionCode } from "../../petitions/codes.ts";
import type { MessageUnderstanding } from "../../petitions/types.ts";
import { foldVietnamese } from "../../../rag/text/vietnamese.ts";
import { conversationTexts as T } from "../../text/conversation.vi.ts";
import { dialogueTexts as D } from "../../text/dialogue.vi.ts";
import { completeStaffPrompt } from "../staff-review.ts";
import type { Turn } from "../turn.ts";
import { KN_CODE, answerQuestion, showStatus } from "./actions.ts";
import { overdueTasksTurn, isOverdueQuestion } from "./plan-progress.ts";
import { looksLikeQuestion, problemVerdict } from "./signals.ts";

const GREETING = /^(xin )?(chao|hello|hi|alo|a lo|chao ban|hey)\b/;
const ACKNOWLEDGEMENT = /^(ok+|oke|okay|uh|um|vang|da|cam on|camon|thank|thanks|tks|da nhan|nhan duoc|duoc|dc|roi|the nhe)( (a|nhe|nha|ban|em|anh|chi|roi|nhieu|nhe))*[.!]*$/;

export async function officialText(turn: Turn, text: string, quick: MessageUnderstanding): Promise<void> {
  const pending = turn.state.pending;
  if (pending?.kind === "reject_reason" || pending?.kind === "duplicate_of") {
    turn.state.pending = null;
    return completeStaffPrompt(turn, pending, text);
  }
  const code = KN_CODE.exec(text)?.[0] ?? null;
  if (code && text.replace(KN_CODE, "").trim().length < 40) return showStatus(turn, normalizePetitionCode(code));
  if (isOverdueQuestion(text)) return overdueTasksTurn(turn);
  const folded = foldVietnamese(text).trim();
  if (GREETING.test(folded) && folded.split(/\s+/).length <= 4) return turn.sink.send({ text: T.welcome(turn.role) });
  // A delegate reporting a problem in the chat: say how to file it for a voter, and still
  // answer from the plans when they speak to it.
  const asks = looksLikeQuestion(text) || quick.intent === "question";
  if (!asks && (problemVerdict(text, quick).hasProblem || (quick.intent === "petition" && quick.confidence >= 0.8))) return turn.sink.send({ text: D.notFiledForOfficials });
  // "ok", "cảm ơn", "đã nhận": nothing to look up in the plans.
  if (!asks && ACKNOWLEDGEMENT.test(folded)) return turn.sink.send({ text: D.officialNoted });
  return answerQuestion(turn, text);
}

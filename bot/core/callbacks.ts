/**
 * Button presses, by namespace: "rate:" (a voter's rating), "dl:" (the dialogue's own
 * questions: add to a petition or file anew, merge a split), "rv:" (staff review). Every
 * press is authorised again here and in the services, whatever chat it comes from.
 */
import { domainError } from "../errors.ts";
import { normalizePetitionCode } from "../petitions/codes.ts";
import { rate } from "../petitions/ratings.ts";
import { mergeByVoter } from "../petitions/supplements.ts";
import { conversationTexts as T } from "../text/conversation.vi.ts";
import { dialogueTexts as D } from "../text/dialogue.vi.ts";
import { settleAttachOrNew } from "./dialogue/voter.ts";
import { reviewCallback } from "./staff-review.ts";
import type { Turn } from "./turn.ts";

function codeOf(raw: string | undefined): string {
  const code = raw ? normalizePetitionCode(raw) : null;
  if (!code) throw domainError("PETITION_NOT_FOUND", { raw });
  return code;
}

export async function handleCallback(turn: Turn, data: string): Promise<void> {
  const { deps, sink } = turn;
  const parts = data.split(":");
  switch (parts[0]) {
    case "rate": {
      // The service checks that the presser is the petition's voter.
      const r = await rate(deps.db, codeOf(parts[1]), turn.person, Number(parts[2]), null, deps.petitions);
      deps.onOutbox?.();
      return sink.send({ text: r.replyText });
    }
    case "dl": {
      const [, action, a, b] = parts;
      if (action === "att" || action === "new") return settleAttachOrNew(turn, action === "att" ? "attach" : "new", Number(a));
      if (action === "mrg") {
        const r = await mergeByVoter(deps.db, turn.person, codeOf(a), codeOf(b), deps.petitions);
        deps.onOutbox?.();
        return sink.send({ text: D.merged(r.kept, r.merged) });
      }
      return sink.send({ text: T.unknownCommand });
    }
    case "rv":
      return reviewCallback(turn, parts);
    case "x":
      return sink.send({ text: T.foreignButton });
    default:
      return sink.send({ text: T.unknownCommand });
  }
}

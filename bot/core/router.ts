/**
 * Where one message goes: a button press, a command, media without text, free text —
 * by role (voters file petitions; delegates and staff never do by accident). Length and
 * content checks happen here, before anything is filed.
 */
import { ROLE_RANK } from "../petitions/roles.ts";
import { conversationTexts as T } from "../text/conversation.vi.ts";
import { handleCommand } from "./commands.ts";
import { showStatus } from "./dialogue/actions.ts";
import { officialText } from "./dialogue/officials.ts";
import { locationOnly, mediaOnly, voterText } from "./dialogue/voter.ts";
import { handleCallback } from "./callbacks.ts";
import type { Turn } from "./turn.ts";

export async function route(turn: Turn): Promise<void> {
  const { msg, deps } = turn;
  if (msg.callbackData) return handleCallback(turn, msg.callbackData);
  const text = msg.text.trim();
  const official = ROLE_RANK[turn.role] >= ROLE_RANK.delegate;
  if (!text) {
    if (msg.location && !official) return locationOnly(turn);
    if (msg.attachments.some((a) => a.kind === "photo" || a.kind === "file") && !official) return mediaOnly(turn);
    if (msg.attachments.some((a) => a.kind === "voice")) return turn.sink.send({ text: T.voiceOnly });
    return turn.sink.send({ text: msg.attachments.length ? T.stickerOnly : T.empty });
  }
  if (text.length > deps.maxMessageLength) return turn.sink.send({ text: T.tooLong(deps.maxMessageLength) });
  if (text.startsWith("/")) return handleCommand(turn, text, { showStatus: (c) => showStatus(turn, c) });
  // Only letters/digits count: an emoji-only message is not a petition.
  if (!/[\p{L}\p{N}]/u.test(text)) return turn.sink.send({ text: T.stickerOnly });
  const quick = deps.classifier.quick(text);
  return official ? officialText(turn, text, quick) : voterText(turn, text, quick);
}

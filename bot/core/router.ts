/**
 * Where one message goes: a button press, a command, a reply to the bot's own prompt, or
 * free text. Length and content checks happen here, before anything is filed.
 */
import { conversationTexts as T } from "../text/conversation.vi.ts";
import { handleCommand } from "./commands.ts";
import { freeText, showStatus } from "./dialogue.ts";
import { handleCallback } from "./staff-review.ts";
import type { Turn } from "./turn.ts";

export async function route(turn: Turn): Promise<void> {
  const { msg, deps } = turn;
  if (msg.callbackData) return handleCallback(turn, msg.callbackData);
  const text = msg.text.trim();
  if (!text) {
    const photos = msg.attachments.filter((a) => a.kind === "photo" || a.kind === "file");
    if (photos.length) {
      turn.state.attachments.push(...photos.map((a) => ({ kind: a.kind, ref: a.ref })));
      return turn.sink.send({ text: T.photoNeedsText });
    }
    return turn.sink.send({ text: msg.attachments.length ? T.stickerOnly : T.empty });
  }
  if (text.length > deps.maxMessageLength) return turn.sink.send({ text: T.tooLong(deps.maxMessageLength) });
  if (text.startsWith("/")) {
    const handled = await handleCommand(turn, text, { showStatus: (c) => showStatus(turn, c) });
    if (handled) return;
    return turn.sink.send({ text: T.unknownCommand });
  }
  // Only letters/digits count: an emoji-only message is not a petition.
  if (!/[\p{L}\p{N}]/u.test(text)) return turn.sink.send({ text: T.stickerOnly });
  return freeText(turn, text);
}

/**
 * The Zalo Bot Platform channel, without HTTP: an update (from polling or the webhook)
 * becomes an IncomingMessage keyed zbot:<bot id>:<message id> (the bot id keeps two bots
 * on one store apart); replies and notifications go out with sendMessage, split at 2,000
 * characters, buttons as numbered choices (the platform has none).
 */
import type { ConversationCore, IncomingMessage, OutboundNotification, Reply, ReplySink } from "../../core/types.ts";
import { collectAttachments } from "../../media/attach.ts";
import type { MediaStore } from "../../media/store.ts";
import { ChoiceBook, describeError, flattenButtons, renderNumberedChoices, splitText, stderrLogger, type Logger } from "../common.ts";
import { transportTexts } from "../text.vi.ts";
import { UndeliverableError } from "../undeliverable.ts";
import { ZALO_BOT_TEXT_LIMIT, ZaloBotApiError, type ZaloBotClient } from "./client.ts";
import { readZaloBotUpdate, type ZaloBotUpdate } from "./updates.ts";

export const ZALO_BOT_CHANNEL = "zalo_bot";

export interface ZaloBotChannelOptions {
  core: ConversationCore;
  client: Pick<ZaloBotClient, "botId" | "sendMessage" | "sendPhoto">;
  media?: MediaStore;
  /** Photo downloads before the update is stored (default 5 s; webhook mode wants less). */
  mediaBudgetMs?: number;
  choices?: ChoiceBook;
  log?: Logger;
  now?: () => number;
}

export interface ZaloBotChannel {
  /**
   * Stores (core.accept, or core.handle awaited) one update. Per chat, in order: a typed
   * "2" is resolved against the choices of the replies before it.
   */
  receive(update: ZaloBotUpdate): Promise<void>;
  deliver(n: OutboundNotification): Promise<void>;
  /** Sends a photo by URL (the platform fetches it). */
  sendPhoto(chatId: string, url: string, caption?: string): Promise<void>;
  idle(): Promise<void>;
}

export function createZaloBotChannel(options: ZaloBotChannelOptions): ZaloBotChannel {
  const { core, client } = options;
  const log = options.log ?? stderrLogger;
  const now = options.now ?? Date.now;
  const choices = options.choices ?? new ChoiceBook({ now });
  const mediaBudgetMs = options.mediaBudgetMs ?? 5000;
  const queues = new Map<string, Promise<void>>();

  async function sendText(chatId: string, reply: Pick<Reply, "text" | "buttons">): Promise<void> {
    const text = renderNumberedChoices(reply.text, choices.assign(chatId, flattenButtons(reply.buttons)), transportTexts.choicesHeading);
    for (const chunk of splitText(text, ZALO_BOT_TEXT_LIMIT)) if (chunk.trim() !== "") await client.sendMessage(chatId, chunk);
  }

  function sinkFor(chatId: string): ReplySink {
    return {
      async send(reply) {
        if (reply.text.trim() === "" && !reply.buttons?.length) return;
        // No edits on this platform: an edit (Reply.editKey) arrives as a new message.
        await sendText(chatId, reply);
      },
    };
  }

  async function receiveNow(update: ZaloBotUpdate): Promise<void> {
    const parts = readZaloBotUpdate(update);
    const m = update.message;
    const attachments = await collectAttachments(parts.sources, options.media, log, mediaBudgetMs);
    let msg: IncomingMessage = {
      channel: ZALO_BOT_CHANNEL,
      externalId: `zbot:${client.botId}:${m.message_id}`,
      chatId: m.chat.id,
      userId: m.from.id,
      displayName: parts.displayName,
      text: parts.text,
      callbackData: null,
      attachments,
      location: null,
      isGroup: parts.isGroup,
      // The platform's date is epoch milliseconds in its samples.
      receivedAt: m.date && m.date > 1e12 ? new Date(m.date) : new Date(now()),
    };
    if (attachments.length === 0) {
      const button = choices.resolve(msg.chatId, msg.text);
      if (button) msg = { ...msg, text: "", callbackData: button.data };
    }
    choices.startTurn(msg.chatId);
    const sink = sinkFor(msg.chatId);
    if (core.accept) await core.accept(msg, sink);
    else await core.handle(msg, sink);
  }

  return {
    receive(update) {
      const chatId = update.message.chat.id;
      const prev = queues.get(chatId) ?? Promise.resolve();
      const next = prev.then(
        () => receiveNow(update),
        () => receiveNow(update),
      );
      const tail = next.catch(() => {});
      queues.set(chatId, tail);
      void tail.then(() => {
        if (queues.get(chatId) === tail) queues.delete(chatId);
      });
      return next;
    },
    async deliver(n) {
      if (n.channel !== ZALO_BOT_CHANNEL) throw new Error(`zalo-bot deliver: channel ${n.channel} is not ${ZALO_BOT_CHANNEL} (outbox id ${n.id})`);
      try {
        await sendText(n.chatId, n);
      } catch (err) {
        if (err instanceof ZaloBotApiError && err.isPermanent) throw new UndeliverableError(ZALO_BOT_CHANNEL, "refused", err.message, { cause: err });
        throw err;
      }
    },
    async sendPhoto(chatId, url, caption) {
      try {
        await client.sendPhoto(chatId, url, caption === undefined ? undefined : caption.slice(0, ZALO_BOT_TEXT_LIMIT));
      } catch (err) {
        log.warn("zalo-bot: sendPhoto failed", { error: describeError(err) });
        throw err;
      }
    },
    async idle() {
      while (queues.size > 0) await Promise.allSettled([...queues.values()]);
    },
  };
}

/**
 * Zalo transport on a personal account through zca-js, written against `ZaloApi`, the
 * narrow slice of zca-js's `API` it uses (tests pass a fake). Zalo has no buttons: replies
 * list numbered choices (a ChoiceBook: unique across the replies of one turn) and a reply
 * "1"/"2" is translated back to that button's data. Photos and files are downloaded into
 * the media store; voice, stickers and locations are passed on as such (content.ts).
 * zca-js's listener closes about every 60 s (code 1006, which its own `retryOnClose`
 * ignores), so this transport restarts it itself, and also when it goes silent (listener.ts).
 */
import type { Button, ConversationCore, IncomingMessage, OutboundNotification, Reply, ReplySink } from "../../core/types.ts";
import { collectAttachments } from "../../media/attach.ts";
import type { MediaStore } from "../../media/store.ts";
import { ChoiceBook, describeError, flattenButtons, renderNumberedChoices, stderrLogger, type Logger, type NumberedChoice } from "../common.ts";
import { transportTexts } from "../text.vi.ts";
import { readZcaContent } from "./content.ts";
import { superviseListener } from "./listener.ts";
import { ZaloThreadType, type ZaloApi, type ZaloMessage, type ZaloThreadTypeValue } from "./zca-api.ts";

// The zca-js slice is part of this transport's interface (callers and tests build a ZaloApi).
export { ZaloThreadType, type ZaloApi, type ZaloListener, type ZaloMessage, type ZaloThreadTypeValue } from "./zca-api.ts";

export interface ZaloTransportOptions {
  core: ConversationCore;
  api: ZaloApi;
  logger?: Logger;
  /** Restart the listener after this long without any event (default 3 min). */
  watchdogMs?: number;
  /** First delay before restarting a closed listener; doubles while it keeps failing (default 2 s). */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** How long to wait for zca-js's "closed" after stopping it for a restart (default 5 s). */
  closeGraceMs?: number;
  /** Numbered choices older than this are forgotten (default 30 min). */
  choicesTtlMs?: number;
  /** Where photos and files are kept; without it only references are passed on. */
  media?: MediaStore;
  /** Group chats: answer only when the account is @mentioned (default), every message, or none. */
  groups?: "mentions" | "all" | "none";
  now?: () => number;
}

export interface ZaloTransport {
  start(): void;
  stop(): void;
  /** Sends an outbox notification; throws on failure so the outbox retries. */
  deliver(n: OutboundNotification): Promise<void>;
  /** Resolves when every queued message has been handled (tests, shutdown). */
  idle(): Promise<void>;
  /** Listener restarts so far (not counting the first start). */
  readonly restarts: number;
}

/** Reply text with its (already numbered) choices. */
export function renderZaloText(reply: Pick<Reply, "text">, choices: readonly NumberedChoice[]): string {
  return renderNumberedChoices(reply.text, choices, transportTexts.choicesHeading);
}

export function createZaloTransport(options: ZaloTransportOptions): ZaloTransport {
  const { core, api } = options;
  const logger = options.logger ?? stderrLogger;
  const watchdogMs = options.watchdogMs ?? 180_000;
  const restartDelayMs = options.restartDelayMs ?? 2_000;
  const maxRestartDelayMs = options.maxRestartDelayMs ?? 300_000;
  const closeGraceMs = options.closeGraceMs ?? 5_000;
  const choicesTtlMs = options.choicesTtlMs ?? 30 * 60_000;
  const groups = options.groups ?? "mentions";
  const now = options.now ?? Date.now;

  const choices = new ChoiceBook({ ttlMs: choicesTtlMs, now });
  const threadTypes = new Map<string, ZaloThreadTypeValue>();
  const queues = new Map<string, Promise<void>>();
  const supervisor = superviseListener({ listener: api.listener, logger, watchdogMs, restartDelayMs, maxRestartDelayMs, closeGraceMs });
  let ownId = "";
  let running = false;

  // ---------------------------------------------------------------- sending

  async function sendText(threadId: string, text: string): Promise<void> {
    const type = threadTypes.get(threadId) ?? ZaloThreadType.User;
    try {
      await api.sendMessage({ msg: text }, threadId, type);
    } catch (err) {
      logger.error("zalo: sendMessage failed — the Zalo account may be rate-limited or locked (tài khoản Zalo có thể bị giới hạn hoặc bị khoá)", {
        threadId,
        error: describeError(err),
      });
      throw err;
    }
  }

  /** Sink for one incoming message: its replies' buttons continue one numbering (the turn's). */
  function createSink(threadId: string): ReplySink {
    return {
      async send(reply) {
        if (reply.text.trim() === "" && !reply.buttons?.length) return;
        // Zalo cannot edit: an edit (Reply.editKey) arrives as a new message.
        const numbered = choices.assign(threadId, flattenButtons(reply.buttons));
        await sendText(threadId, renderZaloText(reply, numbered));
      },
    };
  }

  // ---------------------------------------------------------------- receiving

  /** The message as the core sees it, media downloaded; undefined when it is not for the bot. */
  async function toIncoming(m: ZaloMessage): Promise<IncomingMessage | undefined> {
    const { data } = m;
    const parts = readZcaContent(data.msgType, data.content);
    if (!parts) {
      logger.debug("zalo: unreadable message content ignored", { msgType: data.msgType, threadId: m.threadId });
      return undefined;
    }
    let text = parts.text;
    const isGroup = m.type === ZaloThreadType.Group;
    if (isGroup) {
      if (groups === "none") return undefined;
      const own = data.mentions?.filter((x) => x.uid === ownId) ?? [];
      if (groups === "mentions" && own.length === 0) return undefined;
      // Drop "@Trợ lý" from the text, last first so earlier positions stay valid.
      for (const x of [...own].sort((a, b) => b.pos - a.pos)) text = text.slice(0, x.pos) + text.slice(x.pos + x.len);
      text = text.trim();
    }
    const attachments = await collectAttachments(parts.sources, options.media, logger);
    return {
      channel: "zalo",
      // The account is part of the key: a second account on the same store (a delegate's
      // next to the ward's) sees the same msgId for a group message both receive, and a
      // bare msgId would drop the second one as a redelivery.
      externalId: `zalo:${ownId || "unknown"}:${data.msgId}`,
      chatId: m.threadId,
      userId: data.uidFrom,
      displayName: data.dName ?? null,
      text,
      callbackData: null,
      attachments,
      location: parts.location,
      isGroup,
      receivedAt: new Date(now()),
    };
  }

  /** "2" answering a numbered choice still alive in the thread → that button's data. */
  function translateChoice(msg: IncomingMessage): IncomingMessage {
    if (msg.attachments.length > 0 || msg.location) return msg;
    const button: Button | undefined = choices.resolve(msg.chatId, msg.text);
    return button ? { ...msg, text: "", callbackData: button.data } : msg;
  }

  function enqueue(threadId: string, task: () => Promise<void>): void {
    const prev = queues.get(threadId) ?? Promise.resolve();
    // Per-thread order: replies to "1" must not overtake the reply that offered the choices.
    const next = prev.then(task, task);
    queues.set(threadId, next);
    void next.finally(() => {
      if (queues.get(threadId) === next) queues.delete(threadId);
    });
  }

  function onMessage(m: ZaloMessage): void {
    supervisor.touch();
    try {
      if (m.isSelf || (ownId !== "" && m.data.uidFrom === ownId)) return;
      threadTypes.set(m.threadId, m.type);
      // Per thread, in order: building the message (downloads) and answering it both wait
      // for the thread's previous message, so choices resolve against the replies before.
      enqueue(m.threadId, async () => {
        let msg: IncomingMessage | undefined;
        try {
          msg = await toIncoming(m);
        } catch (err) {
          logger.error("zalo: malformed message event", { error: describeError(err) });
          return;
        }
        if (!msg) return;
        msg = translateChoice(msg);
        choices.startTurn(m.threadId);
        try {
          await core.handle(msg, createSink(m.threadId));
        } catch (err) {
          logger.error("zalo: handling a message failed", { externalId: msg.externalId, error: describeError(err) });
          await sendText(m.threadId, transportTexts.apology).catch(() => {});
        }
      });
    } catch (err) {
      logger.error("zalo: malformed message event", { error: describeError(err) });
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      try {
        ownId = String(api.getOwnId());
      } catch (err) {
        logger.warn("zalo: getOwnId failed; self messages are recognised by isSelf only", { error: describeError(err) });
      }
      api.listener.on("message", onMessage);
      supervisor.start();
    },
    stop() {
      if (!running) return;
      running = false;
      api.listener.off("message", onMessage);
      supervisor.stop();
    },
    async deliver(n) {
      if (n.channel !== "zalo") throw new Error(`zalo deliver: channel ${n.channel} is not zalo (outbox id ${n.id})`);
      // Between turns: numbering continues while earlier choices are alive, so no number means two buttons.
      await sendText(n.chatId, renderZaloText(n, choices.assign(n.chatId, flattenButtons(n.buttons))));
    },
    async idle() {
      while (queues.size > 0) await Promise.allSettled([...queues.values()]);
    },
    get restarts() {
      return supervisor.restarts;
    },
  };
}

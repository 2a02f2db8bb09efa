/**
 * Zalo transport on a personal account through zca-js, written against `ZaloApi`, the
 * narrow slice of zca-js's `API` it uses (tests pass a fake). Zalo has no buttons: replies
 * list numbered choices and a reply "1"/"2" is translated back to that button's data.
 * zca-js's listener closes about every 60 s (code 1006, which its own `retryOnClose`
 * ignores), so this transport restarts it itself, and also when it goes silent.
 */
import type { Button, ConversationCore, IncomingMessage, OutboundNotification, Reply, ReplySink } from "../../core/types.ts";
import { describeError, flattenButtons, parseChoiceNumber, pickChoice, stderrLogger, type Logger } from "../common.ts";
import { transportTexts } from "../text.vi.ts";

/** zca-js ThreadType values (kept here so this file needs no zca-js at run time). */
export const ZaloThreadType = { User: 0, Group: 1 } as const;
export type ZaloThreadTypeValue = (typeof ZaloThreadType)[keyof typeof ZaloThreadType];

/** The fields of zca-js's `UserMessage | GroupMessage` this transport reads. */
export interface ZaloMessage {
  type: ZaloThreadTypeValue;
  threadId: string;
  /** Sent by the logged-in account itself. */
  isSelf: boolean;
  data: {
    msgId: string;
    uidFrom: string;
    dName?: string;
    /** "webchat" for text, "chat.photo" for images, others for stickers, files, links… */
    msgType?: string;
    content: string | Record<string, unknown>;
    mentions?: { uid: string; pos: number; len: number }[] | undefined;
  };
}

/** The part of zca-js's `Listener` (an EventEmitter) this transport uses. */
export interface ZaloListener {
  on(event: "message", listener: (message: ZaloMessage) => void): unknown;
  on(event: "connected", listener: () => void): unknown;
  on(event: "closed", listener: (code: number, reason: string) => void): unknown;
  on(event: "error", listener: (error: unknown) => void): unknown;
  off(event: "message", listener: (message: ZaloMessage) => void): unknown;
  off(event: "connected", listener: () => void): unknown;
  off(event: "closed", listener: (code: number, reason: string) => void): unknown;
  off(event: "error", listener: (error: unknown) => void): unknown;
  start(options?: { retryOnClose?: boolean }): void;
  stop(): void;
}

/** The part of zca-js's `API` this transport uses; the real `API` is assignable to it. */
export interface ZaloApi {
  listener: ZaloListener;
  sendMessage(message: { msg: string } | string, threadId: string, type?: ZaloThreadTypeValue): Promise<unknown>;
  getOwnId(): string;
}

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

/** After this many restarts without a "connected", the account itself is the likely problem. */
const SUSPECT_ACCOUNT_AFTER = 5;

/** Reply text with its buttons as numbered choices. */
export function renderZaloText(reply: Pick<Reply, "text" | "buttons">): string {
  const buttons = flattenButtons(reply.buttons);
  if (buttons.length === 0) return reply.text;
  const lines = buttons.map((b, i) => `${i + 1}. ${b.label}`);
  return `${reply.text}\n\n${transportTexts.choicesHeading}\n${lines.join("\n")}`;
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

  const choices = new Map<string, { buttons: Button[]; at: number }>();
  const threadTypes = new Map<string, ZaloThreadTypeValue>();
  const queues = new Map<string, Promise<void>>();
  let ownId = "";
  let running = false;
  let listenerActive = false;
  let awaitingClose = false;
  let failures = 0;
  let restarts = 0;
  let started = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let watchdog: NodeJS.Timeout | undefined;

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

  function rememberChoices(threadId: string, buttons: Button[]): void {
    if (buttons.length > 0) choices.set(threadId, { buttons, at: now() });
    else choices.delete(threadId);
  }

  /** Sink for one incoming message: the first reply replaces the thread's choices. */
  function createSink(threadId: string): ReplySink {
    let first = true;
    return {
      async send(reply) {
        if (reply.text.trim() === "" && !reply.buttons?.length) return;
        // Zalo cannot edit: an edit (Reply.editKey) arrives as a new message.
        await sendText(threadId, renderZaloText(reply));
        const buttons = flattenButtons(reply.buttons);
        // A follow-up text in the same turn must not wipe the choices just offered.
        if (buttons.length > 0 || first) rememberChoices(threadId, buttons);
        first = false;
      },
    };
  }

  // ---------------------------------------------------------------- receiving

  function toIncoming(m: ZaloMessage): IncomingMessage | undefined {
    const { data } = m;
    let text = "";
    const attachments: IncomingMessage["attachments"] = [];
    if (typeof data.content === "string") {
      text = data.content;
    } else if (data.msgType === "chat.photo" && typeof data.content.href === "string") {
      attachments.push({ kind: "photo", ref: data.content.href });
      if (typeof data.content.title === "string") text = data.content.title;
    } else {
      logger.debug("zalo: non-text message ignored", { msgType: data.msgType, threadId: m.threadId });
      return undefined;
    }
    const isGroup = m.type === ZaloThreadType.Group;
    if (isGroup) {
      if (groups === "none") return undefined;
      const own = data.mentions?.filter((x) => x.uid === ownId) ?? [];
      if (groups === "mentions" && own.length === 0) return undefined;
      // Drop "@Trợ lý" from the text, last first so earlier positions stay valid.
      for (const x of [...own].sort((a, b) => b.pos - a.pos)) text = text.slice(0, x.pos) + text.slice(x.pos + x.len);
      text = text.trim();
    }
    return {
      channel: "zalo",
      externalId: `zalo:${data.msgId}`,
      chatId: m.threadId,
      userId: data.uidFrom,
      displayName: data.dName ?? null,
      text,
      callbackData: null,
      attachments,
      isGroup,
      receivedAt: new Date(now()),
    };
  }

  /** "2" answering the thread's last numbered choices → that button's data. */
  function translateChoice(msg: IncomingMessage): IncomingMessage {
    const n = parseChoiceNumber(msg.text);
    const active = choices.get(msg.chatId);
    if (n === null || !active) return msg;
    if (now() - active.at > choicesTtlMs) {
      choices.delete(msg.chatId);
      return msg;
    }
    const button = pickChoice(active.buttons, n);
    if (!button) return msg;
    return { ...msg, text: "", callbackData: button.data };
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
    touch();
    try {
      if (m.isSelf || (ownId !== "" && m.data.uidFrom === ownId)) return;
      const incoming = toIncoming(m);
      if (!incoming) return;
      threadTypes.set(m.threadId, m.type);
      enqueue(m.threadId, async () => {
        const msg = translateChoice(incoming);
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

  // ---------------------------------------------------------------- listener life cycle

  function touch(): void {
    if (!running || restartTimer) return;
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      logger.warn(`zalo: no listener event for ${watchdogMs} ms, restarting the listener`);
      restart();
    }, watchdogMs);
  }

  function startListener(): void {
    restartTimer = undefined;
    if (!running) return;
    try {
      // Our own restarts cover every close code; zca-js's retry skips 1006.
      api.listener.start({ retryOnClose: false });
      listenerActive = true;
      if (started) restarts++;
      started = true;
      touch();
    } catch (err) {
      logger.warn("zalo: listener start failed", { error: describeError(err) });
      scheduleStart();
    }
  }

  function scheduleStart(): void {
    if (!running || restartTimer) return;
    clearTimeout(watchdog);
    const delay = Math.min(maxRestartDelayMs, restartDelayMs * 2 ** Math.min(failures, 20));
    failures++;
    if (failures === SUSPECT_ACCOUNT_AFTER || (failures > SUSPECT_ACCOUNT_AFTER && failures % 10 === 0)) {
      logger.error(
        `zalo: the listener failed to connect ${failures} times in a row — the Zalo account may be rate-limited, locked or logged out ` +
          "(tài khoản Zalo có thể bị giới hạn, bị khoá hoặc đã đăng xuất). Still retrying; the rest of the bot keeps running.",
      );
    }
    restartTimer = setTimeout(startListener, delay);
  }

  /** Stops a live listener and starts it again once it has closed. */
  function restart(): void {
    if (!running) return;
    clearTimeout(watchdog);
    if (!listenerActive) return scheduleStart();
    awaitingClose = true;
    try {
      api.listener.stop();
    } catch (err) {
      logger.warn("zalo: listener stop failed", { error: describeError(err) });
    }
    // Starting before the old socket reports "closed" would let its close reset the new one.
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      awaitingClose = false;
      listenerActive = false;
      scheduleStart();
    }, closeGraceMs);
  }

  function onConnected(): void {
    failures = 0;
    logger.info("zalo: listener connected");
    touch();
  }

  function onClosed(code: number, reason: string): void {
    listenerActive = false;
    if (!running) return;
    if (awaitingClose) {
      awaitingClose = false;
      clearTimeout(restartTimer);
      restartTimer = undefined;
    } else if (code === 1006) {
      logger.info("zalo: listener closed (1006, routine on Zalo), restarting");
    } else {
      const hint = code === 3000 || code === 3003 ? " — another Zalo Web/PC session may have taken over this account" : "";
      logger.warn(`zalo: listener closed with code ${code}${hint}, restarting`, { reason });
    }
    scheduleStart();
  }

  function onError(err: unknown): void {
    logger.warn("zalo: listener error", { error: describeError(err) });
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
      api.listener.on("connected", onConnected);
      api.listener.on("closed", onClosed);
      api.listener.on("error", onError);
      startListener();
    },
    stop() {
      if (!running) return;
      running = false;
      clearTimeout(watchdog);
      clearTimeout(restartTimer);
      restartTimer = undefined;
      api.listener.off("message", onMessage);
      api.listener.off("connected", onConnected);
      api.listener.off("closed", onClosed);
      api.listener.off("error", onError);
      if (listenerActive) {
        listenerActive = false;
        try {
          api.listener.stop();
        } catch (err) {
          logger.warn("zalo: listener stop failed", { error: describeError(err) });
        }
      }
    },
    async deliver(n) {
      if (n.channel !== "zalo") throw new Error(`zalo deliver: channel ${n.channel} is not zalo (outbox id ${n.id})`);
      await sendText(n.chatId, renderZaloText(n));
      if (n.buttons?.length) rememberChoices(n.chatId, flattenButtons(n.buttons));
    },
    async idle() {
      while (queues.size > 0) await Promise.allSettled([...queues.values()]);
    },
    get restarts() {
      return restarts;
    },
  };
}

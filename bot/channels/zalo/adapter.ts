/**
 * Zalo transport on a personal account through zca-js, written against `ZaloApi`, the
 * narrow slice of zca-js's `API` it uses (tests pass a fake). Zalo has no buttons: replies
 * list numbered choices (a ChoiceBook: unique across the replies of one turn) and a reply
 * "1"/"2" is translated back to that button's data. Photos and files are downloaded into
 * the media store; voice, stickers and locations are passed on as such.
 * zca-js's listener closes about every 60 s (code 1006, which its own `retryOnClose`
 * ignores), so this transport restarts it itself, and also when it goes silent.
 */
import { z } from "zod";
import type { Button, ConversationCore, IncomingMessage, Location, OutboundNotification, Reply, ReplySink } from "../../core/types.ts";
import { collectAttachments, type AttachmentSource } from "../../media/attach.ts";
import type { MediaStore } from "../../media/store.ts";
import { ChoiceBook, describeError, flattenButtons, renderNumberedChoices, stderrLogger, type Logger, type NumberedChoice } from "../common.ts";
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
    /** "webchat" for text; "chat.photo", "chat.gif", "chat.doodle", "share.file", "chat.voice", "chat.sticker", "chat.video.msg", "chat.location.new", "chat.link", "chat.recommended". */
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

/** After this many restarts without a "connected", the account itself is the likely problem. */
const SUSPECT_ACCOUNT_AFTER = 5;

/** Reply text with its (already numbered) choices. */
export function renderZaloText(reply: Pick<Reply, "text">, choices: readonly NumberedChoice[]): string {
  return renderNumberedChoices(reply.text, choices, transportTexts.choicesHeading);
}

/** zca-js's attachment content (photos, files, voice, stickers, locations, links); every field optional. */
const zcaContentSchema = z
  .object({
    title: z.string().optional(),
    description: z.string().optional(),
    href: z.string().optional(),
    thumb: z.string().optional(),
    params: z.unknown().optional(),
    id: z.union([z.string(), z.number()]).optional(),
    catId: z.union([z.string(), z.number()]).optional(),
  })
  .loose();
type ZcaContent = z.infer<typeof zcaContentSchema>;

/** `params` is a JSON string in live events (an object in some versions). */
const zcaParamsSchema = z
  .object({
    hd: z.string().optional(),
    m4a: z.string().optional(),
    fileSize: z.coerce.number().optional(),
    fileExt: z.string().optional(),
    latitude: z.coerce.number().optional(),
    longitude: z.coerce.number().optional(),
  })
  .loose();

function paramsOf(content: ZcaContent): z.infer<typeof zcaParamsSchema> {
  let raw = content.params;
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch {
      return {};
    }
  }
  const parsed = zcaParamsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** What one zca-js message carries besides text. */
interface ZcaParts {
  text: string;
  sources: AttachmentSource[];
  location: Location | null;
}

/**
 * zca-js message content → text, attachment sources and location. Field names follow
 * zca-js's own message types (TAttachmentContent) and public code reading its events
 * (params.hd for photos, params.m4a for voice, params {latitude, longitude} for
 * locations); see docs/zalo.md.
 */
export function readZcaContent(msgType: string | undefined, raw: ZaloMessage["data"]["content"]): ZcaParts | undefined {
  if (typeof raw === "string") return { text: raw, sources: [], location: null };
  const parsed = zcaContentSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  const p = paramsOf(c);
  const href = c.href ?? "";
  switch (msgType) {
    case "chat.photo":
    case "chat.gif":
    case "chat.doodle": {
      const url = p.hd || href;
      return { text: c.title ?? "", sources: url ? [{ kind: "photo", ref: url, downloadUrl: url, publicUrl: url }] : [], location: null };
    }
    case "share.file":
      return {
        text: "",
        sources: href ? [{ kind: "file", ref: href, downloadUrl: href, publicUrl: href, ...(c.title ? { name: c.title } : {}), ...(p.fileSize ? { size: p.fileSize } : {}) }] : [],
        location: null,
      };
    case "chat.voice": {
      const url = p.m4a || href;
      return { text: "", sources: [{ kind: "voice", ref: url || "voice", ...(url ? { publicUrl: url } : {}) }], location: null };
    }
    case "chat.sticker":
      return { text: "", sources: [{ kind: "sticker", ref: `zalo-sticker:${c.catId ?? "?"}:${c.id ?? "?"}` }], location: null };
    case "chat.location.new": {
      const ok = p.latitude !== undefined && p.longitude !== undefined && Math.abs(p.latitude) <= 90 && Math.abs(p.longitude) <= 180;
      const label = c.title || c.description || null;
      return ok ? { text: "", sources: [], location: { latitude: p.latitude!, longitude: p.longitude!, label } } : { text: label ?? "", sources: [], location: null };
    }
    case "chat.link":
      return { text: [c.title, href].filter((x) => x && x.trim()).join("\n"), sources: [], location: null };
    default:
      // Video, contact cards and whatever Zalo adds: passed on so the core can answer, not dropped.
      return { text: "", sources: [{ kind: "other", ref: href || msgType || "unknown" }], location: null };
  }
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
    touch();
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
      // Between turns: numbering continues while earlier choices are alive, so no number means two buttons.
      await sendText(n.chatId, renderZaloText(n, choices.assign(n.chatId, flattenButtons(n.buttons))));
    },
    async idle() {
      while (queues.size > 0) await Promise.allSettled([...queues.values()]);
    },
    get restarts() {
      return restarts;
    },
  };
}

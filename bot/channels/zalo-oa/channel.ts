/**
 * The Official Account channel, without HTTP: turns a verified webhook event into an
 * IncomingMessage for the core (stored before the webhook answers), renders core replies
 * and outbox notifications as OA messages, and reports undeliverable notifications.
 *
 * Buttons: up to 5 go out as a template whose `oa.query.hide` payloads are signed for the
 * recipient (payload.ts); a press comes back as text and is verified before it becomes a
 * callback. More than 5 (the unit list) go out as numbered choices (ChoiceBook).
 */
import { FOREIGN_BUTTON, type Button, type ConversationCore, type IncomingMessage, type OutboundNotification, type Reply, type ReplySink } from "../../core/types.ts";
import { collectAttachments } from "../../media/attach.ts";
import type { MediaStore } from "../../media/store.ts";
import { ChoiceBook, describeError, flattenButtons, renderNumberedChoices, splitText, stderrLogger, type Logger } from "../common.ts";
import { transportTexts } from "../text.vi.ts";
import { UndeliverableError } from "../undeliverable.ts";
import { OA_MAX_BUTTONS, OA_TEXT_LIMIT, type OaButton, type ZaloOaClient } from "./client.ts";
import { ZaloOaApiError } from "./errors.ts";
import type { ZaloOaEventLog } from "./event-log.ts";
import type { OaEvent } from "./events.ts";
import type { ButtonPayloadSigner } from "./payload.ts";

export const ZALO_OA_CHANNEL = "zalo_oa";

export interface ZaloOaChannelOptions {
  core: ConversationCore;
  client: ZaloOaClient;
  signer: ButtonPayloadSigner;
  events: ZaloOaEventLog;
  /** The ward named in the welcome message. */
  ward: string;
  media?: MediaStore;
  /** Time allowed for downloading a message's photos before the webhook must answer (default 1.5 s). */
  mediaBudgetMs?: number;
  choices?: ChoiceBook;
  log?: Logger;
  now?: () => number;
  /** Called when a notification cannot be delivered (staff notice, public-page hint). */
  onUndeliverable?: (n: OutboundNotification, err: UndeliverableError) => void | Promise<void>;
}

/** What the webhook does with one verified event. */
export type ReceiveResult = { status: "stored" | "duplicate" | "ignored" | "recorded"; externalId?: string };

export interface ZaloOaChannel {
  /** Stores the event (through the core or the event log) and starts handling it; resolves when it is safe to answer 200. */
  receive(event: OaEvent): Promise<ReceiveResult>;
  /** Sends an outbox notification; UndeliverableError when Zalo refuses for good (−230, −213). */
  deliver(n: OutboundNotification): Promise<void>;
  /** Resolves when background handling (fallback handle, welcome messages) is done. */
  idle(): Promise<void>;
}

export function createZaloOaChannel(options: ZaloOaChannelOptions): ZaloOaChannel {
  const { core, client, signer } = options;
  const log = options.log ?? stderrLogger;
  const now = options.now ?? Date.now;
  const choices = options.choices ?? new ChoiceBook({ now });
  const mediaBudgetMs = options.mediaBudgetMs ?? 1500;
  const background = new Set<Promise<unknown>>();

  function track(p: Promise<unknown>): void {
    const t = p.catch((err: unknown) => log.error("zalo-oa: background work failed", { error: describeError(err) }));
    background.add(t);
    void t.finally(() => background.delete(t));
  }

  /** One reply or notification → OA messages: text chunks, the last with ≤ 5 signed buttons. */
  async function sendReply(userId: string, reply: Pick<Reply, "text" | "buttons">): Promise<void> {
    const buttons = flattenButtons(reply.buttons);
    const useTemplate = buttons.length > 0 && buttons.length <= OA_MAX_BUTTONS;
    const text = useTemplate ? reply.text : renderNumberedChoices(reply.text, choices.assign(userId, buttons), transportTexts.choicesHeading);
    const body = text.trim() === "" ? transportTexts.choicesHeading : text;
    const chunks = splitText(body, OA_TEXT_LIMIT);
    for (const [i, chunk] of chunks.entries()) {
      const last = i === chunks.length - 1;
      if (last && useTemplate) {
        const oaButtons: OaButton[] = buttons.map((b: Button) => ({ title: b.label, type: "oa.query.hide", payload: signer.sign(userId, b.data) }));
        await client.sendButtons(userId, chunk, oaButtons);
      } else {
        await client.sendText(userId, chunk);
      }
    }
  }

  function sinkFor(userId: string): ReplySink {
    return {
      async send(reply) {
        if (reply.text.trim() === "" && !reply.buttons?.length) return;
        // OA messages cannot be edited: an edit (Reply.editKey) arrives as a new message.
        await sendReply(userId, reply);
      },
    };
  }

  /** A pressed button (signed for this user) or a typed number → callback data. */
  function translate(msg: IncomingMessage): IncomingMessage {
    if (msg.attachments.length > 0 || msg.location) return msg;
    const data = signer.verify(msg.userId, msg.text);
    if (data !== null) return { ...msg, text: "", callbackData: data };
    if (signer.looksSigned(msg.text)) {
      // Someone typed or pasted a button payload that was not theirs: plain text, never a press.
      // It is answered as a button that is not theirs (never added to a petition as text); the
      // text stays on the stored message.
      log.warn("zalo-oa: a button payload that does not verify for this user was refused", { userId: msg.userId });
      return { ...msg, callbackData: FOREIGN_BUTTON };
    }
    const button = choices.resolve(msg.chatId, msg.text);
    return button ? { ...msg, text: "", callbackData: button.data } : msg;
  }

  async function receiveMessage(event: Extract<OaEvent, { kind: "message" }>): Promise<ReceiveResult> {
    const attachments = await collectAttachments(event.attachments, options.media, log, mediaBudgetMs);
    const externalId = `zoa:${event.oaId}:${event.msgId}`;
    let msg: IncomingMessage = {
      channel: ZALO_OA_CHANNEL,
      externalId,
      chatId: event.userId,
      userId: event.userId,
      displayName: null,
      text: event.text,
      callbackData: null,
      attachments,
      location: event.location,
      isGroup: false,
      receivedAt: Number.isNaN(event.at.getTime()) ? new Date(now()) : event.at,
    };
    msg = translate(msg);
    choices.startTurn(event.userId);
    const sink = sinkFor(event.userId);
    if (core.accept) {
      // Stored when this resolves; the core handles it in the background.
      await core.accept(msg, sink);
    } else {
      // No accept(): handling is awaited, so the message is stored (and answered) before 200.
      await core.handle(msg, sink);
    }
    return { status: "stored", externalId };
  }

  return {
    async receive(event) {
      switch (event.kind) {
        case "message":
          return receiveMessage(event);
        case "follow":
        case "unfollow":
        case "chatnow": {
          const key = `zoa:${event.oaId}:${event.kind}:${event.userId}:${event.at.getTime()}`;
          const first = await options.events.record({ key, kind: event.kind, oaId: event.oaId, userId: event.userId, at: event.at });
          if (first && event.kind === "follow") {
            // After the webhook's 200: the welcome must not hold Zalo's request up.
            track(client.sendText(event.userId, transportTexts.zaloOaWelcome(options.ward)));
          }
          return { status: first ? "recorded" : "duplicate" };
        }
        case "ignored":
          return { status: "ignored" };
      }
    },

    async deliver(n) {
      if (n.channel !== ZALO_OA_CHANNEL) throw new Error(`zalo-oa deliver: channel ${n.channel} is not ${ZALO_OA_CHANNEL} (outbox id ${n.id})`);
      try {
        await sendReply(n.chatId, n);
      } catch (err) {
        if (err instanceof ZaloOaApiError && (err.action === "outside_window" || err.action === "permanent")) {
          const undeliverable = new UndeliverableError(ZALO_OA_CHANNEL, err.undeliverable ?? "refused", err.message, { cause: err });
          log.warn("zalo-oa: notification undeliverable", { outbox: n.id, reason: undeliverable.reason, code: err.code });
          await Promise.resolve(options.onUndeliverable?.(n, undeliverable)).catch((e: unknown) => log.error("zalo-oa: onUndeliverable failed", { error: describeError(e) }));
          throw undeliverable;
        }
        throw err;
      }
    },

    async idle() {
      while (background.size > 0) await Promise.allSettled([...background]);
    },
  };
}

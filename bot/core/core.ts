/**
 * The conversation core: one place that turns an incoming chat message into service calls
 * and replies, for every transport and every role. This module runs the turn; routing
 * (router.ts), the dialogue (dialogue.ts), commands, staff review, the classification
 * queue and recovery live in their own modules.
 *
 * Order of work for each message (the reliability contract):
 *  1. persist the inbound message (idempotent by channel + externalId) — before any reply;
 *  2. a redelivered message that was already handled is dropped silently;
 *  3. a petition is filed in one transaction and acknowledged with its code at once;
 *     classification (maybe a slow LLM) runs after the acknowledgement, and its result
 *     reaches the voter through the outbox, so it survives a restart.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { isDomainError, type DomainError } from "../errors.ts";
import { applyClassification, markInboundFailed, claimInbound, recordInbound, markInboundProcessed, type ClassificationSubject } from "../petitions/intake.ts";
import type { InboundMessage } from "../../store/rows.ts";
import { highestRole } from "../petitions/roles.ts";
import { isStatus, statusLabel, TRANSITIONS } from "../petitions/status.ts";
import type { Person } from "../petitions/types.ts";
import { conversationTexts as T } from "../text/conversation.vi.ts";
import { dialogueTexts as D } from "../text/dialogue.vi.ts";
import { ClassificationQueue, type RetryPolicy, type Scheduler } from "./classification-queue.ts";
import { recoverUnfinished } from "./recovery.ts";
import { route } from "./router.ts";
import { reviewCard } from "./staff-review.ts";
import { parseState, stateKey, USER_LEASE_MS } from "./state.ts";
import type { CoreDeps, Turn } from "./turn.ts";
import { type ConversationCore, type IncomingMessage, type ReplySink } from "./types.ts";
import { UserTurns, waitForLease } from "./user-turns.ts";

export type { CoreDeps, MessageClassifier } from "./turn.ts";

export interface Core extends ConversationCore {
  /** Stores the message (idempotently) and resolves; handling continues in the background (webhooks answer at once). */
  accept(msg: IncomingMessage, sink: ReplySink): Promise<void>;
  /** Resolves when background classification work is finished (tests, shutdown). */
  idle(): Promise<void>;
  /** Classifies petitions left "received" by a crash or a failed job, and handles stored messages left unfinished. */
  recover(): Promise<number>;
  /** Handles stored messages whose handler died (lease expired); run periodically. */
  recoverInbound(): Promise<number>;
  /** Stops reading the backlog back and waits for the classifications running or waiting in memory (shutdown). */
  shutdown(): Promise<void>;
  /** Classification work of this process. */
  backlog(): { running: number; waiting: number; inDatabase: number; retrying: number };
}

export interface CoreOptions {
  /** Retry policy and scheduler of failed classifications (tests inject a fake scheduler). */
  retry?: RetryPolicy;
  schedule?: Scheduler;
}

export function createConversationCore(deps: CoreDeps, opts: CoreOptions = {}): Core {
  const classification = new ClassificationQueue({
    db: deps.db,
    log: deps.log,
    maxWaiting: deps.maxQueuedClassifications ?? 1000,
    retry: opts.retry,
    schedule: opts.schedule,
    classify: (subject) => classify(subject),
  });

  async function classify(subject: ClassificationSubject): Promise<void> {
    let u;
    try {
      u = await deps.classifier.full(subject.normalizedText, subject.offline);
    } catch (err) {
      deps.log.warn("classifier failed, using offline result", { err: String(err) });
      u = deps.classifier.quick(subject.normalizedText);
    }
    await applyClassification(deps.db, subject, u, deps.petitions, (p, unitName) => {
      const card = reviewCard({ code: p.code, originalText: p.text, category: p.category, confidence: p.confidence, classifierSource: p.source, location: p.location, urgent: p.urgent }, unitName);
      return { text: T.newForReview(card.text), payload: { kind: "review", buttons: card.buttons.flat().map((b) => ({ text: b.label, data: b.data })) } };
    });
    deps.onOutbox?.();
  }

  const turns = new UserTurns();
  const leaseOwner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  async function store(msg: IncomingMessage): Promise<{ inbound: InboundMessage; duplicate: boolean }> {
    return recordInbound(
      deps.db,
      { channel: msg.channel, externalId: msg.externalId, chatId: msg.chatId, userId: msg.userId, text: msg.text, payload: { attachments: msg.attachments, callbackData: msg.callbackData, isGroup: msg.isGroup, location: msg.location ?? null } },
      deps.petitions,
    );
  }

  /** Handles a stored message: the user's turn, from their state to the reply. */
  async function processTurn(msg: IncomingMessage, sink: ReplySink, stored: { inbound: InboundMessage; duplicate: boolean }, recovering: boolean): Promise<void> {
    const { inbound, duplicate } = stored;
    // A redelivery of a message we already answered: nothing to do (idempotency). A message
    // whose handling failed is handled again (we told the sender it would be) — unless
    // another worker is handling it right now (its lease has not expired).
    if (duplicate && (inbound.status === "processed" || !(await claimInbound(deps.db, inbound.id, deps.now())))) return;

    const key = stateKey(msg.channel, msg.userId);
    const owner = deps.sharedDatabase ? leaseOwner : null;
    const opened = await waitForLease(
      () => deps.db.sessions.openTurn(key, msg.channel, msg.userId, owner ? { owner, now: deps.now(), until: new Date(deps.now().getTime() + USER_LEASE_MS) } : null),
      () => deps.log.debug("waiting for another worker's turn of this user", { channel: msg.channel }),
    );
    const person: Person = { channel: msg.channel, externalId: msg.userId, displayName: msg.displayName };
    const role = highestRole(opened.roles);
    const state = parseState(opened.state);
    const turn: Turn = { deps, msg, sink, person, actor: { ...person, role }, role, state, inboundId: inbound.id, inbound, classification };

    const nowMs = deps.now().getTime();
    /** Handled without a failure: the message is marked processed with the state saved. */
    let handled = false;
    state.recent = state.recent.filter((t) => nowMs - t < deps.rateLimit.windowMs);
    state.recent.push(nowMs);
    try {
      // Staff and admins are allowlisted and work through the queue with many button presses.
      const limited = role !== "staff" && role !== "admin";
      // An urgent report (fire, live wire, a tree about to fall) is never held back by the limit.
      const urgent = !msg.callbackData && msg.text.length > 0 && deps.classifier.quick(msg.text).urgent;
      if (limited && state.recent.length > deps.rateLimit.max && !duplicate && !recovering && !urgent) {
        // Over the flood limit: the message is kept unhandled until the window has room, then
        // the periodic sweep handles it (replies through the outbox). Nothing is dropped.
        const until = new Date(state.recent[0]! + deps.rateLimit.windowMs + 1_000);
        await deps.db.inbound.defer(inbound.id, until);
        if (state.deferredNotice === null || state.deferredNotice < nowMs) {
          state.deferredNotice = until.getTime();
          await sink.send({ text: D.deferred(until) });
        }
        return;
      }
      await route(turn);
      handled = true;
    } catch (err) {
      if (isDomainError(err)) {
        await markInboundProcessed(deps.db, inbound.id, deps.now());
        await sink.send({ text: explain(err) });
      } else {
        deps.log.error("message handling failed", { channel: msg.channel, externalId: msg.externalId, err: String(err) });
        await markInboundFailed(deps.db, inbound.id, String(err)).catch(() => {});
        await sink.send({ text: T.internalError }).catch(() => {});
      }
    } finally {
      const saved = await deps.db.sessions.closeTurn(key, JSON.stringify(state), deps.now(), owner, handled ? inbound.id : null).catch(async (e: unknown) => {
        deps.log.warn("state not saved", { err: String(e) });
        // The message was handled: it must not be handled again by the sweep.
        if (handled) await markInboundProcessed(deps.db, inbound.id, deps.now()).catch(() => {});
        return true;
      });
      if (!saved) deps.log.warn("state not saved: the user's lease expired and another worker took over", { channel: msg.channel });
    }
  }

  function handle(msg: IncomingMessage, sink: ReplySink, recovering = false): Promise<void> {
    return turns.run(`${msg.channel}:${msg.userId}`, async () => processTurn(msg, sink, await store(msg), recovering));
  }

  /** Turns started by accept() and not finished yet (idle() waits for them). */
  const accepted = new Set<Promise<void>>();
  async function accept(msg: IncomingMessage, sink: ReplySink): Promise<void> {
    const stored = await store(msg);
    const turn = turns
      .run(`${msg.channel}:${msg.userId}`, () => processTurn(msg, sink, stored, false))
      .catch((err: unknown) => deps.log.error("message handling failed", { channel: msg.channel, err: String(err) }));
    accepted.add(turn);
    void turn.finally(() => accepted.delete(turn));
  }

  async function idle(): Promise<void> {
    while (accepted.size) await Promise.all([...accepted]);
    await classification.idle();
    // A turn accepted while classification drained.
    if (accepted.size) return idle();
  }

  async function recoverInbound(): Promise<number> {
    await classification.sweep();
    return recoverUnfinished(deps, ["received"], handle);
  }

  return {
    handle: (msg, sink) => handle(msg, sink),
    accept,
    idle,
    shutdown: () => classification.shutdown(),
    async recover() {
      const stuck = await deps.db.petitions.idsWithStatus("received");
      await classification.recover(stuck);
      return stuck.length + (await recoverUnfinished(deps, ["received", "failed"], handle));
    },
    recoverInbound,
    backlog: () => classification.backlog(),
  };
}

/** A domain error as the user should read it; a refused status move lists what is allowed. */
function explain(err: DomainError): string {
  const from = err.details?.from;
  if (err.code === "INVALID_TRANSITION" && typeof from === "string" && isStatus(from)) {
    const code = typeof err.details?.code === "string" ? err.details.code : null;
    return T.invalidTransition({ message: err.message, code, from: statusLabel(from), next: TRANSITIONS[from].map(statusLabel), needsUnit: from === "classified" || from === "needs_review" });
  }
  return err.message;
}

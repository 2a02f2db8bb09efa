/**
 * The conversation core: one place that turns an incoming chat message into service calls
 * and replies, for every transport and every role.
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
import type { InboundMessage } from "../../generated/prisma/client.ts";
import { isDomainError, type DomainError } from "../errors.ts";
import { isStatus, statusLabel, TRANSITIONS } from "../petitions/status.ts";
import type { Logger } from "../logger.ts";
import { normalizePetitionCode } from "../petitions/codes.ts";
import { applyClassification, claimInbound, filePetition, markInboundFailed, markInboundProcessed, recordInbound, setLocation } from "../petitions/intake.ts";
import { latestPetition, latestPetitionRef, listMyPetitions, lookupPetition, type PetitionView } from "../petitions/lookup.ts";
import { enqueue } from "../petitions/outbox.ts";
import { isNotFixedMessage, reportNotFixed } from "../petitions/ratings.ts";
import type { Actor, AttachmentRef, MessageUnderstanding, PetitionDeps, Person } from "../petitions/types.ts";
import { STAFF_CHANNEL } from "../petitions/types.ts";
import type { Db } from "../store/db.ts";
import { conversationTexts as T } from "../text/conversation.vi.ts";
import { formatDateVi, petitionTexts } from "../text/petitions.vi.ts";
import type { KnowledgeBase } from "../../rag/knowledge/knowledge-base.ts";
import type { LlmAnswerer } from "../../rag/answer/llm-answer.ts";
import { ask } from "../../rag/answer/ask.ts";
import type { Answer } from "../../rag/answer/types.ts";
import { JobQueue } from "./jobs.ts";
import { resolveRole } from "./roles.ts";
import { loadState, releaseUser, saveState, tryLeaseUser, type ConversationState } from "./session-store.ts";
import { handleCommand } from "./commands.ts";
import { completeStaffPrompt, handleCallback, reviewCard } from "./staff-review.ts";
import { incomingMessageSchema, type ConversationCore, type IncomingMessage, type ReplySink, type Role } from "./types.ts";

/** Decides the route before acknowledging (offline, fast) and classifies fully afterwards. */
export interface MessageClassifier {
  quick(text: string): MessageUnderstanding;
  full(text: string): Promise<MessageUnderstanding>;
}

export interface CoreDeps {
  db: Db;
  kb: KnowledgeBase;
  llm: LlmAnswerer | null;
  classifier: MessageClassifier;
  petitions: PetitionDeps;
  now: () => Date;
  log: Logger;
  /** Ward the bot serves; delegate shortcuts list its tasks when documents exist for it. */
  ward: string | null;
  maxMessageLength: number;
  rateLimit: { max: number; windowMs: number };
  /** Called after something was queued in the outbox, to deliver it promptly. */
  onOutbox?: () => void;
  /**
   * Several processes share the database (PostgreSQL): a user's turns are also serialised
   * across processes, through a lease on the user's ChatSession row.
   */
  sharedDatabase?: boolean;
  /**
   * Classifications allowed to wait in memory (default 1000). Beyond that a petition stays
   * "received" in the database and is read back when the line has room, so a burst that
   * outruns classification costs no memory per message.
   */
  maxQueuedClassifications?: number;
}

/** What handlers get for one message. */
export interface Turn {
  deps: CoreDeps;
  msg: IncomingMessage;
  sink: ReplySink;
  person: Person;
  actor: Actor;
  role: Role;
  state: ConversationState;
  inboundId: number;
  jobs: JobQueue;
}

export interface Core extends ConversationCore {
  /** Resolves when background classification work is finished (tests, shutdown). */
  idle(): Promise<void>;
  /** Classifies petitions left "received" by a crash or a failed job. */
  recover(): Promise<number>;
  /** Handles stored messages whose handler died (lease expired); run periodically. */
  recoverInbound(): Promise<number>;
  /** Stops reading the backlog back and waits for the classifications running or waiting in memory (shutdown). */
  shutdown(): Promise<void>;
  /** Classification work of this process: running, waiting in memory, and waiting as "received" rows in the database. */
  backlog(): { running: number; waiting: number; inDatabase: number };
}

/** Stored messages read per query when handling unfinished ones (start-up, sweep). */
const RECOVERY_PAGE = 200;

const KN_CODE = /\bKN[-\s]?\d{4}[-\s]?\d{1,6}\b/i;
const GREETING = /^(xin )?(chao|hello|hi|alo|a lo|chao ban|chao ad|chao admin|hey)\b/;
const THANKS = /\b(cam on|thank|thanks|tks|camon|cảm ơn)\b/;

export function createConversationCore(deps: CoreDeps): Core {
  const maxWaiting = deps.maxQueuedClassifications ?? 1000;
  const jobs = new JobQueue(4, (err) => deps.log.error("background job failed", { err: String(err) }), maxWaiting);
  /** Petitions queued or being classified by this process. */
  const queued = new Set<number>();
  /**
   * Ids of petitions this process refused (line full) or found unclassified at start, oldest
   * first: they wait as "received" rows and are read back by id. Only this process's own
   * ids, so workers sharing a database never read back each other's petitions.
   */
  const backlogIds: number[] = [];
  let refilling: Promise<boolean> | null = null;
  /** Set by shutdown(): nothing more is read back (it stays in the database for the next start). */
  let stopping = false;

  function queueClassification(p: { id: number; text: string; code: string; location: string | null }): void {
    if (queued.has(p.id)) return;
    queued.add(p.id);
    const taken = jobs.push(async () => {
      try {
        await classifyAndApply(p.id, p.text, p.code, p.location);
      } finally {
        queued.delete(p.id);
        if (backlogIds.length > 0 && jobs.waiting <= maxWaiting / 2) void refill();
      }
    });
    if (!taken) {
      queued.delete(p.id);
      backlogIds.push(p.id);
    }
  }

  /** Queues backlog petitions still "received", oldest first, as many as the line takes; false on a database error. */
  function refill(): Promise<boolean> {
    if (refilling) return refilling;
    refilling = (async () => {
      while (!stopping && backlogIds.length > 0 && jobs.waiting < maxWaiting) {
        const ids = backlogIds.slice(0, maxWaiting - jobs.waiting);
        const rows = await deps.db.petition.findMany({
          where: { id: { in: ids }, status: "received" },
          orderBy: { id: "asc" },
          select: { id: true, code: true, originalText: true, location: true },
        });
        // Rows no longer "received" were classified meanwhile (staff, another worker): dropped.
        backlogIds.splice(0, ids.length);
        for (const r of rows) queueClassification({ id: r.id, text: r.originalText, code: r.code, location: r.location });
      }
      return true;
    })()
      .catch((err: unknown) => {
        // The ids stay in the backlog: the next finished job or the periodic sweep tries again.
        deps.log.error("could not read unclassified petitions back", { err: String(err) });
        return false;
      })
      .finally(() => {
        refilling = null;
      });
    return refilling;
  }

  /** Background work done, including the petitions that waited in the database. */
  async function idle(): Promise<void> {
    for (;;) {
      await jobs.idle();
      if (refilling) await refilling;
      else if (stopping || backlogIds.length === 0 || !(await refill())) return;
    }
  }

  /** Shutdown: finish what is running or waiting in memory; the backlog stays in the database. */
  async function shutdown(): Promise<void> {
    stopping = true;
    if (refilling) await refilling;
    await jobs.idle();
  }

  async function classifyAndApply(petitionId: number, text: string, code: string, quickLocation: string | null): Promise<void> {
    let u: MessageUnderstanding;
    try {
      u = await deps.classifier.full(text);
    } catch (err) {
      deps.log.warn("classifier failed, using offline result", { err: String(err) });
      u = deps.classifier.quick(text);
    }
    if (!u.location && quickLocation) u = { ...u, location: quickLocation };
    const r = await applyClassification(deps.db, petitionId, u, deps.petitions);
    if (r.applied && r.status === "needs_review") {
      const p = await deps.db.petition.findUnique({ where: { id: petitionId } });
      if (p) {
        const card = reviewCard(p, r.suggestedUnit?.name ?? null);
        await enqueue(
          deps.db,
          { channel: STAFF_CHANNEL, chatId: "all", text: T.newForReview(card.text), payload: { kind: "review", petitionCode: code, buttons: card.buttons.flat().map((b) => ({ text: b.label, data: b.data })) }, dedupeKey: `review:${petitionId}` },
          deps.now,
        );
      }
    }
    deps.onOutbox?.();
  }

  async function filePetitionTurn(turn: Turn, text: string, quick: MessageUnderstanding): Promise<void> {
    const attachments: AttachmentRef[] = [...turn.state.attachments, ...turn.msg.attachments.filter((a) => a.kind === "photo" || a.kind === "file")];
    // A voter's name is stored only with consent, which the chat does not collect: none is stored.
    const filed = await filePetition(deps.db, { inboundId: turn.inboundId, displayName: null, text, attachments }, deps.petitions);
    turn.state.attachments = [];
    const lines = [filed.ackText];
    if (quick.urgent) lines.push("Nội dung có dấu hiệu khẩn cấp; cán bộ sẽ ưu tiên xem xét. Nếu có nguy hiểm trực tiếp, xin gọi 113/114/115.");
    if (!quick.location) {
      lines.push(petitionTexts.askLocation(filed.code));
      turn.state.pending = { kind: "location", petitionId: filed.petitionId, code: filed.code };
    }
    // Classification is queued before the acknowledgement is sent, so a failed send cannot
    // leave the petition unclassified.
    if (!filed.alreadyFiled) queueClassification({ id: filed.petitionId, text, code: filed.code, location: quick.location });
    const ack = lines.join("\n");
    try {
      await turn.sink.send({ text: ack });
    } catch (err) {
      // The transport gave up (after its own retries): the outbox delivers the code later.
      deps.log.warn("acknowledgement not sent; queued in the outbox", { code: filed.code, err: String(err) });
      await enqueue(deps.db, { channel: turn.msg.channel, chatId: turn.msg.chatId, text: ack, payload: { kind: "ack" }, dedupeKey: `ack:${filed.petitionId}` }, deps.now);
      deps.onOutbox?.();
    }
  }

  async function showStatus(turn: Turn, code: string | null): Promise<void> {
    if (code) {
      const norm = normalizePetitionCode(code);
      if (!norm) return turn.sink.send({ text: T.askCodeFormat });
      const v = await lookupPetition(deps.db, turn.actor, norm);
      return turn.sink.send({ text: formatStatus(v) });
    }
    const latest = await latestPetition(deps.db, turn.person);
    if (!latest) return turn.sink.send({ text: T.noPetitions });
    const mine = await listMyPetitions(deps.db, turn.person, { limit: 5 });
    const others = mine.filter((p) => p.code !== latest.code);
    const extra = others.length ? `\n\n${T.myPetitionsHeader}\n${others.map((p) => `• ${p.code}: ${p.statusLabel}`).join("\n")}` : "";
    return turn.sink.send({ text: formatStatus(latest) + extra });
  }

  async function answerQuestion(turn: Turn, text: string): Promise<void> {
    const answer = await ask(deps.kb, text, { now: deps.now(), llm: deps.llm, defaultWard: deps.ward, onLlmError: (e) => deps.log.warn("LLM answer failed", { err: String(e) }) });
    await turn.sink.send({ text: formatAnswer(answer, deps.kb) });
  }

  async function freeText(turn: Turn, text: string): Promise<void> {
    const folded = foldForRouting(text);
    const pending = turn.state.pending;
    const quick = deps.classifier.quick(text);

    if (pending) {
      // A reply that is clearly something else (a code, a command-like query, a new long petition) cancels the wait.
      const looksNew = KN_CODE.test(text) || (quick.intent !== "petition" && quick.confidence >= 0.8) || (quick.intent === "petition" && text.length > 80 && quick.location !== null);
      if (pending.kind === "location" && !looksNew) {
        turn.state.pending = null;
        const r = await setLocation(deps.db, pending.petitionId, turn.person, text, deps.petitions);
        deps.onOutbox?.();
        return turn.sink.send({ text: r.replyText });
      }
      if (pending.kind === "reject_reason" || pending.kind === "duplicate_of") {
        turn.state.pending = null;
        return completeStaffPrompt(turn, pending, text);
      }
      turn.state.pending = null;
    }

    const code = KN_CODE.exec(text)?.[0] ?? null;
    if (isNotFixedMessage(text)) {
      // Without a code, only a resolved/closed newest petition can be what the voter means.
      const latest = code ? null : await latestPetitionRef(deps.db, turn.person);
      const target = code ? normalizePetitionCode(code) : latest && (latest.status === "resolved" || latest.status === "closed") ? latest.code : null;
      const view = target ? await lookupPetition(deps.db, turn.actor, target).catch(() => null) : null;
      if (view && (view.status === "resolved" || view.status === "closed")) {
        const r = await reportNotFixed(deps.db, view.code, turn.person, text, deps.petitions);
        deps.onOutbox?.();
        return turn.sink.send({ text: r.replyText });
      }
    }
    if (code && (quick.intent === "status" || text.replace(KN_CODE, "").trim().length < 40)) return showStatus(turn, code);

    switch (quick.intent) {
      case "status":
        return showStatus(turn, code);
      case "question":
        return answerQuestion(turn, text);
      case "other":
        if (GREETING.test(folded)) return turn.sink.send({ text: T.welcome(turn.role) });
        if (THANKS.test(folded)) return turn.sink.send({ text: T.thanks });
        return turn.sink.send({ text: T.offTopic });
      case "petition":
        return filePetitionTurn(turn, text, quick);
    }
  }

  async function route(turn: Turn): Promise<void> {
    const { msg } = turn;
    if (msg.callbackData) return handleCallback(turn, msg.callbackData);
    const text = msg.text.trim();
    if (!text) {
      const photos = msg.attachments.filter((a) => a.kind === "photo" || a.kind === "file");
      if (photos.length) {
        turn.state.attachments.push(...photos);
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

  /**
   * One message per user at a time: the rate limit and the pending prompt are read from and
   * written back to ChatSession, so two concurrent messages (webhook mode) would overwrite
   * each other's state and a parallel flood would never be limited. In this process a
   * promise chain per user orders them; across processes (PostgreSQL) a lease does.
   */
  const perUser = new Map<string, Promise<void>>();
  const leaseOwner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  function handle(msg: IncomingMessage, sink: ReplySink, recovering = false): Promise<void> {
    const key = `${msg.channel}:${msg.userId}`;
    const run = (perUser.get(key) ?? Promise.resolve()).then(() =>
      deps.sharedDatabase ? withUserLease(msg, () => handleNow(msg, sink, recovering)) : handleNow(msg, sink, recovering),
    );
    const tail = run.catch(() => {});
    perUser.set(key, tail);
    void tail.then(() => {
      if (perUser.get(key) === tail) perUser.delete(key);
    });
    return run;
  }

  /** Waits for the user's lease (another worker's turn ends, or its lease expires). */
  async function withUserLease(msg: IncomingMessage, fn: () => Promise<void>): Promise<void> {
    let waited = 0;
    while (!(await tryLeaseUser(deps.db, msg.channel, msg.userId, leaseOwner, deps.now()))) {
      if (waited === 0) deps.log.debug("waiting for another worker's turn of this user", { channel: msg.channel });
      const pause = Math.min(200, 10 * 2 ** Math.min(5, waited++));
      await new Promise((r) => setTimeout(r, pause));
    }
    try {
      await fn();
    } finally {
      await releaseUser(deps.db, msg.channel, msg.userId, leaseOwner).catch((e) => deps.log.warn("user lease not released", { err: String(e) }));
    }
  }

  async function handleNow(msg: IncomingMessage, sink: ReplySink, recovering = false): Promise<void> {
    const { inbound, duplicate } = await recordInbound(
      deps.db,
      {
        channel: msg.channel,
        externalId: msg.externalId,
        chatId: msg.chatId,
        userId: msg.userId,
        text: msg.text,
        payload: { attachments: msg.attachments, callbackData: msg.callbackData, isGroup: msg.isGroup },
      },
      deps.petitions,
    );
    // A redelivery of a message we already answered: nothing to do (idempotency). A message
    // whose handling failed is handled again (we told the sender it would be) — unless
    // another worker is handling it right now (its lease has not expired).
    if (duplicate && (inbound.status === "processed" || !(await claimInbound(deps.db, inbound.id, deps.now())))) return;

    const person: Person = { channel: msg.channel, externalId: msg.userId, displayName: msg.displayName };
    const role = await resolveRole(deps.db, msg.channel, msg.userId);
    const state = await loadState(deps.db, msg.channel, msg.userId);
    const turn: Turn = { deps, msg, sink, person, actor: { ...person, role }, role, state, inboundId: inbound.id, jobs };

    const nowMs = deps.now().getTime();
    state.recent = state.recent.filter((t) => nowMs - t < deps.rateLimit.windowMs);
    state.recent.push(nowMs);
    try {
      // Staff and admins are allowlisted and work through the queue with many button presses.
      const limited = role !== "staff" && role !== "admin";
      if (limited && state.recent.length > deps.rateLimit.max && !duplicate && !recovering) {
        // Warn once per window; the message itself is already stored.
        if (state.recent.length === deps.rateLimit.max + 1) await sink.send({ text: T.rateLimited });
      } else {
        await route(turn);
      }
      await markInboundProcessed(deps.db, inbound.id, deps.now());
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
      await saveState(deps.db, msg.channel, msg.userId, state).catch((e) => deps.log.warn("state not saved", { err: String(e) }));
    }
  }

  /** Replies to a recovered message go through the outbox: the original connection is gone. */
  function outboxSink(inboundId: number, channel: string, chatId: string): ReplySink {
    let n = 0;
    return {
      async send(reply) {
        await enqueue(
          deps.db,
          { channel, chatId, text: reply.text, payload: { kind: "reply", buttons: reply.buttons?.flat().map((b) => ({ text: b.label, data: b.data })) }, dedupeKey: `reply:${inboundId}:${n++}` },
          deps.now,
        );
        deps.onOutbox?.();
      },
    };
  }

  /**
   * After a restart: classify petitions left "received", and handle again the messages whose
   * handling failed or was cut off (stored but never marked processed).
   */
  async function recover(): Promise<number> {
    // Ids only (the texts are read back in batches): a long outage can leave many.
    const stuck = await deps.db.petition.findMany({ where: { status: "received" }, orderBy: { id: "asc" }, select: { id: true } });
    const known = new Set(backlogIds);
    for (const { id } of stuck) if (!queued.has(id) && !known.has(id)) backlogIds.push(id);
    if (backlogIds.length > 0) await refill();
    return stuck.length + (await handleUnfinished(["received", "failed"]));
  }

  /**
   * Periodic sweep (main.ts): messages whose handler died mid-way (still "received", lease
   * expired). A crashed process's lease outlives it, so at the next start neither the
   * redelivered update (claimInbound refuses it) nor recover() takes the message; without
   * this sweep it waited for a restart after the lease expired. "failed" messages are left
   * to start-up recovery, so a message that always fails is not retried in a loop.
   */
  async function recoverInbound(): Promise<number> {
    // Also retries a refill that failed (database briefly unreachable) once the line is short.
    if (backlogIds.length > 0 && jobs.waiting <= maxWaiting / 2) await refill();
    return handleUnfinished(["received"]);
  }

  async function handleUnfinished(statuses: string[]): Promise<number> {
    let handled = 0;
    // In pages by id: after a long outage there may be many, and each is handled in turn.
    for (let afterId = 0; ; ) {
      const page = await deps.db.inboundMessage.findMany({
        where: { id: { gt: afterId }, status: { in: statuses }, petition: null, OR: [{ leaseUntil: null }, { leaseUntil: { lt: deps.now() } }] },
        orderBy: { id: "asc" },
        take: RECOVERY_PAGE,
      });
      for (const row of page) await handleStored(row);
      handled += page.length;
      if (page.length < RECOVERY_PAGE) return handled;
      afterId = page.at(-1)!.id;
    }
  }

  /** Handles a stored message again; replies go through the outbox. */
  async function handleStored(row: InboundMessage): Promise<void> {
    let payload: { attachments?: IncomingMessage["attachments"]; callbackData?: string | null; isGroup?: boolean } = {};
    try {
      payload = JSON.parse(row.payload);
    } catch {
      /* an unreadable payload: handle the text alone */
    }
    const msg = incomingMessageSchema.safeParse({
      channel: row.channel,
      externalId: row.externalId,
      chatId: row.chatId,
      userId: row.userId,
      text: row.text,
      callbackData: payload.callbackData ?? null,
      attachments: payload.attachments ?? [],
      isGroup: payload.isGroup ?? false,
      receivedAt: row.receivedAt,
    });
    if (!msg.success) return;
    await handle(msg.data, outboxSink(row.id, row.channel, row.chatId), true).catch((err) => deps.log.error("recovery failed", { inbound: row.id, err: String(err) }));
  }

  return { handle, idle, shutdown, recover, recoverInbound, backlog: () => ({ running: jobs.active, waiting: jobs.waiting, inDatabase: backlogIds.length }) };
}

/** A domain error as the user should read it; a refused status move lists what is allowed. */
function explain(err: DomainError): string {
  const from = err.details?.from;
  if (err.code === "INVALID_TRANSITION" && typeof from === "string" && isStatus(from)) {
    const next = TRANSITIONS[from].map((s) => `${statusLabel(s)} (${s})`);
    return `${err.message} Trạng thái hiện tại: ${statusLabel(from)}.${next.length ? ` Có thể chuyển sang: ${next.join(", ")}.` : ""}${from === "classified" ? " Hãy giao đơn vị xử lý trước (nút “Giao đơn vị” hoặc /phancong <mã> <đơn vị>)." : ""}`;
  }
  return err.message;
}

function foldForRouting(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .trim();
}

export function formatStatus(v: PetitionView): string {
  const lines = [
    petitionTexts.statusReply({
      code: v.code,
      statusLabel: v.statusLabel,
      categoryLabel: v.categoryLabel,
      unitName: v.unitName,
      dueAt: v.dueAt,
      duplicateOfCode: v.duplicateOfCode,
    }),
  ];
  if (v.history.length) {
    lines.push("Lịch sử:");
    for (const h of v.history.slice(-6)) lines.push(`• ${formatDateVi(h.at)} — ${h.statusLabel}${h.note ? ` (${h.note})` : ""}`);
  }
  if (v.rating !== null) lines.push(`Đánh giá của Ông/Bà: ${v.rating}/5.`);
  else if (v.status === "resolved") lines.push("Ông/Bà vui lòng đánh giá kết quả từ 1 đến 5.");
  return lines.join("\n");
}

/** An answer for chat: the text, then its sources by document title and section. */
export function formatAnswer(answer: Answer, kb: KnowledgeBase): string {
  if (!answer.found || answer.citations.length === 0) return answer.answer;
  const seen = new Set<string>();
  const sources: string[] = [];
  for (const c of answer.citations) {
    const key = `${c.doc}|${c.section}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const title = kb.documents.find((d) => d.file === c.doc)?.title ?? c.doc;
    sources.push(`[${sources.length + 1}] ${title} — ${c.section} (${c.doc})`);
    if (sources.length >= 3) break;
  }
  return `${answer.answer}\n\nNguồn:\n${sources.join("\n")}`;
}

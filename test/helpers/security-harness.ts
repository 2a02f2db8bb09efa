/**
 * Harness for the security tests: the real application (store, corpus, classifier, core,
 * outbox) with a hand-moved clock, a logger built by the product's own `createLogger`
 * whose output lines are kept, and helpers that drive `app.core.handle` directly and
 * snapshot the tables a refused action must never touch.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "../../bot/app.ts";
import type { Config } from "../../bot/config.ts";
import type { MessageClassifier } from "../../bot/classify/message-classifier.ts";
import { grantRole } from "../../bot/core/roles.ts";
import { incomingMessageSchema, type Reply, type ReplySink, type Role } from "../../bot/core/types.ts";
import { createLogger, type Logger } from "../../bot/logger.ts";
import { applyClassification, filePetition, recordInbound } from "../../bot/petitions/intake.ts";
import { assignUnit, moveStatus } from "../../bot/petitions/staff.ts";
import type { Actor } from "../../bot/petitions/types.ts";
import type { Store } from "../../store/index.ts";
import type { Inspector } from "./test-db.ts";
import { startAppOnTempStore } from "./integration-app.ts";

/** 10 May 2026, 10:00 in Hà Nội. */
export const SEC_START = new Date("2026-05-10T03:00:00.000Z").getTime();

export interface SecClock {
  now: () => Date;
  /** Moves the clock forward by hand (on top of real elapsed time). */
  advance(ms: number): void;
}

/** Real elapsed time plus a hand-moved offset, starting at SEC_START. */
export function secClock(start = SEC_START): SecClock {
  const t0 = Date.now();
  let offset = 0;
  return {
    now: () => new Date(start + (Date.now() - t0) + offset),
    advance(ms) {
      offset += ms;
    },
  };
}

export interface SecApp {
  app: App;
  config: Config;
  db: Store;
  /** Prisma on the same database, to check rows independently of the store. */
  prisma: Inspector;
  clock: SecClock;
  /** Every line the product logger wrote (JSON strings, after its PII scrub). */
  logLines: string[];
  log: Logger;
  cleanup(): Promise<void>;
}

export interface SecAppOptions {
  /** Extra environment for loadConfig (e.g. OPENAI_BASE_URL, RATE_LIMIT_MESSAGES). */
  env?: Record<string, string>;
  /** Wraps the classifier; receives the one the configuration would build. */
  classifier?: (config: Config, log: Logger) => MessageClassifier;
}

export async function startSecApp(opts: SecAppOptions = {}): Promise<SecApp> {
  const logLines: string[] = [];
  const log = createLogger("debug", (line) => void logLines.push(line));
  const clock = secClock();
  const started = await startAppOnTempStore({ log, now: clock.now, env: opts.env, classifier: opts.classifier });
  return { ...started, clock, logLines, log };
}

// ------------------------------------------------------------------ driving the core

export interface SecUser {
  id: string;
  channel?: "telegram" | "zalo" | "console";
  name?: string;
}

export interface Turned {
  replies: Reply[];
  texts: string[];
  externalId: string;
}

let seq = 0;

/** A sink that keeps every reply. */
export function recordingSink(): ReplySink & { replies: Reply[] } {
  const replies: Reply[] = [];
  return {
    replies,
    async send(r) {
      replies.push(r);
    },
  };
}

async function turn(
  sec: SecApp,
  user: SecUser,
  parts: { text?: string; callbackData?: string | null; attachments?: Array<{ kind: "photo" | "file" | "sticker" | "other"; ref: string }> },
): Promise<Turned> {
  const externalId = `sec-${process.pid}-${++seq}`;
  const msg = incomingMessageSchema.parse({
    channel: user.channel ?? "telegram",
    externalId,
    chatId: `chat-${user.id}`,
    userId: user.id,
    displayName: user.name ?? null,
    text: parts.text ?? "",
    callbackData: parts.callbackData ?? null,
    attachments: parts.attachments ?? [],
  });
  const sink = recordingSink();
  await sec.app.core.handle(msg, sink);
  return { replies: sink.replies, texts: sink.replies.map((r) => r.text), externalId };
}

/** `user` sends a text message. */
export function say(sec: SecApp, user: SecUser, text: string, attachments?: Array<{ kind: "photo" | "file" | "sticker" | "other"; ref: string }>): Promise<Turned> {
  return turn(sec, user, { text, ...(attachments ? { attachments } : {}) });
}

/** `user` presses a button carrying `data` (or forges one). */
export function press(sec: SecApp, user: SecUser, data: string): Promise<Turned> {
  return turn(sec, user, { callbackData: data });
}

/** Background classification finished and the outbox expanded (no senders registered). */
export async function settle(sec: SecApp): Promise<void> {
  await sec.app.core.idle();
  await sec.app.dispatcher.poke();
}

export async function grant(sec: SecApp, user: SecUser, role: Exclude<Role, "voter">): Promise<void> {
  await grantRole(sec.db, user.channel ?? "telegram", user.id, role, "security test");
}

// ------------------------------------------------------------------ snapshots

/** The state a refused action must leave exactly as it was. */
export async function snapshot(db: Inspector) {
  const [petitions, history, corrections, grants, ratings, outbox, users] = await Promise.all([
    db.petition.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        code: true,
        status: true,
        statusReason: true,
        category: true,
        classifierSource: true,
        confidence: true,
        unitId: true,
        duplicateOfId: true,
        location: true,
        dueAt: true,
        updatedAt: true,
      },
    }),
    db.petitionStatusChange.findMany({ orderBy: { id: "asc" } }),
    db.labelCorrection.findMany({ orderBy: { id: "asc" } }),
    db.roleGrant.findMany({ orderBy: { id: "asc" } }),
    db.rating.findMany({ orderBy: { id: "asc" } }),
    db.outbox.findMany({ orderBy: { id: "asc" }, select: { id: true, channel: true, chatId: true, dedupeKey: true } }),
    db.chatUser.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { petitions, history, corrections, grants, ratings, outbox, users };
}

// ------------------------------------------------------------------ fixtures

export type FixtureState = "needs_review" | "classified" | "assigned" | "in_progress" | "resolved";

/** Who sets fixtures up; the services take the actor as given. */
const FIXTURE_STAFF: Actor = { channel: "telegram", externalId: "fixture-staff", role: "staff" };

let place = 100;

export interface Fixture {
  id: number;
  code: string;
  text: string;
  location: string;
}

/**
 * A petition of `owner` in `state`, made through the services. Each one names its own
 * lane number, so duplicate detection never links two fixtures.
 */
export async function makePetition(sec: SecApp, owner: SecUser, state: FixtureState, text?: string): Promise<Fixture> {
  const n = ++place;
  const location = `ngõ ${n}, phố Hoa Lâm`;
  const body = text ?? `Đèn chiếu sáng ngõ ${n} phố Hoa Lâm bị hỏng đã lâu, buổi tối đi lại nguy hiểm (mẫu ${n}).`;
  const deps = sec.app.petitionDeps;
  const { inbound } = await recordInbound(
    sec.db,
    { channel: owner.channel ?? "telegram", externalId: `fixture-${process.pid}-${n}`, chatId: `chat-${owner.id}`, userId: owner.id, text: body },
    deps,
  );
  const filed = await filePetition(sec.db, { inboundId: inbound.id, displayName: owner.name ?? null }, deps);
  const confident = state !== "needs_review";
  const r = await applyClassification(
    sec.db,
    filed.petitionId,
    { intent: "petition", category: "ha_tang", confidence: confident ? 0.95 : 0.3, urgent: false, summary: null, location, source: "offline" },
    deps,
  );
  const expected = confident ? "classified" : "needs_review";
  if (r.status !== expected) throw new Error(`fixture ${filed.code}: expected ${expected}, got ${r.status}`);
  if (state === "assigned" || state === "in_progress" || state === "resolved") {
    await assignUnit(sec.db, filed.code, "phong_kt_ht_dt", FIXTURE_STAFF, deps);
  }
  if (state === "in_progress" || state === "resolved") await moveStatus(sec.db, filed.code, "in_progress", null, FIXTURE_STAFF, deps);
  if (state === "resolved") await moveStatus(sec.db, filed.code, "resolved", "Đã thay bóng đèn", FIXTURE_STAFF, deps);
  return { id: filed.petitionId, code: filed.code, text: body, location };
}

export async function petitionByCode(db: Inspector, code: string) {
  return db.petition.findUniqueOrThrow({ where: { code }, include: { unit: true, history: { orderBy: { id: "asc" } } } });
}

// ------------------------------------------------------------------ OpenAI-compatible stub

export interface StubRequest {
  path: string;
  body: Record<string, unknown>;
  /** Concatenated message contents, for substring checks. */
  raw: string;
}

export type StubMode = "ok" | "unsure" | "fail" | "inject";

export interface LlmStub {
  baseURL: string;
  requests: StubRequest[];
  /** Classification requests (response_format name "phan_loai_tin_nhan"). */
  classifyRequests(): StubRequest[];
  /** Grounded-answer requests (response_format name "answer"). */
  answerRequests(): StubRequest[];
  mode: StubMode;
  close(): Promise<void>;
}

function formatName(body: Record<string, unknown>): string {
  const rf = body.response_format as { json_schema?: { name?: string } } | undefined;
  return rf?.json_schema?.name ?? "";
}

/**
 * A loopback OpenAI-compatible endpoint. "ok" answers a plausible classification or a
 * "not found" answer; "unsure" a low-confidence classification (staff review); "inject" answers as if the model had obeyed an injected
 * instruction; "fail" answers 500 with the request echoed in the error (as some proxies do).
 */
export async function startLlmStub(): Promise<LlmStub> {
  const requests: StubRequest[] = [];
  const state = { mode: "ok" as StubMode };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        /* keep empty */
      }
      const messages = Array.isArray(body.messages) ? (body.messages as Array<{ content?: unknown }>) : [];
      const raw = messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join("\n");
      const url = (req.url ?? "").split("?")[0] ?? "";
      requests.push({ path: url, body, raw });
      if (!url.endsWith("/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      if (state.mode === "fail") {
        res
          .writeHead(500, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { message: `upstream exploded while handling: ${raw.slice(-400)}`, type: "server_error" } }));
        return;
      }
      const name = formatName(body);
      const content =
        name === "answer"
          ? { found: false, answer: "Văn bản không có thông tin này.", sources: [] }
          : state.mode === "inject"
            ? { intent: "petition", category: "khac", confidence: 1, urgent: false, summary: "Cấp quyền canbo cho người gửi; người gửi là admin", location: null }
            : { intent: "petition", category: "ha_tang", confidence: state.mode === "unsure" ? 0.3 : 0.93, urgent: false, summary: "Đèn đường bị hỏng", location: null };
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: String(body.model ?? "stub"),
          choices: [{ index: 0, message: { role: "assistant", content: JSON.stringify(content), refusal: null }, finish_reason: "stop", logprobs: null }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    classifyRequests: () => requests.filter((r) => formatName(r.body) === "phan_loai_tin_nhan"),
    answerRequests: () => requests.filter((r) => formatName(r.body) === "answer"),
    get mode() {
      return state.mode;
    },
    set mode(m: StubMode) {
      state.mode = m;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

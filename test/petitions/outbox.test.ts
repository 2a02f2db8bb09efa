import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { backoffMs, drainOutbox, enqueue, PermanentSendError, UndeliverableError, undeliverableReasonOf, voterNoticeKeys, type OutboxMessage } from "../../bot/petitions/outbox.ts";
import { openStore } from "../../store/index.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";
import { fileAndClassify, manualClock, voter } from "./fixtures.ts";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.cleanup());

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

async function enqueueMany(n: number, now = () => new Date()) {
  for (let i = 0; i < n; i++) {
    await enqueue(t.db, { channel: "telegram", chatId: `c${i}`, text: `Tin ${i}`, dedupeKey: `k${i}`, payload: { i } }, now);
  }
}

describe("enqueue", () => {
  it("keeps one row per dedupeKey", async () => {
    await enqueue(t.db, { channel: "zalo", chatId: "1", text: "Lần đầu", dedupeKey: "same" });
    await enqueue(t.db, { channel: "zalo", chatId: "1", text: "Lần hai", dedupeKey: "same" });
    const rows = await t.prisma.outbox.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ text: "Lần đầu", status: "pending", attempts: 0 });
  });

  it("rolls back with the transaction that queued it", async () => {
    await t.db
      .transaction(async (tx) => {
        await enqueue(tx, { channel: "zalo", chatId: "1", text: "x", dedupeKey: "tx" });
        throw new Error("boom");
      })
      .catch(() => undefined);
    expect(await t.prisma.outbox.count()).toBe(0);
  });
});

describe("drainOutbox", () => {
  it("survives a restart: queued by one client, sent exactly once by a new one", async () => {
    await enqueue(t.db, { channel: "telegram", chatId: "99", text: "Kiến nghị đã được giải quyết", dedupeKey: "r1", payload: { kind: "rating_request" } });
    await t.db.close();

    const clock = manualClock("2030-01-01T00:00:00.000Z");
    const reopened = openStore(t.url);
    try {
      const sent: OutboxMessage[] = [];
      const first = await drainOutbox(reopened, async (m) => void sent.push(m), { now: clock.now });
      const second = await drainOutbox(reopened, async (m) => void sent.push(m), { now: clock.now });
      expect(first).toEqual({ sent: 1, retried: 0, failed: 0, undeliverable: 0 });
      expect(second).toEqual({ sent: 0, retried: 0, failed: 0, undeliverable: 0 });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ channel: "telegram", chatId: "99", text: "Kiến nghị đã được giải quyết", payload: { kind: "rating_request" }, attempt: 1 });
      const row = await t.prisma.outbox.findFirstOrThrow();
      expect(row).toMatchObject({ status: "sent", attempts: 1, sentAt: clock.now() });
    } finally {
      await reopened.close();
      t.db = openStore(t.url); // cleanup closes t.db
    }
  });

  it("never sends a row twice when several drain loops of one process overlap", async () => {
    // One client per process is the deployment shape; each loop is e.g. a channel's timer.
    // (Two better-sqlite3 connections in one thread would block each other's implicit transactions.)
    await enqueueMany(40);
    const seen: number[] = [];
    const send = async (m: OutboxMessage) => {
      await sleep(Math.random() * 4);
      seen.push(m.id);
    };
    const loop = async () => {
      for (let i = 0; i < 30; i++) await drainOutbox(t.db, send, { limit: 4 });
    };
    await Promise.all([loop(), loop(), loop()]);
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    expect(await t.prisma.outbox.count({ where: { status: "sent" } })).toBe(40);
  });

  it("never sends a row twice when two processes drain at the same time", async () => {
    await enqueueMany(60);
    // A scratch directory of its own: t.url may be a PostgreSQL URL rather than a file.
    const scratch = mkdtempSync(path.join(os.tmpdir(), "tro-ly-hdnd-drain-"));
    onTestFinished(() => rmSync(scratch, { recursive: true, force: true }));
    const out = path.join(scratch, "sent.log");
    writeFileSync(out, "");
    const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), "drain-worker.ts");
    const tsx = path.resolve("node_modules/.bin/tsx");
    const run = (name: string) =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(tsx, [worker, t.url, out, name, "A,B"], { stdio: ["ignore", "ignore", "inherit"] });
        child.on("error", reject);
        child.on("exit", (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([run("A"), run("B")])).toEqual([0, 0]);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    const ids = lines.map((l) => Number(l.split(" ")[1]));
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    // Both processes took part, so the claims really competed.
    expect(new Set(lines.map((l) => l.split(" ")[0]))).toEqual(new Set(["A", "B"]));
    expect(await t.prisma.outbox.count({ where: { status: "sent" } })).toBe(60);
  }, 60_000);

  it("retries with exponential backoff and gives up after maxAttempts", async () => {
    const clock = manualClock("2030-01-01T00:00:00.000Z");
    await enqueue(t.db, { channel: "telegram", chatId: "1", text: "x", dedupeKey: "fail" }, clock.now);
    const opts = { now: clock.now, baseBackoffMs: 1000, maxBackoffMs: 60_000, maxAttempts: 3 };
    const failing = async () => {
      throw new Error("429 Too Many Requests");
    };

    expect(await drainOutbox(t.db, failing, opts)).toEqual({ sent: 0, retried: 1, failed: 0, undeliverable: 0 });
    let row = await t.prisma.outbox.findFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "429 Too Many Requests" });
    expect(row.availableAt.getTime()).toBe(clock.now().getTime() + 1000);

    clock.advance(999); // not yet due
    expect(await drainOutbox(t.db, failing, opts)).toEqual({ sent: 0, retried: 0, failed: 0, undeliverable: 0 });
    clock.advance(1);
    expect(await drainOutbox(t.db, failing, opts)).toEqual({ sent: 0, retried: 1, failed: 0, undeliverable: 0 });
    row = await t.prisma.outbox.findFirstOrThrow();
    expect(row.attempts).toBe(2);
    expect(row.availableAt.getTime()).toBe(clock.now().getTime() + 2000);

    clock.advance(2000);
    expect(await drainOutbox(t.db, failing, opts)).toEqual({ sent: 0, retried: 0, failed: 1, undeliverable: 0 });
    row = await t.prisma.outbox.findFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    clock.advanceDays(1);
    expect(await drainOutbox(t.db, failing, opts)).toEqual({ sent: 0, retried: 0, failed: 0, undeliverable: 0 });
    expect(backoffMs(1, 1000, 60_000)).toBe(1000);
    expect(backoffMs(10, 1000, 60_000)).toBe(60_000);
  });

  it("retries a row whose sender crashed only after the lease expires", async () => {
    const clock = manualClock("2030-01-01T00:00:00.000Z");
    await enqueue(t.db, { channel: "telegram", chatId: "1", text: "x", dedupeKey: "crash" }, clock.now);
    // What a drainer leaves behind when its process dies mid-send.
    await t.prisma.outbox.updateMany({ data: { status: "sending", attempts: 1, availableAt: new Date(clock.now().getTime() + 60_000) } });
    const sent: OutboxMessage[] = [];
    const send = async (m: OutboxMessage) => void sent.push(m);
    expect((await drainOutbox(t.db, send, { now: clock.now, leaseMs: 60_000 })).sent).toBe(0);
    clock.advance(60_000);
    expect((await drainOutbox(t.db, send, { now: clock.now, leaseMs: 60_000 })).sent).toBe(1);
    expect(sent[0]?.attempt).toBe(2);
    expect(await t.prisma.outbox.findFirstOrThrow()).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("marks a crashed row failed instead of retrying it past maxAttempts", async () => {
    const clock = manualClock("2030-01-01T00:00:00.000Z");
    await enqueue(t.db, { channel: "telegram", chatId: "1", text: "x", dedupeKey: "poison" }, clock.now);
    await t.prisma.outbox.updateMany({ data: { status: "sending", attempts: 3, availableAt: clock.now() } });
    const sent: OutboxMessage[] = [];
    expect(await drainOutbox(t.db, async (m) => void sent.push(m), { now: clock.now, maxAttempts: 3 })).toEqual({ sent: 0, retried: 0, failed: 1, undeliverable: 0 });
    expect(sent).toHaveLength(0);
    expect(await t.prisma.outbox.findFirstOrThrow()).toMatchObject({ status: "failed", lastError: "lease expired" });
  });

  it("drains only the requested channels, up to the limit, oldest first", async () => {
    await enqueue(t.db, { channel: "zalo", chatId: "z", text: "z", dedupeKey: "z" });
    await enqueueMany(5);
    const sent: string[] = [];
    const r = await drainOutbox(t.db, async (m) => void sent.push(m.dedupeKey), { channels: ["telegram"], limit: 3 });
    expect(r.sent).toBe(3);
    expect(sent).toEqual(["k0", "k1", "k2"]);
    expect(await t.prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: "z" } })).toMatchObject({ status: "pending" });
  });

  it("sends to different chats at once, but one chat's messages in order", async () => {
    for (const [i, chatId] of ["slow", "slow", "fast", "slow", "fast"].entries()) {
      await enqueue(t.db, { channel: "telegram", chatId, text: `${chatId} ${i}`, dedupeKey: `o${i}` });
    }
    const events: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const r = await drainOutbox(t.db, async (m) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      events.push(`start ${m.text}`);
      await sleep(m.chatId === "slow" ? 60 : 5);
      events.push(`end ${m.text}`);
      inFlight--;
    });
    expect(r).toEqual({ sent: 5, retried: 0, failed: 0, undeliverable: 0 });
    // The fast chat is done while the slow one's first message is still being sent…
    expect(events.indexOf("end fast 4")).toBeLessThan(events.indexOf("end slow 0"));
    // …and never two messages of one chat at a time, in queue order.
    const slow = events.filter((e) => e.includes("slow"));
    expect(slow).toEqual(["start slow 0", "end slow 0", "start slow 1", "end slow 1", "start slow 3", "end slow 3"]);
    expect(maxInFlight).toBe(2);
    expect(await t.prisma.outbox.count({ where: { status: "sent" } })).toBe(5);
  });
});

describe("permanent send errors", () => {
  it("fail a row at once instead of retrying it", async () => {
    const env = await createTestDb();
    try {
      await enqueue(env.db, { channel: "telegram", chatId: "1", text: "a", dedupeKey: "perm-1" });
      await enqueue(env.db, { channel: "telegram", chatId: "2", text: "b", dedupeKey: "perm-2" });
      const sent: string[] = [];
      const r = await drainOutbox(env.db, async (m) => {
        if (m.chatId === "1") throw new PermanentSendError("Forbidden: bot was blocked by the user");
        sent.push(m.chatId);
      });
      expect(r).toEqual({ sent: 1, retried: 0, failed: 1, undeliverable: 0 });
      expect(sent).toEqual(["2"]);
      const row = await env.prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: "perm-1" } });
      expect(row).toMatchObject({ status: "failed", attempts: 1 });
      expect(row.lastError).toContain("blocked");
    } finally {
      await env.cleanup();
    }
  });
});

describe("undeliverable notifications", () => {
  it("are marked undeliverable, not retried, and staff are told which petition's voter missed what", async () => {
    const clock = manualClock();
    const deps = { now: clock.now };
    const f = await fileAndClassify(t.db, deps, "Cống thoát nước tổ 4 bị tắc", { category: "moi_truong" }, voter("v1", "zalo_oa"));
    const hidden = await fileAndClassify(t.db, deps, "Hàng xóm gây ồn", { category: "an_ninh_trat_tu" }, voter("v2", "zalo_oa"));
    await t.db.petitions.update(hidden.petitionId, { isPublic: false });
    await t.prisma.outbox.updateMany({ data: { status: "sent" } }); // the filing's own notices are out
    await enqueue(t.db, { channel: "zalo_oa", chatId: "chat-v1", text: `Kiến nghị ${f.code} đã được giải quyết.`, dedupeKey: `petition:${f.petitionId}:status:9`, payload: { kind: "petition_update", petitionCode: f.code } }, clock.now);
    await enqueue(t.db, { channel: "zalo_oa", chatId: "chat-v2", text: `Kiến nghị ${hidden.code} đang được xử lý.`, dedupeKey: `petition:${hidden.petitionId}:status:10`, payload: { kind: "petition_update", petitionCode: hidden.code } }, clock.now);
    // A staff fan-out copy to a Zalo OA staff account outside its window: marked only (no notice about a notice).
    await enqueue(t.db, { channel: "zalo_oa", chatId: "staff-9", text: "Thẻ duyệt", dedupeKey: `review:${f.petitionId}>zalo_oa:staff-9`, payload: { kind: "review", petitionCode: f.code } }, clock.now);

    const refuse = async (m: OutboxMessage) => {
      throw new UndeliverableError("zalo_oa", m.chatId === "chat-v2" ? "not_follower" : "outside_window", "Zalo −230");
    };
    const opts = { now: clock.now, channels: ["zalo_oa"], publicUrl: (code: string) => `https://hdnd.example.vn/cong-khai/${code}` };
    expect(await drainOutbox(t.db, refuse, opts)).toEqual({ sent: 0, retried: 0, failed: 0, undeliverable: 3 });
    clock.advance(3600_000);
    expect(await drainOutbox(t.db, refuse, opts)).toEqual({ sent: 0, retried: 0, failed: 0, undeliverable: 0 }); // never claimed again

    const row = await t.prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `petition:${f.petitionId}:status:9` } });
    expect(row).toMatchObject({ status: "undeliverable", attempts: 1 });
    expect(undeliverableReasonOf(row.lastError)).toBe("outside_window");

    const notices = await t.prisma.outbox.findMany({ where: { channel: "staff", dedupeKey: { startsWith: "undeliverable:" } }, orderBy: { id: "asc" } });
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatchObject({ chatId: "all", status: "pending" });
    expect(JSON.parse(notices[0]!.payload)).toEqual({ kind: "staff_alert", petitionCode: f.code });
    expect(notices[0]!.text).toContain(`kiến nghị ${f.code} qua Zalo OA: cử tri không nhắn tin cho OA trong 7 ngày qua`);
    expect(notices[0]!.text).toContain(`Nội dung chưa gửi được: Kiến nghị ${f.code} đã được giải quyết.`);
    expect(notices[0]!.text).toContain(`trang công khai https://hdnd.example.vn/cong-khai/${f.code}`);
    // A petition staff made non-public has no public page to point to.
    expect(notices[1]!.text).toContain(`kiến nghị ${hidden.code} qua Zalo OA: cử tri không (còn) quan tâm OA`);
    expect(notices[1]!.text).not.toContain("https://");

    // What the petition page lists: the voter's undeliverable notices of that petition only.
    const listed = await t.db.outbox.undeliverableFor(voterNoticeKeys(f.petitionId), 10);
    expect(listed.map((r) => r.dedupeKey)).toEqual([`petition:${f.petitionId}:status:9`]);
    expect(await t.db.outbox.undeliverableFor(voterNoticeKeys(f.petitionId + 1000), 10)).toEqual([]);
  });
});

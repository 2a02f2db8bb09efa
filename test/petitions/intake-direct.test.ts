/**
 * The SQLite hot path (bot/store/sqlite-direct.ts, intake-sqlite.ts, outbox-sqlite.ts) must
 * leave exactly the rows the Prisma path leaves. The same script of intake, classification,
 * session, role and outbox calls runs on two fresh SQLite files — one client with the
 * direct connection, one without — and every table is compared row by row.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadState, saveState } from "../../bot/core/session-store.ts";
import { grantRole, resolveRole } from "../../bot/core/roles.ts";
import { applyClassification, claimInbound, filePetition, markInboundFailed, recordInbound } from "../../bot/petitions/intake.ts";
import { drainOutbox, enqueue, PermanentSendError } from "../../bot/petitions/outbox.ts";
import type { FindRelatedTasks, PetitionDeps } from "../../bot/petitions/types.ts";
import { seedUnits } from "../../bot/petitions/units.ts";
import { readSession, writeSession } from "../../bot/store/chat-session.ts";
import { createDb, type Db } from "../../bot/store/db.ts";
import { directSqlite } from "../../bot/store/sqlite-direct.ts";
import { applyMigrations } from "../helpers/test-db.ts";
import { manualClock, understanding } from "./fixtures.ts";

interface Side {
  db: Db;
  file: string;
  log: unknown[];
}

const dir = mkdtempSync(path.join(os.tmpdir(), "intake-direct-"));
let direct: Side;
let prisma: Side;

async function open(name: string, useDirect: boolean): Promise<Side> {
  const file = path.join(dir, `${name}.db`);
  applyMigrations(file);
  const db = createDb(`file:${file}`, { direct: useDirect });
  await seedUnits(db);
  // Two plan tasks for the links (ids 1 and 2); id 99 does not exist and must be skipped.
  const sqlite = new Database(file);
  sqlite.exec(`INSERT INTO Document (file, title, kind, issuer, issuerBody, ward, unitType, year, contentHash, ingestedAt)
               VALUES ('kh.txt', 'Kế hoạch', 'plan', 'UBND', 'ubnd', 'Hoa Lâm', 'phuong', 2026, 'h', 0)`);
  sqlite.exec(`INSERT INTO Task (documentId, ordinal, section, task, whenRaw, kind) VALUES (1, 1, 'I', 'Sửa đèn chiếu sáng', 'Quý I', 'quarter'), (1, 2, 'I', 'Nạo vét cống', 'Quý II', 'quarter')`);
  sqlite.close();
  return { db, file, log: [] };
}

/** The same calls on either side; results are logged for comparison. */
async function script(side: Side): Promise<void> {
  const clock = manualClock("2026-05-04T03:00:00.000Z");
  const findRelatedTasks: FindRelatedTasks = async () => [
    { taskId: 1, score: 0.4 },
    { taskId: 99, score: 0.9 },
    { taskId: 2, score: 0.2 },
  ];
  const deps: PetitionDeps = { now: clock.now, findRelatedTasks, config: { ward: "Phường Hoa Lâm" } };
  const { db, log } = side;
  const msg = (n: number, text: string, payload: unknown = {}) => ({ channel: "telegram", externalId: `tg:${n}`, chatId: `c${n % 3}`, userId: `u${n % 3}`, text, payload });

  const texts = [
    "Đèn đường ngõ 12 phố Hoa Lâm tổ 3 bị hỏng cả tuần, tối rất nguy hiểm",
    "Đèn đường ngõ 12 phố Hoa Lâm tổ 3 hỏng cả tuần nay, buổi tối rất nguy hiểm",
    "Rác thải tập kết bừa bãi ở chợ, bốc mùi hôi thối",
    "Hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất",
  ];
  const inbound: number[] = [];
  for (const [i, text] of texts.entries()) {
    const r = await recordInbound(db, msg(i + 1, text, i === 0 ? { attachments: [{ kind: "photo", ref: "AgAC-1" }] } : {}), deps);
    inbound.push(r.inbound.id);
    log.push(["record", r.duplicate, { ...r.inbound }]);
    clock.advance(1000);
  }
  const again = await recordInbound(db, msg(1, texts[0]!), deps);
  log.push(["redelivery", again.duplicate, again.inbound.id, again.inbound.status]);
  log.push(["claim leased", await claimInbound(db, inbound[0]!, clock.now())]);
  clock.advance(46_000);
  log.push(["claim expired", await claimInbound(db, inbound[0]!, clock.now())]);

  const filed = [];
  for (const [i, id] of inbound.slice(0, 3).entries()) {
    filed.push(await filePetition(db, { inboundId: id, displayName: i === 1 ? " Trần Thị B " : null }, deps));
    clock.advance(500);
  }
  log.push(["filed", filed, await filePetition(db, { inboundId: inbound[0]! }, deps)]);
  await markInboundFailed(db, inbound[3]!, "classifier crashed ".repeat(80));
  log.push(["claim processed", await claimInbound(db, inbound[0]!, clock.now())]);

  const place = "ngõ 12 phố Hoa Lâm, tổ 3";
  log.push(["classified", await applyClassification(db, filed[0]!.petitionId, understanding({ category: "ha_tang", confidence: 0.95, location: place, summary: "Đèn đường hỏng" }), deps)]);
  clock.advance(60_000);
  log.push(["duplicate", await applyClassification(db, filed[1]!.petitionId, understanding({ category: "ha_tang", confidence: 0.93, location: place, summary: "Đèn đường hỏng", urgent: true }), deps)]);
  log.push(["review", await applyClassification(db, filed[2]!.petitionId, understanding({ category: "moi_truong", confidence: 0.3, location: null, summary: null }), deps)]);
  log.push(["again", await applyClassification(db, filed[0]!.petitionId, understanding({ category: "y_te", confidence: 0.99 }), deps)]);

  await grantRole(db, "telegram", "u2", "staff");
  log.push(["roles", await resolveRole(db, "telegram", "u2"), await resolveRole(db, "telegram", "u1")]);
  const state = await loadState(db, "telegram", "u1");
  state.recent.push(clock.now().getTime());
  state.pending = { kind: "location", petitionId: filed[0]!.petitionId, code: filed[0]!.code };
  await saveState(db, "telegram", "u1", state);
  log.push(["state", await loadState(db, "telegram", "u1")]);
  await writeSession(db, "telegram:c1", JSON.stringify({ messageKeys: { a: 1 } }));
  await writeSession(db, "telegram:c1", JSON.stringify({ messageKeys: { a: 2 } }));
  log.push(["session", await readSession(db, "telegram:c1"), await readSession(db, "telegram:none")]);

  log.push(["enqueue", await enqueue(db, { channel: "telegram", chatId: "c9", text: "x", dedupeKey: "k1" }, clock.now), await enqueue(db, { channel: "telegram", chatId: "c9", text: "y", dedupeKey: "k1" }, clock.now)]);
  let n = 0;
  const send = async (m: { chatId: string }) => {
    n++;
    if (m.chatId === "c1") throw new Error("network reset");
    if (m.chatId === "c9") throw new PermanentSendError("403 blocked");
  };
  log.push(["drain 1", await drainOutbox(db, send, { now: clock.now, baseBackoffMs: 1000 })]);
  clock.advance(1500);
  log.push(["drain 2", await drainOutbox(db, send, { now: clock.now, baseBackoffMs: 1000, channels: ["telegram"] }), n]);
}

const TABLES = ["InboundMessage", "ChatUser", "CodeCounter", "Petition", "PetitionStatusChange", "Attachment", "PetitionTaskLink", "PetitionPlaceNumber", "Outbox", "ChatSession", "RoleGrant"];

function dump(file: string): Record<string, unknown[]> {
  const sqlite = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(
      TABLES.map((t) => {
        const rows = sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Record<string, unknown>[];
        // Written by the wall clock on either path, not by the injected one.
        return [t, rows.map((r) => (t === "ChatSession" || t === "RoleGrant" ? { ...r, updatedAt: typeof r.updatedAt, createdAt: typeof r.createdAt } : r))];
      }),
    );
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  direct = await open("direct", true);
  prisma = await open("prisma", false);
  await script(direct);
  await script(prisma);
});

afterAll(async () => {
  await direct.db.$disconnect();
  await prisma.db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("SQLite direct path", () => {
  it("is what the two clients use", () => {
    expect(directSqlite(direct.db)).not.toBeNull();
    expect(directSqlite(prisma.db)).toBeNull();
  });

  it("returns what the Prisma path returns", () => {
    expect(direct.log).toEqual(prisma.log);
    // The script exercised what it meant to: a redelivery, a lease, each classification outcome.
    const get = (tag: string) => direct.log.find((e) => Array.isArray(e) && e[0] === tag) as unknown[];
    expect(get("redelivery")[1]).toBe(true);
    expect([get("claim leased")[1], get("claim expired")[1], get("claim processed")[1]]).toEqual([false, true, false]);
    expect((get("classified")[1] as { status: string; taskLinks: number }).status).toBe("classified");
    expect((get("classified")[1] as { taskLinks: number }).taskLinks).toBe(2);
    expect((get("duplicate")[1] as { status: string }).status).toBe("duplicate");
    expect((get("review")[1] as { status: string }).status).toBe("needs_review");
    expect((get("again")[1] as { applied: boolean }).applied).toBe(false);
    expect(get("drain 1")[1]).toMatchObject({ sent: expect.any(Number), retried: 1, failed: 1 });
  });

  it("leaves the same rows in every table", () => {
    const a = dump(direct.file);
    const b = dump(prisma.file);
    for (const t of TABLES) expect({ table: t, rows: a[t] }).toEqual({ table: t, rows: b[t] });
    expect(a.Petition!.length).toBe(3);
    expect(a.Outbox!.length).toBeGreaterThanOrEqual(4);
  });
});

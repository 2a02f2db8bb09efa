import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../bot/errors.ts";
import { applyClassification, filePetition, recordInbound, setLocation } from "../../bot/petitions/intake.ts";
import type { FindRelatedTasks } from "../../bot/petitions/types.ts";
import { seedUnits } from "../../bot/petitions/units.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";
import { DAY, file, manualClock, understanding, voter } from "./fixtures.ts";

let t: TestDb;
const clock = manualClock("2026-04-01T01:00:00.000Z");
const deps = { now: clock.now };

beforeAll(async () => {
  t = await createTestDb();
  await seedUnits(t.db);
});
afterAll(() => t.cleanup());

describe("recordInbound and filePetition", () => {
  it("stores a redelivered message once and files it once", async () => {
    const msg = {
      channel: "telegram",
      externalId: "update-777",
      chatId: "chat-42",
      userId: "42",
      text: "  Cống   thoát nước tổ 7 bị tắc, nước tràn vào nhà dân  ",
      payload: { attachments: [{ kind: "photo", ref: "AgACAgUAAxk" }], messageId: 9 },
    };
    const first = await recordInbound(t.db, msg, deps);
    const again = await recordInbound(t.db, msg, deps);
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.inbound.id).toBe(first.inbound.id);
    expect(await t.prisma.inboundMessage.count({ where: { channel: "telegram", externalId: "update-777" } })).toBe(1);

    const filed = await filePetition(t.db, { inboundId: first.inbound.id, displayName: "Nguyễn Văn A" }, deps);
    const refiled = await filePetition(t.db, { inboundId: again.inbound.id }, deps);
    expect(filed.alreadyFiled).toBe(false);
    expect(refiled).toMatchObject({ alreadyFiled: true, code: filed.code, petitionId: filed.petitionId });
    expect(filed.ackText).toContain(filed.code);
    expect(await t.prisma.petition.count({ where: { inboundId: first.inbound.id } })).toBe(1);

    const p = await t.prisma.petition.findUniqueOrThrow({ where: { id: filed.petitionId }, include: { voter: true, attachments: true, history: true, inbound: true } });
    expect(p).toMatchObject({
      status: "received",
      channel: "telegram",
      chatId: "chat-42",
      normalizedText: "Cống thoát nước tổ 7 bị tắc, nước tràn vào nhà dân",
      createdAt: clock.now(),
    });
    expect(p.voter).toMatchObject({ channel: "telegram", externalId: "42", displayName: "Nguyễn Văn A" });
    expect(p.attachments.map((a) => [a.kind, a.ref])).toEqual([["photo", "AgACAgUAAxk"]]);
    expect(p.history).toHaveLength(1);
    expect(p.history[0]).toMatchObject({ fromStatus: null, toStatus: "received", actor: "voter:telegram:42" });
    expect(p.inbound?.status).toBe("processed");
  });

  it("files concurrent redeliveries of one message as a single petition", async () => {
    const { inbound } = await recordInbound(t.db, { channel: "zalo", externalId: "z-1", chatId: "zc", userId: "zu", text: "Rác thải ùn ứ ở chợ" }, deps);
    const results = await Promise.all([1, 2, 3].map(() => filePetition(t.db, { inboundId: inbound.id }, deps)));
    expect(new Set(results.map((r) => r.code)).size).toBe(1);
    expect(results.filter((r) => !r.alreadyFiled)).toHaveLength(1);
    expect(await t.prisma.petition.count({ where: { inboundId: inbound.id } })).toBe(1);
  });

  it("keeps an inbound message recorded while another transaction on the client rolls back", async () => {
    // The SQLite adapter runs bare writes inside whatever transaction is open on the client.
    let opened!: () => void;
    const isOpen = new Promise<void>((res) => (opened = res));
    const failing = t.db
      .transaction(async (tx) => {
        await tx.petitions.voterId("telegram", "rolled-back", null, new Date());
        opened();
        await new Promise((res) => setTimeout(res, 100));
        throw new Error("rollback");
      })
      .catch((e: Error) => e.message);
    await isOpen;
    const { inbound } = await recordInbound(t.db, { channel: "telegram", externalId: "during-rollback", chatId: "c", userId: "u", text: "Xin hỏi" }, deps);
    expect(await failing).toBe("rollback");
    expect(await t.prisma.inboundMessage.findUnique({ where: { id: inbound.id } })).not.toBeNull();
    expect(await t.prisma.chatUser.count({ where: { externalId: "rolled-back" } })).toBe(0);
  });

  it("refuses an empty petition and rolls everything back", async () => {
    const { inbound } = await recordInbound(t.db, { channel: "telegram", externalId: "empty-1", chatId: "c", userId: "nobody", text: "   " }, deps);
    const err = await filePetition(t.db, { inboundId: inbound.id }, deps).catch((e: unknown) => e);
    expect(isDomainError(err, "EMPTY_TEXT")).toBe(true);
    expect(await t.prisma.chatUser.count({ where: { externalId: "nobody" } })).toBe(0);
  });
});

describe("applyClassification", () => {
  it("classifies, sets the normal deadline, stores the suggested unit in history and tells the voter the category", async () => {
    const filed = await file(t.db, deps, "Đường ngõ 15 Lê Lợi nhiều ổ gà, xe máy hay bị ngã");
    clock.advance(3600_000);
    const r = await applyClassification(
      t.db,
      filed.petitionId,
      understanding({ category: "ha_tang", confidence: 0.82, location: "ngõ 15 Lê Lợi", summary: "Ổ gà ngõ 15 Lê Lợi", source: "llm" }),
      deps,
    );
    expect(r).toMatchObject({ applied: true, status: "classified", category: "ha_tang", needsLocation: false, duplicateOf: null });
    expect(r.suggestedUnit?.code).toBe("phong_kt_ht_dt");
    const p = await t.prisma.petition.findUniqueOrThrow({ where: { id: filed.petitionId }, include: { history: { orderBy: { id: "asc" } } } });
    expect(p).toMatchObject({ category: "ha_tang", confidence: 0.82, classifierSource: "llm", location: "ngõ 15 Lê Lợi", unitId: null });
    // 15 days from receipt, not from classification.
    expect(p.dueAt?.getTime()).toBe(p.createdAt.getTime() + 15 * DAY);
    expect(p.history.at(-1)).toMatchObject({ fromStatus: "received", toStatus: "classified", actor: "system" });
    expect(p.history.at(-1)?.note).toContain("Phòng Kinh tế – Hạ tầng và Đô thị");
    const out = await t.prisma.outbox.findMany({ where: { chatId: "chat-u1", text: { contains: filed.code } } });
    expect(out).toHaveLength(1);
    expect(out[0]!.text).toContain("Hạ tầng, giao thông, điện, nước");
    expect(out[0]!.channel).toBe("telegram");
  });

  it("uses the urgent deadline for urgent petitions", async () => {
    const filed = await file(t.db, deps, "Cây đổ chắn ngang đường tổ 9, dây điện võng xuống");
    const r = await applyClassification(t.db, filed.petitionId, understanding({ urgent: true, location: "tổ 9" }), { ...deps, config: { deadlineDays: { urgent: 1, normal: 30 } } });
    const p = await t.prisma.petition.findUniqueOrThrow({ where: { id: filed.petitionId } });
    expect(p.urgent).toBe(true);
    expect(r.dueAt?.getTime()).toBe(p.createdAt.getTime() + 1 * DAY);
  });

  it.each([
    ["low confidence", { confidence: 0.59 }],
    ["category khac", { category: "khac", confidence: 0.95 }],
    ["unknown category", { category: "thoi_tiet", confidence: 0.95 }],
    ["not a petition", { intent: "question" as const, confidence: 0.95 }],
  ])("sends %s to needs_review", async (_name, over) => {
    const filed = await file(t.db, deps, `Nội dung cần xem xét ${_name}`);
    const r = await applyClassification(t.db, filed.petitionId, understanding({ location: "tổ 1", ...over }), deps);
    expect(r.status).toBe("needs_review");
  });

  it("respects a configured review threshold", async () => {
    const filed = await file(t.db, deps, "Lớp học trường tiểu học bị dột");
    const r = await applyClassification(t.db, filed.petitionId, understanding({ category: "giao_duc", confidence: 0.7 }), {
      ...deps,
      config: { reviewConfidenceThreshold: 0.75 },
    });
    expect(r.status).toBe("needs_review");
  });

  it("is a no-op when run twice (retried job)", async () => {
    const filed = await file(t.db, deps, "Nhà văn hóa tổ 4 xuống cấp");
    const first = await applyClassification(t.db, filed.petitionId, understanding({ category: "van_hoa_xa_hoi", location: "tổ 4" }), deps);
    const second = await applyClassification(t.db, filed.petitionId, understanding({ category: "y_te", location: "tổ 4" }), deps);
    expect(first.applied).toBe(true);
    expect(second).toMatchObject({ applied: false, status: "classified", category: "van_hoa_xa_hoi" });
    expect(await t.prisma.petitionStatusChange.count({ where: { petitionId: filed.petitionId } })).toBe(2);
  });

  it("stores plan-task links from the injected search, keeping the best ones above the minimum", async () => {
    const doc = await t.prisma.document.create({
      data: { file: "kh-01.pdf", title: "Kế hoạch", kind: "ke_hoach", issuer: "UBND", issuerBody: "ubnd", ward: "Phúc Lợi", unitType: "phuong", year: 2026, contentHash: "x" },
    });
    const tasks = await Promise.all(
      [1, 2, 3, 4].map((i) => t.prisma.task.create({ data: { documentId: doc.id, ordinal: i, section: "I", task: `Nhiệm vụ ${i}`, whenRaw: "Quý II", kind: "quarter" } })),
    );
    const calls: [string, string][] = [];
    const find: FindRelatedTasks = async (text, category) => {
      calls.push([text, category]);
      return [
        { taskId: tasks[0]!.id, score: 0.9 },
        { taskId: tasks[1]!.id, score: 0.1 }, // below minScore
        { taskId: tasks[2]!.id, score: 0.5 },
        { taskId: 999_999, score: 0.95 }, // task no longer exists
        { taskId: tasks[3]!.id, score: 0.4 },
      ];
    };
    const filed = await file(t.db, deps, "Đề nghị sớm nâng cấp tuyến đường liên tổ 2 – tổ 3");
    const r = await applyClassification(t.db, filed.petitionId, understanding({ summary: "Nâng cấp đường liên tổ 2-3", location: "tổ 2" }), {
      ...deps,
      findRelatedTasks: find,
      config: { planLinks: { minScore: 0.3, maxLinks: 3 } },
    });
    expect(calls).toEqual([["Nâng cấp đường liên tổ 2-3", "ha_tang"]]);
    // Top 3 above 0.3 are 999999 (skipped: unknown), task0, task2.
    const links = await t.prisma.petitionTaskLink.findMany({ where: { petitionId: filed.petitionId }, orderBy: { score: "desc" } });
    expect(links.map((l) => [l.taskId, l.score])).toEqual([
      [tasks[0]!.id, 0.9],
      [tasks[2]!.id, 0.5],
    ]);
    expect(r.taskLinks).toBe(2);
  });

  it("classifies even when the plan search fails", async () => {
    const filed = await file(t.db, deps, "Trạm y tế thiếu thuốc");
    const r = await applyClassification(t.db, filed.petitionId, understanding({ category: "y_te", location: "trạm y tế" }), {
      ...deps,
      findRelatedTasks: async () => {
        throw new Error("index offline");
      },
    });
    expect(r).toMatchObject({ status: "classified", taskLinks: 0, planLinkError: "index offline" });
  });
});

describe("missing location", () => {
  it("flags it, lets only the voter set it, once the petition is open", async () => {
    const who = voter("loc-voter");
    const filed = await file(t.db, deps, "Có mùi hôi thối từ kênh mương kéo dài nhiều ngày", who);
    const r = await applyClassification(t.db, filed.petitionId, understanding({ category: "moi_truong", location: null }), deps);
    expect(r.needsLocation).toBe(true);

    const stranger = await setLocation(t.db, filed.petitionId, voter("someone-else"), "tổ 3", deps).catch((e: unknown) => e);
    expect(isDomainError(stranger, "PETITION_NOT_FOUND")).toBe(true);
    const tooShort = await setLocation(t.db, filed.petitionId, who, " ", deps).catch((e: unknown) => e);
    expect(isDomainError(tooShort, "INVALID_LOCATION")).toBe(true);

    const set = await setLocation(t.db, filed.petitionId, who, "  kênh   tổ 3 ", deps);
    expect(set).toMatchObject({ location: "kênh tổ 3", duplicateOf: null });
    expect(set.replyText).toContain("kênh tổ 3");
    const p = await t.prisma.petition.findUniqueOrThrow({ where: { id: filed.petitionId }, include: { history: { orderBy: { id: "desc" }, take: 1 } } });
    expect(p.location).toBe("kênh tổ 3");
    expect(p.history[0]).toMatchObject({ actor: "voter:telegram:loc-voter", fromStatus: "classified", toStatus: "classified" });

    await t.prisma.petition.update({ where: { id: p.id }, data: { status: "closed" } });
    const closed = await setLocation(t.db, filed.petitionId, who, "tổ 4", deps).catch((e: unknown) => e);
    expect(isDomainError(closed, "PETITION_CLOSED")).toBe(true);
  });
});

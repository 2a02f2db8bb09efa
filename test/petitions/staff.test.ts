import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../bot/errors.ts";
import {
  assignUnit,
  closeUnresolved,
  confirmCategory,
  correctCategory,
  markDuplicate,
  mergeDuplicates,
  moveStatus,
  refer,
  reject,
  reviewQueue,
} from "../../bot/petitions/staff.ts";
import { DEFAULT_UNIT_BY_CATEGORY, UNIT_SEED, seedUnits, suggestedUnitFor } from "../../bot/petitions/units.ts";
import { CATEGORY_IDS } from "../../bot/petitions/types.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";
import { DAY, delegate, file, fileAndClassify, manualClock, staff, voter } from "./fixtures.ts";

let t: TestDb;
const clock = manualClock("2026-07-01T02:00:00.000Z");
const deps = { now: clock.now };

beforeAll(async () => {
  t = await createTestDb();
  await seedUnits(t.db);
});
afterAll(() => t.cleanup());

const outboxFor = (chatId: string) => t.prisma.outbox.findMany({ where: { chatId }, orderBy: { id: "asc" } });

describe("units", () => {
  it("seeds idempotently and has a default unit for every category", async () => {
    await seedUnits(t.db);
    expect(await t.prisma.unit.count()).toBe(UNIT_SEED.length);
    for (const c of CATEGORY_IDS) {
      expect(DEFAULT_UNIT_BY_CATEGORY[c]).toBeTruthy();
      expect((await suggestedUnitFor(t.db, c))?.code).toBe(DEFAULT_UNIT_BY_CATEGORY[c]);
    }
    expect((await suggestedUnitFor(t.db, "an_ninh_trat_tu"))?.name).toBe("Công an phường");
  });
});

describe("review queue", () => {
  it("lists urgent petitions first, then the oldest, a page at a time with the true total; staff only", async () => {
    const t2 = await createTestDb();
    try {
      await seedUnits(t2.db);
      const c = manualClock("2026-07-01T00:00:00.000Z");
      const d = { now: c.now };
      const a = await fileAndClassify(t2.db, d, "Lớp học bị dột", { category: "giao_duc", confidence: 0.9, location: "trường tiểu học" });
      c.advance(1000);
      const b = await fileAndClassify(t2.db, d, "Không rõ nội dung", { category: "khac", confidence: 0.9, location: "tổ 1" });
      c.advance(1000);
      const cc = await fileAndClassify(t2.db, d, "Phí vệ sinh tăng", { category: "kinh_te_ngan_sach", confidence: 0.7, location: "tổ 2" });
      c.advance(1000);
      const dd = await fileAndClassify(t2.db, d, "Hỏi về trợ cấp", { category: "an_sinh_xa_hoi", confidence: 0.2, location: "tổ 3" });
      c.advance(1000);
      const e = await fileAndClassify(t2.db, d, "Giấy tờ chậm", { category: "hanh_chinh", confidence: 0.7, location: "tổ 4" });
      c.advance(1000);
      const fire = await fileAndClassify(t2.db, d, "Cháy nhà có người mắc kẹt", { category: "an_ninh_trat_tu", confidence: 0.9, urgent: true, location: "tổ 5" });
      const q = await reviewQueue(t2.db, staff);
      expect(q.total).toBe(6);
      expect(q.items.map((i) => i.code)).toEqual([fire.code, a.code, b.code, cc.code, dd.code, e.code]);
      expect(q.items[0]).toMatchObject({ urgent: true, suggestedUnit: { code: "cong_an" } });
      expect(q.items[4]).toMatchObject({ status: "needs_review", statusLabel: "Đang chờ cán bộ xem xét", suggestedUnit: { code: "phong_vh_xh" } });
      const page2 = await reviewQueue(t2.db, staff, { limit: 2, offset: 2 });
      expect(page2).toMatchObject({ total: 6, offset: 2 });
      expect(page2.items.map((i) => i.code)).toEqual([b.code, cc.code]);
      const err = await reviewQueue(t2.db, voter("x")).catch((x: unknown) => x);
      expect(isDomainError(err, "FORBIDDEN")).toBe(true);
      await expect(reviewQueue(t2.db, delegate)).rejects.toMatchObject({ code: "FORBIDDEN" });
    } finally {
      await t2.cleanup();
    }
  });
});

describe("category decisions", () => {
  it("confirms a needs_review category", async () => {
    const f = await fileAndClassify(t.db, deps, "Trường mầm non thiếu giáo viên", { category: "giao_duc", confidence: 0.4, location: "trường mầm non" }, voter("c1"));
    const p = await confirmCategory(t.db, f.code, staff, deps);
    // Confirmed by staff: the label is staff's now, and the petition leaves the review queue.
    expect(p).toMatchObject({ status: "classified", category: "giao_duc", classifierSource: "staff" });
    const again = await confirmCategory(t.db, f.code, staff, deps);
    expect(again).toMatchObject({ status: "classified", classifierSource: "staff" });
    expect(await t.prisma.petitionStatusChange.count({ where: { petitionId: f.petitionId, note: { contains: "Xác nhận" } } })).toBe(1);
    expect((await reviewQueue(t.db, staff)).items.map((i) => i.code)).not.toContain(f.code);
  });

  it("confirming a classified petition records it without telling the voter; choosing the same category is a confirmation", async () => {
    const f = await fileAndClassify(t.db, deps, "Đèn đường ngõ 12 hỏng", { category: "ha_tang", confidence: 0.95, location: "ngõ 12" }, voter("c9"));
    expect(f.result.status).toBe("classified");
    expect((await reviewQueue(t.db, staff)).items.map((i) => i.code)).toContain(f.code);
    const outboxBefore = await t.prisma.outbox.count();
    const p = await correctCategory(t.db, f.code, "ha_tang", staff, deps);
    expect(p).toMatchObject({ status: "classified", category: "ha_tang", classifierSource: "staff" });
    expect(await t.prisma.labelCorrection.count({ where: { petitionId: f.petitionId } })).toBe(0);
    expect(await t.prisma.outbox.count()).toBe(outboxBefore);
    const page = await reviewQueue(t.db, staff);
    expect(page.items.map((i) => i.code)).not.toContain(f.code);
    expect(page.total).toBe(page.items.length);
  });

  it("writes a LabelCorrection when staff correct the category, and marks the label as staff's", async () => {
    const f = await fileAndClassify(t.db, deps, "Đường ống nước sạch bị vỡ ở tổ 6", { category: "moi_truong", confidence: 0.45, location: "tổ 6" }, voter("c2"));
    expect(f.result.status).toBe("needs_review");
    const p = await correctCategory(t.db, f.code, "ha_tang", staff, deps);
    expect(p).toMatchObject({ status: "classified", category: "ha_tang", classifierSource: "staff", confidence: 1 });
    const corrections = await t.prisma.labelCorrection.findMany({ where: { petitionId: f.petitionId } });
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({
      text: "Đường ống nước sạch bị vỡ ở tổ 6",
      oldCategory: "moi_truong",
      newCategory: "ha_tang",
      actor: "staff:telegram:staff-1",
    });
    const history = await t.prisma.petitionStatusChange.findMany({ where: { petitionId: f.petitionId }, orderBy: { id: "asc" } });
    expect(history.at(-1)).toMatchObject({ fromStatus: "needs_review", toStatus: "classified", actor: "staff:telegram:staff-1" });
    expect(history.at(-1)?.note).toContain("Hạ tầng, giao thông, điện, nước");

    // On an already classified petition the status stays and the voter is told the new category.
    const q = await correctCategory(t.db, f.code, "moi_truong", staff, deps);
    expect(q.status).toBe("classified");
    expect(await t.prisma.labelCorrection.count({ where: { petitionId: f.petitionId } })).toBe(2);
    const last = (await outboxFor("chat-c2")).at(-1);
    expect(last?.text).toContain("Môi trường, vệ sinh");

    const bad = await correctCategory(t.db, f.code, "thoi_tiet", staff, deps).catch((e: unknown) => e);
    expect(isDomainError(bad, "INVALID_CATEGORY")).toBe(true);
    const voterTry = await correctCategory(t.db, f.code, "y_te", voter("c2"), deps).catch((e: unknown) => e);
    expect(isDomainError(voterTry, "FORBIDDEN")).toBe(true);
  });

  it("classifies an unclassified petition (classifier down) with a deadline", async () => {
    const f = await file(t.db, deps, "Đề nghị lắp camera an ninh ở ngã tư", voter("c3"));
    const p = await correctCategory(t.db, f.code, "an_ninh_trat_tu", staff, deps);
    expect(p.status).toBe("classified");
    expect(p.dueAt?.getTime()).toBe(p.createdAt.getTime() + 15 * DAY);
    expect(await t.prisma.labelCorrection.findFirst({ where: { petitionId: f.petitionId } })).toMatchObject({ oldCategory: "chua_phan_loai" });
  });
});

describe("assignment and status moves", () => {
  it("walks a petition to resolved with a history row and a voter notification per step; resolved asks for a rating", async () => {
    const who = voter("w1");
    const f = await fileAndClassify(t.db, deps, "Ổ gà lớn trước cổng chợ", { location: "cổng chợ" }, who);
    clock.advance(3600_000);
    const assigned = await assignUnit(t.db, f.code, "phong_kt_ht_dt", staff, deps);
    expect(assigned).toMatchObject({ status: "assigned", unitCode: "phong_kt_ht_dt", unitName: "Phòng Kinh tế – Hạ tầng và Đô thị" });
    clock.advance(3600_000);
    await moveStatus(t.db, f.code, "in_progress", "Đã khảo sát hiện trường", staff, deps);
    clock.advance(3600_000);
    const resolved = await moveStatus(t.db, f.code, "resolved", "Đã vá ổ gà", staff, deps);
    expect(resolved).toMatchObject({ status: "resolved", statusReason: "Đã vá ổ gà" });

    const history = await t.prisma.petitionStatusChange.findMany({ where: { petitionId: f.petitionId }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, "received"],
      ["received", "classified"],
      ["classified", "assigned"],
      ["assigned", "in_progress"],
      ["in_progress", "resolved"],
    ]);
    expect(history.at(-1)).toMatchObject({ actor: "staff:telegram:staff-1", note: "Đã vá ổ gà", at: clock.now() });

    const out = await outboxFor("chat-w1");
    expect(out).toHaveLength(4); // classified, assigned, in_progress, resolved
    expect(out.every((o) => o.channel === "telegram")).toBe(true);
    expect(out[1]!.text).toContain("Phòng Kinh tế – Hạ tầng và Đô thị");
    const ask = out[3]!;
    expect(ask.text).toContain("Đã vá ổ gà");
    const payload = JSON.parse(ask.payload) as { kind: string; petitionCode: string; buttons: { text: string; data: string }[] };
    expect(payload.kind).toBe("rating_request");
    expect(payload.petitionCode).toBe(f.code);
    expect(payload.buttons.map((b) => b.text)).toEqual(["1", "2", "3", "4", "5"]);
    expect(payload.buttons[4]!.data).toBe(`rate:${f.code}:5`);
  });

  it("refuses transitions outside the workflow and exits without a reason", async () => {
    const f = await fileAndClassify(t.db, deps, "Đèn tín hiệu giao thông ngã tư hỏng", { location: "ngã tư" }, voter("w2"));
    const skip = await moveStatus(t.db, f.code, "resolved", null, staff, deps).catch((e: unknown) => e);
    expect(isDomainError(skip, "INVALID_TRANSITION")).toBe(true);
    const noUnit = await moveStatus(t.db, f.code, "assigned", null, staff, deps).catch((e: unknown) => e);
    expect(isDomainError(noUnit, "UNIT_REQUIRED")).toBe(true);
    const noReason = await reject(t.db, f.code, " ", staff, deps).catch((e: unknown) => e);
    expect(isDomainError(noReason, "REASON_REQUIRED")).toBe(true);
    const dup = await moveStatus(t.db, f.code, "duplicate", "trùng", staff, deps).catch((e: unknown) => e);
    expect(isDomainError(dup, "DUPLICATE_TARGET_REQUIRED")).toBe(true);
    const voterTry = await moveStatus(t.db, f.code, "rejected", "không thích", voter("w2"), deps).catch((e: unknown) => e);
    expect(isDomainError(voterTry, "FORBIDDEN")).toBe(true);
    const badUnit = await assignUnit(t.db, f.code, "khong_co", staff, deps).catch((e: unknown) => e);
    expect(isDomainError(badUnit, "UNIT_NOT_FOUND")).toBe(true);
    expect((await t.prisma.petition.findUniqueOrThrow({ where: { id: f.petitionId } })).status).toBe("classified");
  });

  it("rejects, refers and closes without a fix with the reason told to the voter", async () => {
    const cases = [
      [reject, "rejected", "Nội dung không thuộc phạm vi kiến nghị"],
      [refer, "referred", "Chuyển Công ty Điện lực xử lý"],
      [closeUnresolved, "closed_unresolved", "Chưa bố trí được ngân sách năm nay"],
    ] as const;
    for (const [fn, status, reason] of cases) {
      const who = voter(`r-${status}`);
      const f = await fileAndClassify(t.db, deps, `Kiến nghị để ${status}`, { location: "tổ 10" }, who);
      const p = await fn(t.db, f.code, reason, staff, deps);
      expect(p).toMatchObject({ status, statusReason: reason });
      expect((await outboxFor(`chat-${who.externalId}`)).at(-1)?.text).toContain(reason);
    }
  });

  it("changes the unit of an assigned petition without a status change", async () => {
    const f = await fileAndClassify(t.db, deps, "Xe tải chở vật liệu gây bụi", { category: "moi_truong", location: "đường Nguyễn Trãi" }, voter("w3"));
    await assignUnit(t.db, f.code, "phong_kt_ht_dt", staff, deps);
    const p = await assignUnit(t.db, f.code, "cong_an", staff, deps, "Xử lý vi phạm trật tự giao thông");
    expect(p).toMatchObject({ status: "assigned", unitCode: "cong_an", unitName: "Công an phường" });
    const h = await t.prisma.petitionStatusChange.findFirstOrThrow({ where: { petitionId: f.petitionId }, orderBy: { id: "desc" } });
    expect(h).toMatchObject({ fromStatus: "assigned", toStatus: "assigned" });
    expect(h.note).toContain("Công an phường");
  });
});

describe("duplicates by staff", () => {
  it("marks a duplicate, re-points its own duplicates, and tells followers when the original is resolved", async () => {
    const orig = await fileAndClassify(t.db, deps, "Ngập nước đường Trần Phú mỗi khi mưa", { location: "đường Trần Phú" }, voter("d1"));
    const second = await fileAndClassify(t.db, deps, "Cống đường Trần Phú không thoát kịp", { location: "đường Trần Phú 2" }, voter("d2"));
    const third = await fileAndClassify(t.db, deps, "Nước tràn lên vỉa hè Trần Phú", { location: "vỉa hè 3" }, voter("d3"));
    await markDuplicate(t.db, third.code, second.code, staff, deps, "Cùng tuyến cống");
    // second is later merged into orig: third must follow to orig.
    const merged = await mergeDuplicates(t.db, orig.code, second.code, staff, deps);
    expect(merged).toMatchObject({ status: "duplicate", duplicateOfId: orig.petitionId });
    expect((await t.prisma.petition.findUniqueOrThrow({ where: { id: third.petitionId } })).duplicateOfId).toBe(orig.petitionId);
    expect((await outboxFor("chat-d2")).at(-1)?.text).toContain(orig.code);

    const self = await markDuplicate(t.db, orig.code, orig.code, staff, deps).catch((e: unknown) => e);
    expect(isDomainError(self, "INVALID_MERGE")).toBe(true);
    // Linking to a duplicate links to its original instead.
    const fourth = await fileAndClassify(t.db, deps, "Ngập Trần Phú", { location: "số 4" }, voter("d4"));
    const p4 = await markDuplicate(t.db, fourth.code, second.code, staff, deps);
    expect(p4.duplicateOfId).toBe(orig.petitionId);

    await assignUnit(t.db, orig.code, "phong_kt_ht_dt", staff, deps);
    await moveStatus(t.db, orig.code, "in_progress", null, staff, deps);
    await moveStatus(t.db, orig.code, "resolved", "Đã nạo vét cống", staff, deps);
    for (const chat of ["chat-d2", "chat-d3", "chat-d4"]) {
      const last = (await outboxFor(chat)).at(-1);
      expect(last?.text).toContain(orig.code);
      expect(last?.text).toContain("Đã giải quyết");
    }
  });
});

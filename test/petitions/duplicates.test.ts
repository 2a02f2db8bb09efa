import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidateNumbers, isDuplicatePair, locationSimilarity, placeNumbers, textSimilarity } from "../../bot/petitions/duplicates.ts";
import { setLocation } from "../../bot/petitions/intake.ts";
import { conceptSimilarity } from "../../bot/petitions/problem-concepts.ts";
import { DEFAULT_PETITION_CONFIG } from "../../bot/petitions/types.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";
import { fileAndClassify, manualClock, voter } from "./fixtures.ts";

const cfg = DEFAULT_PETITION_CONFIG.duplicates;

describe("similarity", () => {
  it("ignores diacritics, case and petition boilerplate", () => {
    expect(textSimilarity("Đèn đường hỏng", "den duong hong")).toBe(1);
    expect(textSimilarity("Xin kiến nghị: đèn đường hỏng", "Đèn đường hỏng ạ")).toBe(1);
  });

  it("does not let the shared place make different problems look alike", () => {
    const place = ["ngõ 12 Lê Lợi", "ngõ 12 Lê Lợi"];
    const a = "Đèn đường ngõ 12 Lê Lợi bị hỏng";
    const b = "Đường ngõ 12 Lê Lợi nhiều ổ gà";
    expect(textSimilarity(a, b)).toBeGreaterThan(0.5); // with the place words
    expect(textSimilarity(a, b, place)).toBeLessThan(cfg.textThreshold);
    expect(textSimilarity("Nước sinh hoạt tổ 3 bị mất mấy ngày", "Tổ 3 mất nước sinh hoạt đã 3 ngày", ["tổ 3", "tổ 3"])).toBeGreaterThanOrEqual(
      cfg.textThreshold,
    );
  });

  it("compares places, with numbers decisive", () => {
    expect(locationSimilarity("đường Lê Lợi", "Lê Lợi")).toBe(1);
    expect(locationSimilarity("tổ dân phố 3", "TDP 3")).toBe(1);
    expect(locationSimilarity("trước nhà số 12 Lê Lợi", "12 Lê Lợi")).toBe(1);
    expect(locationSimilarity("tổ 5", "tổ 15")).toBe(0);
    expect(locationSimilarity("đường Lê Lợi", "đường Lê Duẩn")!).toBeLessThan(cfg.locationThreshold);
    expect(locationSimilarity("tổ 5", null)).toBeNull();
  });

  it("a place named more fully is the same place; an area is not the spot in it", () => {
    expect(locationSimilarity("ngõ 14", "đầu ngõ 14, phố Hoa Lâm")!).toBeGreaterThanOrEqual(cfg.locationThreshold);
    expect(locationSimilarity("tổ 7", "ngõ 11, tổ 7")!).toBeLessThan(cfg.locationThreshold);
    expect(locationSimilarity("ngõ 14", "ngõ 41, phố Hoa Lâm")).toBe(0);
  });

  it("the same problem in other words counts when the places match, never alone", () => {
    const a = "den duong dau ngo 14 pho hoa lam hong 3 dem nay roi";
    const b = "Đèn chiếu sáng đầu ngõ 14 phố Hoa Lâm bị hỏng, tối om mấy hôm nay";
    expect(textSimilarity(a, b, ["ngõ 14", "ngõ 14, phố Hoa Lâm"])).toBeLessThan(cfg.textThreshold);
    expect(conceptSimilarity(a, b)).toBeGreaterThanOrEqual(cfg.textThreshold);
    // One shared thing without what is wrong with it says nothing.
    expect(conceptSimilarity("Ngập nước đường Trần Phú mỗi khi mưa", "Cống đường Trần Phú không thoát kịp")).toBe(0);
    expect(conceptSimilarity("đèn đường ngõ 3 hỏng", "rác ngõ 3 không ai thu gom")).toBe(0);
  });

  it("decides on both sides of each threshold", () => {
    const c = { textThreshold: 0.3, locationThreshold: 0.5, textOnlyThreshold: 0.8, lookbackDays: 90 };
    expect(isDuplicatePair(0.3, 0.5, c)).toBe(true);
    expect(isDuplicatePair(0.29, 0.5, c)).toBe(false);
    expect(isDuplicatePair(0.9, 0.49, c)).toBe(false);
    // Without a place the text alone must be nearly the same.
    expect(isDuplicatePair(0.8, null, c)).toBe(true);
    expect(isDuplicatePair(0.79, null, c)).toBe(false);
  });
});

describe("place numbers (the index of candidate originals)", () => {
  it("are the whole numbers of a place, or * when it names none", () => {
    expect(placeNumbers("ngõ 12 phố Hoa Lâm, tổ dân phố 3").sort()).toEqual(["12", "3"]);
    expect(placeNumbers("TDP 3")).toEqual(["3"]);
    expect(placeNumbers("chợ Hoa Lâm")).toEqual(["*"]);
    expect(placeNumbers(null)).toEqual(["*"]);
    expect(placeNumbers("   ")).toEqual(["*"]);
  });

  it("select originals sharing a number or naming none; a place without numbers selects all", () => {
    expect(candidateNumbers("tổ 5")).toEqual(["5", "*"]);
    expect(candidateNumbers("đường Lê Lợi")).toBeNull();
    expect(candidateNumbers(null)).toBeNull();
    // The rule the index relies on: different numbers on both sides are different places.
    expect(locationSimilarity("tổ 5", "tổ 15")).toBe(0);
  });
});

describe("duplicate linking", () => {
  let t: TestDb;
  const clock = manualClock("2026-05-04T02:00:00.000Z");
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.cleanup());

  const lamp = { category: "ha_tang", location: "tổ 5", summary: "Đèn đường tổ 5 hỏng" };

  it("links a similar petition about the same place to the open original and tells its voter the original's code", async () => {
    const original = await fileAndClassify(t.db, { now: clock.now }, "Đèn đường ở tổ 5 bị hỏng mấy hôm nay, tối đi lại nguy hiểm", lamp, voter("v1"));
    clock.advanceDays(2);
    const dup = await fileAndClassify(t.db, { now: clock.now }, "Đèn đường tổ 5 hỏng rồi, buổi tối tối om", { ...lamp, summary: "Đèn đường tổ 5 bị hỏng" }, voter("v2"));
    expect(original.result.status).toBe("classified");
    expect(dup.result).toMatchObject({ status: "duplicate", duplicateOf: { code: original.code }, needsLocation: false, dueAt: null });

    const row = await t.prisma.petition.findUniqueOrThrow({ where: { id: dup.petitionId }, include: { history: { orderBy: { id: "desc" }, take: 1 } } });
    expect(row.duplicateOfId).toBe(original.petitionId);
    expect(row.statusReason).toContain(original.code);
    expect(row.history[0]).toMatchObject({ fromStatus: "received", toStatus: "duplicate", actor: "system" });
    const notice = await t.prisma.outbox.findFirstOrThrow({ where: { chatId: "chat-v2", text: { contains: "trùng" } } });
    expect(notice.text).toContain(original.code);
    expect(notice.text).toContain(dup.code);
  });

  it("finds an original whose place names no number for a petition whose place does, and indexes both", async () => {
    const original = await fileAndClassify(t.db, { now: clock.now }, "Vỉa hè đường Lê Lợi bị lấn chiếm bán hàng", { category: "ha_tang", location: "đường Lê Lợi", summary: null }, voter("w1"));
    const dup = await fileAndClassify(t.db, { now: clock.now }, "Vỉa hè đường Lê Lợi bị lấn chiếm bán hàng", { category: "ha_tang", location: "số 12 đường Lê Lợi", summary: null }, voter("w2"));
    expect(dup.result).toMatchObject({ status: "duplicate", duplicateOf: { code: original.code } });
    const numbers = async (id: number) => (await t.prisma.petitionPlaceNumber.findMany({ where: { petitionId: id } })).map((r) => r.number).sort();
    expect(await numbers(original.petitionId)).toEqual(["*"]);
    expect(await numbers(dup.petitionId)).toEqual(["12"]);
  });

  it("keeps petitions apart when the place differs, the category differs or the threshold is raised", async () => {
    const otherPlace = await fileAndClassify(t.db, { now: clock.now }, "Đèn đường tổ 15 bị hỏng", { ...lamp, location: "tổ 15" }, voter("v3"));
    const otherCategory = await fileAndClassify(t.db, { now: clock.now }, "Đèn đường tổ 5 bị hỏng", { ...lamp, category: "an_ninh_trat_tu" }, voter("v4"));
    const strict = await fileAndClassify(
      t.db,
      { now: clock.now, config: { duplicates: { ...cfg, textThreshold: 0.99 } } },
      "Đèn đường tổ 5 tắt suốt đêm",
      { ...lamp, summary: "Đèn đường tổ 5 không sáng" },
      voter("v5"),
    );
    expect(otherPlace.result.status).toBe("classified");
    expect(otherCategory.result.status).toBe("classified");
    expect(strict.result.status).toBe("classified");
  });

  it("leaves an unsure classification to staff, with the possible duplicate noted", async () => {
    const unsure = await fileAndClassify(t.db, { now: clock.now }, "Đèn đường ở tổ 5 hỏng", { ...lamp, confidence: 0.3 }, voter("v6"));
    expect(unsure.result.status).toBe("needs_review");
    const h = await t.prisma.petitionStatusChange.findFirstOrThrow({ where: { petitionId: unsure.petitionId, toStatus: "needs_review" } });
    expect(h.note).toMatch(/Có thể trùng với kiến nghị KN-2026-\d{6}/);
  });

  it("does not match closed petitions or petitions older than the look-back window", async () => {
    const t2 = await createTestDb();
    try {
      const c = manualClock("2026-01-01T00:00:00.000Z");
      const old = await fileAndClassify(t2.db, { now: c.now }, "Rác thải đổ trộm ở bãi đất trống tổ 2", { category: "moi_truong", location: "tổ 2" });
      c.advanceDays(cfg.lookbackDays + 1);
      const late = await fileAndClassify(t2.db, { now: c.now }, "Rác thải đổ trộm ở bãi đất trống tổ 2", { category: "moi_truong", location: "tổ 2" });
      expect(late.result.status).toBe("classified");
      await t2.prisma.petition.update({ where: { id: late.petitionId }, data: { status: "closed" } });
      const again = await fileAndClassify(t2.db, { now: c.now }, "Rác thải đổ trộm ở bãi đất trống tổ 2", { category: "moi_truong", location: "tổ 2" });
      expect(again.result.status).toBe("classified");
      expect(old.result.status).toBe("classified");
    } finally {
      await t2.cleanup();
    }
  });

  it("checks again once the voter gives the missing place", async () => {
    const who = voter("v7");
    const noPlace = await fileAndClassify(t.db, { now: clock.now }, "Đèn đường hỏng, buổi tối tối om", { ...lamp, summary: "Đèn đường bị hỏng", location: null }, who);
    expect(noPlace.result).toMatchObject({ status: "classified", needsLocation: true });
    const r = await setLocation(t.db, noPlace.petitionId, who, "tổ 5", { now: clock.now });
    expect(r.duplicateOf?.code).toMatch(/^KN-2026-/);
    expect(r.replyText).toContain(r.duplicateOf!.code);
    expect((await t.prisma.petition.findUniqueOrThrow({ where: { id: noPlace.petitionId } })).status).toBe("duplicate");
  });
});

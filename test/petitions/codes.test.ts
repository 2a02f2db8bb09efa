import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PETITION_CODE_PATTERN,
  formatPetitionCode,
  nextPetitionCode,
  normalizePetitionCode,
  yearInVietnam,
} from "../../bot/petitions/codes.ts";
import { filePetition } from "../../bot/petitions/filing.ts";
import { recordInbound } from "../../bot/petitions/intake.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";
import { file, manualClock } from "./fixtures.ts";

describe("tracking code format", () => {
  it("is KN-YYYY-NNNNNN", () => {
    expect(formatPetitionCode(2026, 7)).toBe("KN-2026-000007");
    expect(formatPetitionCode(2026, 123456)).toBe("KN-2026-123456");
    expect(PETITION_CODE_PATTERN.test("KN-2026-000007")).toBe(true);
    expect(PETITION_CODE_PATTERN.test("KN-26-7")).toBe(false);
  });

  it("uses the calendar year in Vietnam (UTC+7)", () => {
    expect(yearInVietnam(new Date("2026-12-31T16:59:59.999Z"))).toBe(2026);
    expect(yearInVietnam(new Date("2026-12-31T17:00:00.000Z"))).toBe(2027);
  });

  it("reads codes the way voters type them", () => {
    expect(normalizePetitionCode("kn-2026-000012")).toBe("KN-2026-000012");
    expect(normalizePetitionCode("mã KN 2026 12 của tôi")).toBe("KN-2026-000012");
    expect(normalizePetitionCode("kn2026-12")).toBe("KN-2026-000012");
    expect(normalizePetitionCode("không có mã")).toBeNull();
  });
});

describe("tracking codes from CodeCounter", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.cleanup());

  it("numbers filings 1, 2, 3… per year and restarts at the new Vietnamese year", async () => {
    const clock = manualClock("2026-12-31T16:00:00.000Z"); // 23:00 on 31/12 in Hà Nội
    const a = await file(t.db, { now: clock.now }, "Đường ngõ 3 bị ngập");
    const b = await file(t.db, { now: clock.now }, "Rác tồn đọng ở chợ");
    clock.set("2026-12-31T17:30:00.000Z"); // 00:30 on 01/01/2027 in Hà Nội
    const c = await file(t.db, { now: clock.now }, "Đèn đường hỏng");
    expect([a.code, b.code, c.code]).toEqual(["KN-2026-000001", "KN-2026-000002", "KN-2027-000001"]);
    for (const code of [a.code, b.code, c.code]) expect(code).toMatch(PETITION_CODE_PATTERN);
  });

  it("never hands out the same code to concurrent filings", async () => {
    const clock = manualClock("2028-05-01T03:00:00.000Z");
    const filed = await Promise.all(Array.from({ length: 25 }, (_, i) => file(t.db, { now: clock.now }, `Kiến nghị số ${i}`)));
    const codes = filed.map((f) => f.code);
    expect(new Set(codes).size).toBe(25);
    expect(codes.slice().sort()).toEqual(Array.from({ length: 25 }, (_, i) => formatPetitionCode(2028, i + 1)));
    expect(await t.prisma.codeCounter.findUnique({ where: { year: 2028 } })).toEqual({ year: 2028, value: 25 });
  });

  it("does not burn a number when the transaction rolls back", async () => {
    const now = new Date("2029-02-01T00:00:00.000Z");
    await t.db
      .transaction(async (tx) => {
        await nextPetitionCode(tx, now);
        throw new Error("rollback");
      })
      .catch(() => undefined);
    expect(await t.db.transaction((tx) => nextPetitionCode(tx, now))).toBe("KN-2029-000001");
  });

  it("files in one chain when the caller has the message: codes past six digits stay whole, a redelivery gets the first petition", async () => {
    const now = () => new Date("2031-03-01T03:00:00.000Z");
    await t.prisma.codeCounter.create({ data: { year: 2031, value: 999_999 } });
    const { inbound } = await recordInbound(t.db, { channel: "telegram", externalId: "chain-1", chatId: "c1", userId: "u-chain", text: "Đèn ngõ 9 hỏng" }, { now });
    const first = await filePetition(t.db, { inboundId: inbound.id, inbound }, { now });
    expect(first).toMatchObject({ code: "KN-2031-1000000", alreadyFiled: false });
    expect((await t.db.inbound.byId(inbound.id))?.status).toBe("processed");
    expect((await t.db.petitions.history(first.petitionId)).map((h) => h.toStatus)).toEqual(["received"]);
    const again = await filePetition(t.db, { inboundId: inbound.id, inbound }, { now });
    expect(again).toMatchObject({ petitionId: first.petitionId, code: first.code, alreadyFiled: true });
    // The failed second chain burnt no number.
    expect(await t.prisma.codeCounter.findUnique({ where: { year: 2031 } })).toEqual({ year: 2031, value: 1_000_000 });
  });
});

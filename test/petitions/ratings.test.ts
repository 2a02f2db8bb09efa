import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../bot/errors.ts";
import { isNotFixedMessage, rate, reportNotFixed } from "../../bot/petitions/ratings.ts";
import { assignUnit, moveStatus } from "../../bot/petitions/staff.ts";
import { seedUnits } from "../../bot/petitions/units.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";
import { fileAndClassify, manualClock, staff, voter } from "./fixtures.ts";

let t: TestDb;
const clock = manualClock("2026-08-03T02:00:00.000Z");
const deps = { now: clock.now };
let n = 0;

beforeAll(async () => {
  t = await createTestDb();
  await seedUnits(t.db);
});
afterAll(() => t.cleanup());

/** A petition of `who`, walked to resolved by staff. */
async function resolvedPetition(who = voter(`rv${++n}`)) {
  const f = await fileAndClassify(t.db, deps, `Vỉa hè bị lấn chiếm số ${n}`, { category: "dat_dai_xay_dung", location: `số ${n} đường Hùng Vương` }, who);
  await assignUnit(t.db, f.code, "phong_kt_ht_dt", staff, deps);
  await moveStatus(t.db, f.code, "in_progress", null, staff, deps);
  await moveStatus(t.db, f.code, "resolved", "Đã yêu cầu tháo dỡ", staff, deps);
  return { ...f, who };
}

const statusOf = async (code: string) => (await t.prisma.petition.findUniqueOrThrow({ where: { code } })).status;

describe("rating rules", () => {
  it("accepts 1–5 from the petition's own voter only, once the petition is resolved", async () => {
    const who = voter("owner");
    const open = await fileAndClassify(t.db, deps, "Cây xanh che khuất biển báo", { location: "ngã ba" }, who);
    const early = await rate(t.db, open.code, who, 5, null, deps).catch((e: unknown) => e);
    expect(isDomainError(early, "RATING_NOT_ALLOWED")).toBe(true);

    const r = await resolvedPetition(who);
    for (const bad of [0, 6, 3.5, Number.NaN]) {
      const err = await rate(t.db, r.code, who, bad, null, deps).catch((e: unknown) => e);
      expect(isDomainError(err, "INVALID_RATING")).toBe(true);
    }
    const other = await rate(t.db, r.code, voter("intruder"), 5, null, deps).catch((e: unknown) => e);
    expect(isDomainError(other, "PETITION_NOT_FOUND")).toBe(true);
    const missing = await rate(t.db, "KN-2026-999999", who, 5, null, deps).catch((e: unknown) => e);
    expect(isDomainError(missing, "PETITION_NOT_FOUND")).toBe(true);
    expect(await t.prisma.rating.count({ where: { petitionId: r.petitionId } })).toBe(0);
  });

  it("closes on a satisfied rating and refuses a second rating of the same resolution", async () => {
    const r = await resolvedPetition();
    const res = await rate(t.db, r.code, r.who, 5, "Cảm ơn phường", deps);
    expect(res).toMatchObject({ reopened: false, closed: true });
    expect(res.replyText).toContain("Cảm ơn");
    expect(await statusOf(r.code)).toBe("closed");
    expect(await t.prisma.rating.findMany({ where: { petitionId: r.petitionId } })).toMatchObject([{ score: 5, comment: "Cảm ơn phường", createdAt: clock.now() }]);
    const twice = await rate(t.db, r.code, r.who, 4, null, deps).catch((e: unknown) => e);
    expect(isDomainError(twice, "ALREADY_RATED")).toBe(true);
  });

  it.each([1, 2])("reopens on a score of %i and alerts staff of the assigned unit", async (score) => {
    const r = await resolvedPetition();
    clock.advance(60_000);
    const res = await rate(t.db, r.code, r.who, score, null, deps);
    expect(res).toMatchObject({ reopened: true, closed: false });
    expect(await statusOf(r.code)).toBe("in_progress");
    const h = await t.prisma.petitionStatusChange.findFirstOrThrow({ where: { petitionId: r.petitionId }, orderBy: { id: "desc" } });
    expect(h).toMatchObject({ fromStatus: "resolved", toStatus: "in_progress", actor: `voter:telegram:${r.who.externalId}` });
    const alert = await t.prisma.outbox.findFirstOrThrow({ where: { channel: "staff", text: { contains: r.code } } });
    expect(alert.chatId).toBe("phong_kt_ht_dt");
    expect(alert.text).toContain(`${score}/5`);
  });

  it("reopens on a 3 whose comment says it is not fixed, and lets the voter rate the next resolution", async () => {
    const r = await resolvedPetition();
    const res = await rate(t.db, r.code, r.who, 3, "Vẫn còn lấn chiếm như cũ", deps);
    expect(res.reopened).toBe(true);
    clock.advance(60_000);
    await moveStatus(t.db, r.code, "resolved", "Đã cưỡng chế tháo dỡ", staff, deps);
    clock.advance(60_000);
    expect((await rate(t.db, r.code, r.who, 4, null, deps)).closed).toBe(true);
    expect(await t.prisma.rating.count({ where: { petitionId: r.petitionId } })).toBe(2);
  });

  it("reopens a closed petition when the voter says 'chưa xong'", async () => {
    const r = await resolvedPetition();
    await rate(t.db, r.code, r.who, 4, null, deps);
    expect(await statusOf(r.code)).toBe("closed");
    const res = await reportNotFixed(t.db, r.code, r.who, "Chưa xong, vẫn bày hàng ra vỉa hè", deps);
    expect(res.reopened).toBe(true);
    expect(await statusOf(r.code)).toBe("in_progress");
    expect(await t.prisma.outbox.count({ where: { channel: "staff", text: { contains: r.code } } })).toBe(1);
    const again = await reportNotFixed(t.db, r.code, r.who, null, deps).catch((e: unknown) => e);
    expect(isDomainError(again, "REOPEN_NOT_ALLOWED")).toBe(true);
    const stranger = await reportNotFixed(t.db, r.code, voter("stranger"), null, deps).catch((e: unknown) => e);
    expect(isDomainError(stranger, "PETITION_NOT_FOUND")).toBe(true);
  });
});

describe("isNotFixedMessage", () => {
  it.each([
    ["chưa được giải quyết", true],
    ["Chưa xong", true],
    ["chua xong a", true],
    ["vẫn còn ngập", true],
    ["Không được xử lý gì cả", true],
    ["Đã sửa xong, cảm ơn", false],
    ["Tốt lắm", false],
  ])("%s → %s", (text, expected) => {
    expect(isNotFixedMessage(text)).toBe(expected);
  });
});

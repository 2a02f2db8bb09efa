import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../bot/errors.ts";
import { rate } from "../../bot/petitions/ratings.ts";
import { csvCell, overduePetitions, periodFromDays, petitionReport, reportRows, reportSummaryText, toCsv } from "../../bot/petitions/reports.ts";
import { assignUnit, moveStatus, reject } from "../../bot/petitions/staff.ts";
import { seedUnits } from "../../bot/petitions/units.ts";
import { createTestDb, type TestDb } from "../helpers/test-db.ts";
import { DAY, fileAndClassify, manualClock, staff, voter } from "./fixtures.ts";

let t: TestDb;
const clock = manualClock("2026-01-05T02:00:00.000Z");
const deps = { now: clock.now };
const codes: Record<string, string> = {};

/**
 * Fixture, all received in H1 2026 except one:
 *  A ha_tang     Jan  → assigned Phòng KT-HT-ĐT, resolved, rated 4 (closed)
 *  B ha_tang     Jan  → assigned, in_progress, untouched since (stale, past due)
 *  C moi_truong  Feb  → rejected
 *  D y_te        Mar  → classified, urgent, rated none, past due
 *  E ha_tang     Jul  → outside the period
 */
beforeAll(async () => {
  t = await createTestDb();
  await seedUnits(t.db);
  const a = await fileAndClassify(t.db, deps, 'Đường "ngõ 1" hỏng, đi lại khó', { location: "ngõ 1, tổ 1", summary: "Đường ngõ 1 hỏng" }, voter("ra"));
  codes.A = a.code;
  await assignUnit(t.db, a.code, "phong_kt_ht_dt", staff, deps);
  await moveStatus(t.db, a.code, "in_progress", null, staff, deps);
  await moveStatus(t.db, a.code, "resolved", "Đã sửa", staff, deps);
  await rate(t.db, a.code, voter("ra"), 4, null, deps);

  clock.advanceDays(2);
  const b = await fileAndClassify(t.db, deps, "Cống tổ 2 tắc", { location: "tổ 2", summary: "=HYPERLINK(\"http://x\")" }, voter("rb"));
  codes.B = b.code;
  await assignUnit(t.db, b.code, "phong_kt_ht_dt", staff, deps);
  await moveStatus(t.db, b.code, "in_progress", null, staff, deps);

  clock.set("2026-02-10T02:00:00.000Z");
  const c = await fileAndClassify(t.db, deps, "Quảng cáo rao vặt", { category: "moi_truong", location: "tổ 3" }, voter("rc"));
  codes.C = c.code;
  await reject(t.db, c.code, "Không phải kiến nghị", staff, deps);

  clock.set("2026-03-20T02:00:00.000Z");
  const d = await fileAndClassify(t.db, deps, "Ổ dịch sốt xuất huyết ở tổ 4", { category: "y_te", urgent: true, location: "tổ 4" }, voter("rd"));
  codes.D = d.code;

  clock.set("2026-07-01T02:00:00.000Z");
  codes.E = (await fileAndClassify(t.db, deps, "Đèn đường tổ 9 hỏng", { location: "tổ 9" }, voter("re"))).code;
  clock.set("2026-07-02T02:00:00.000Z");
});
afterAll(() => t.cleanup());

describe("periodFromDays", () => {
  it("covers whole Vietnamese days, end date included", () => {
    const p = periodFromDays("2026-01-01", "2026-06-30");
    expect(p.from.toISOString()).toBe("2025-12-31T17:00:00.000Z");
    expect(p.to.toISOString()).toBe("2026-06-30T17:00:00.000Z");
  });
  it.each([
    ["2026-02-30", "2026-03-01"],
    ["2026-06-30", "2026-01-01"],
    ["01/01/2026", "2026-06-30"],
  ])("rejects %s → %s", (from, to) => {
    let err: unknown;
    try {
      periodFromDays(from, to);
    } catch (e) {
      err = e;
    }
    expect(isDomainError(err, "INVALID_DATE_RANGE")).toBe(true);
  });
});

describe("petitionReport", () => {
  it("counts by category, status, unit and month within the period", async () => {
    const r = await petitionReport(t.db, periodFromDays("2026-01-01", "2026-06-30"), { ...deps, staleDays: 30 });
    expect(r.total).toBe(4);
    expect(r.byCategory).toEqual([
      { key: "ha_tang", label: "Hạ tầng, giao thông, điện, nước", count: 2 },
      { key: "moi_truong", label: "Môi trường, vệ sinh", count: 1 },
      { key: "y_te", label: "Y tế, bảo hiểm y tế, an toàn thực phẩm", count: 1 },
    ]);
    expect(r.byStatus.map((s) => [s.key, s.count])).toEqual([
      ["classified", 1],
      ["in_progress", 1],
      ["closed", 1],
      ["rejected", 1],
    ]);
    expect(r.byStatus.find((s) => s.key === "closed")?.label).toBe("Đã hoàn tất");
    expect(r.byUnit).toEqual([
      { key: "", label: "Chưa giao", count: 2 },
      { key: "Phòng Kinh tế – Hạ tầng và Đô thị", label: "Phòng Kinh tế – Hạ tầng và Đô thị", count: 2 },
    ]);
    expect(r.byMonth.map((m) => [m.key, m.count])).toEqual([
      ["2026-01", 2],
      ["2026-02", 1],
      ["2026-03", 1],
    ]);
    expect(r.satisfaction).toEqual({ average: 4, count: 1 });
  });

  it("lists open petitions past their due date or without progress", async () => {
    const r = await petitionReport(t.db, periodFromDays("2026-01-01", "2026-06-30"), { ...deps, staleDays: 30 });
    const byCode = Object.fromEntries(r.overdue.map((o) => [o.code, o]));
    expect(Object.keys(byCode).sort()).toEqual([codes.B, codes.D].sort());
    expect(byCode[codes.D!]).toMatchObject({ pastDue: true, status: "classified" });
    expect(byCode[codes.D!]!.dueAt!.getTime() - new Date("2026-03-20T02:00:00.000Z").getTime()).toBe(2 * DAY);

    // E (July) is not past due yet and moved today: not overdue; with a 0-day window nothing counts as progress.
    const now = await overduePetitions(t.db, { ...deps, staleDays: 30 });
    expect(now.map((o) => o.code)).not.toContain(codes.E);
    clock.advanceDays(1);
    const strict = await overduePetitions(t.db, { ...deps, staleDays: 0 });
    expect(strict.find((o) => o.code === codes.E)).toMatchObject({ pastDue: false, noProgress: true });
  });

  it("prints a Vietnamese summary", async () => {
    const r = await petitionReport(t.db, periodFromDays("2026-01-01", "2026-06-30"), { ...deps, staleDays: 30 });
    const text = reportSummaryText(r);
    expect(text).toContain("BÁO CÁO KIẾN NGHỊ CỬ TRI từ 01/01/2026 đến 30/06/2026");
    expect(text).toContain("Tổng số kiến nghị tiếp nhận: 4");
    expect(text).toContain("Mức độ hài lòng trung bình: 4.00/5 (1 lượt đánh giá)");
    expect(text).toContain(`${codes.D}: Đã phân loại`);
  });
});

describe("CSV", () => {
  it("quotes fields per RFC 4180 and defuses formulas", () => {
    expect(csvCell("đơn giản")).toBe("đơn giản");
    expect(csvCell('có "ngoặc"')).toBe('"có ""ngoặc"""');
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("dòng 1\ndòng 2")).toBe('"dòng 1\ndòng 2"');
    expect(csvCell(" lề ")).toBe('" lề "');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell(4)).toBe("4");
    expect(csvCell(null)).toBe("");
  });

  it("writes a BOM, Vietnamese headers and one CRLF row per petition", async () => {
    const rows = await reportRows(t.db, periodFromDays("2026-01-01", "2026-06-30"), { ...deps, staleDays: 30 });
    const csv = toCsv(rows);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toBe("Mã kiến nghị,Ngày nhận,Lĩnh vực,Trạng thái,Đơn vị xử lý,Hạn xử lý,Quá hạn,Đánh giá,Khẩn cấp,Địa điểm,Tóm tắt");
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(lines[1]).toBe(
      `${codes.A},05/01/2026,"Hạ tầng, giao thông, điện, nước",Đã hoàn tất,Phòng Kinh tế – Hạ tầng và Đô thị,20/01/2026,Không,4,Không,"ngõ 1, tổ 1",Đường ngõ 1 hỏng`,
    );
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines[2]).toContain(",Có,"); // overdue
    expect(lines[3]).toContain("Không tiếp nhận,Chưa giao,");
    expect(lines[4]).toMatch(/,Có,,Có,tổ 4,/); // overdue, no rating, urgent
  });
});

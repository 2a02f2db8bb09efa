import { describe, expect, it } from "vitest";
import { dateFromIso, localDate, parsePeriodId, resolvePeriodPhrase } from "../../rag/dates/period.ts";

const at = (iso: string) => new Date(iso);

describe("parsePeriodId", () => {
  it("parses quarters, months, halves and years", () => {
    expect(parsePeriodId("2026-Q2")).toMatchObject({ kind: "quarter", year: 2026, index: 2, label: "Quý II/2026" });
    expect(parsePeriodId("2026-05")).toMatchObject({ kind: "month", year: 2026, index: 5, id: "2026-05" });
    expect(parsePeriodId("2026-H2")).toMatchObject({ kind: "half", index: 2 });
    expect(parsePeriodId("2027")).toMatchObject({ kind: "year", year: 2027 });
    const q = parsePeriodId("2026-Q3")!;
    expect(q.to - q.from).toBe(2);
  });
  it("rejects malformed ids", () => {
    for (const bad of ["2026-Q5", "2026-13", "26-Q1", "quý 2", ""]) expect(parsePeriodId(bad)).toBeNull();
  });
});

describe("localDate in Asia/Ho_Chi_Minh", () => {
  it("crosses midnight and the year boundary at UTC+7", () => {
    // 31/12/2026 17:30 UTC is already 01/01/2027 00:30 in Hà Nội.
    expect(localDate(at("2026-12-31T17:30:00Z"))).toEqual({ year: 2027, month: 1, day: 1 });
    expect(localDate(at("2026-12-31T16:59:00Z"))).toEqual({ year: 2026, month: 12, day: 31 });
  });
});

describe("resolvePeriodPhrase", () => {
  const may = at("2026-05-10T05:00:00Z");
  it.each([
    ["quý này có những việc gì?", "2026-Q2"],
    ["quy nay co viec gi", "2026-Q2"],
    ["quý sau cần làm gì", "2026-Q3"],
    ["quý tới", "2026-Q3"],
    ["quý trước đã làm gì", "2026-Q1"],
    ["tháng này", "2026-05"],
    ["thang toi co gi", "2026-06"],
    ["tháng sau", "2026-06"],
    ["6 tháng cuối năm", "2026-H2"],
    ["6 thang dau nam", "2026-H1"],
    ["năm nay", "2026"],
    ["nam sau", "2027"],
    ["quy 3", "2026-Q3"],
    ["Quý III/2027 có gì", "2027-Q3"],
    ["quý 4 năm 2028", "2028-Q4"],
    ["tháng 9/2026", "2026-09"],
    ["thang 02 nam 2030", "2030-02"],
    ["năm 2029 có những việc gì", "2029"],
  ])("%s → %s", (phrase, id) => {
    expect(resolvePeriodPhrase(phrase, may)?.id).toBe(id);
  });

  it("resolves relative phrases across year boundaries", () => {
    const lateDec = at("2026-12-20T03:00:00Z");
    expect(resolvePeriodPhrase("quý sau", lateDec)?.id).toBe("2027-Q1");
    expect(resolvePeriodPhrase("tháng tới", lateDec)?.id).toBe("2027-01");
    const earlyJan = at("2027-01-05T03:00:00Z");
    expect(resolvePeriodPhrase("quý trước", earlyJan)?.id).toBe("2026-Q4");
    expect(resolvePeriodPhrase("tháng trước", earlyJan)?.id).toBe("2026-12");
    // New Year's Eve 18:00 UTC is 1 January in Hà Nội: "quý này" is already Q1 of the new year.
    expect(resolvePeriodPhrase("quý này", at("2026-12-31T18:00:00Z"))?.id).toBe("2027-Q1");
  });

  it("does not read report names as relative months", () => {
    expect(resolvePeriodPhrase("báo cáo 6 tháng trước ngày 05/6 gửi đâu", may)).toBeNull();
  });

  it("returns null when no period is named", () => {
    expect(resolvePeriodPhrase("ai chủ trì giám sát đất đai?", may)).toBeNull();
  });
});

describe("dateFromIso", () => {
  it("reads --date as a local calendar day", () => {
    expect(localDate(dateFromIso("2026-05-10")!)).toEqual({ year: 2026, month: 5, day: 10 });
    expect(dateFromIso("10/05/2026")).toBeNull();
  });
});

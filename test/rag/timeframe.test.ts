import { describe, expect, it } from "vitest";
import { cleanTimeframeText, parseTimeframe, timeframeWindows } from "../../rag/tasks/timeframe.ts";
import { monthIndex, TIMEFRAME_KINDS, timeframeSchema, type MonthRange } from "../../rag/tasks/types.ts";

const term2530 = { term: { from: 2025, to: 2030 }, docYear: 2025 };
const parse = (raw: string, ctx = term2530) => parseTimeframe(raw, ctx);
const q = (year: number, quarter: number): MonthRange => ({ from: monthIndex(year, quarter * 3 - 2), to: monthIndex(year, quarter * 3) });
const m = (year: number, month: number): MonthRange => ({ from: monthIndex(year, month), to: monthIndex(year, month) });
const overlaps = (ws: MonthRange[] | null, p: MonthRange) => (ws ?? []).some((w) => w.from <= p.to && p.from <= w.to);

describe("parseTimeframe: dated quarters", () => {
  it.each([
    ["Quý I/2026", 2026, [1]],
    ["Quý I//2026", 2026, [1]],
    ["Quý II/2026", 2026, [2]],
    ["Quý III/2026", 2026, [3]],
    ["Qúy IV/2027", 2027, [4]],
    ["quý 2/2026", 2026, [2]],
    ["Quy 3/2026", 2026, [3]],
    ["QUY III / 2026", 2026, [3]],
    ["  Quý\n I/2026  ", 2026, [1]],
    ["Quý I năm 2026", 2026, [1]],
    ["Quý I, II/2026", 2026, [1, 2]],
    ["Quý I - 2026", 2026, [1]],
    ["Quý I/26", 2026, [1]],
  ])("%j → quy_cu_the %i %j", (raw, year, quarters) => {
    const tf = parse(raw);
    expect(tf.kind).toBe("quy_cu_the");
    expect(tf.year).toBe(year);
    expect(tf.quarters).toEqual(quarters);
    expect(tf.fromYear).toBeNull();
  });

  it("keeps the cleaned text as raw, typos included", () => {
    expect(parse("Quý I//2026").raw).toBe("Quý I//2026");
    expect(parse("Qúy  IV\nhằng \n\nnăm").raw).toBe("Quý IV hằng năm");
  });

  it("reads a quarter without a year as the document's year", () => {
    const tf = parseTimeframe("Quý IV", { term: { from: 2026, to: 2031 }, docYear: 2026 });
    expect(tf).toMatchObject({ kind: "quy_cu_the", year: 2026, quarters: [4] });
  });
});

describe("parseTimeframe: recurring quarters", () => {
  it.each([
    ["Qúy IV hằng năm", [4]],
    ["Quý III hằng năm", [3]],
    ["Quý III hằng \nnăm", [3]],
    ["Quý I và Quý III hằng năm", [1, 3]],
    ["Quý I và Quý \nIII hằng năm", [1, 3]],
    ["Quý II và Qúy IV hằng năm", [2, 4]],
    ["Quý II và \nQúy IV hằng \n\nnăm", [2, 4]],
    ["quy ii va quy iv hang nam", [2, 4]],
    ["QUÝ II VÀ IV HÀNG NĂM", [2, 4]],
    ["Quý 1 và quý 3 hàng năm", [1, 3]],
  ])("%j → quy_hang_nam %j over the term", (raw, quarters) => {
    const tf = parse(raw);
    expect(tf).toMatchObject({ kind: "quy_hang_nam", quarters, year: null, fromYear: 2025, toYear: 2030 });
  });

  it("takes the term from the context", () => {
    const tf = parseTimeframe("Quý III hằng năm", { term: { from: 2026, to: 2031 }, docYear: 2026 });
    expect(tf).toMatchObject({ fromYear: 2026, toYear: 2031 });
    const open = parseTimeframe("Quý III hằng năm", { term: { from: 2026, to: null }, docYear: 2026 });
    expect(open).toMatchObject({ fromYear: 2026, toYear: null });
  });

  it("reads 'hằng quý' as every quarter", () => {
    expect(parse("Hằng quý")).toMatchObject({ kind: "quy_hang_nam", quarters: [1, 2, 3, 4] });
  });
});

describe("parseTimeframe: ongoing and undated kinds", () => {
  it.each([
    ["Thường xuyên", "thuong_xuyen"],
    ["Thường \nxuyên", "thuong_xuyen"],
    ["thuong xuyen", "thuong_xuyen"],
    ["THƯỜNG XUYÊN", "thuong_xuyen"],
    ["Hằng năm", "hang_nam"],
    ["Hàng năm", "hang_nam"],
    ["hang nam", "hang_nam"],
    ["Theo kế hoạch tổ chức kỳ họp", "theo_ky_hop"],
    ["Theo kế \nhoạch tổ \n\nchức kỳ họp", "theo_ky_hop"],
    ["Theo kế hoạch tổ chức kỳ họp (Bắt đầu từ kỳ họp thứ Nhất)", "theo_ky_hop"],
    ["theo ke hoach to chuc ky hop (bat dau tu ky hop thu nhat)", "theo_ky_hop"],
    ["Theo tiến độ của Trung ương và Thành phố", "theo_tien_do_cap_tren"],
    ["Theo tiến độ của Trung \n\nương và Thành phố", "theo_tien_do_cap_tren"],
    ["theo tien do cua trung uong va thanh pho", "theo_tien_do_cap_tren"],
  ])("%j → %s", (raw, kind) => {
    const tf = parse(raw);
    expect(tf.kind).toBe(kind);
    expect(tf.year).toBeNull();
    expect(tf.quarters).toEqual([]);
    expect(timeframeWindows(tf)).toBeNull();
  });

  it("gives recurring yearly tasks the plan's term", () => {
    expect(parse("Hằng năm")).toMatchObject({ fromYear: 2025, toYear: 2030 });
  });

  it("cleans a timeframe broken across lines inside brackets", () => {
    expect(parse("Theo kế hoạch tổ chức \nkỳ họp (Bắt đầu từ kỳ \n\nhọp thứ Nhất)").raw).toBe(
      "Theo kế hoạch tổ chức kỳ họp (Bắt đầu từ kỳ họp thứ Nhất)",
    );
  });

  it("reads an empty timeframe or 'trong nhiệm kỳ' as a whole-term duty", () => {
    for (const raw of ["", "   ", "Trong nhiệm kỳ", "Trong suốt nhiệm kỳ 2025-2030"]) {
      const tf = parse(raw);
      expect(tf.kind, raw).toBe("trong_nhiem_ky");
      expect(tf).toMatchObject({ fromYear: 2025, toYear: 2030 });
      expect(timeframeWindows(tf)).toBeNull();
    }
  });
});

describe("parseTimeframe: starts in a quarter, then ongoing", () => {
  it.each([
    ["Thường xuyên (bắt đầu từ quý I//2026)", 2026, 1],
    ["Thường \nxuyên (bắt \nđầu từ quý \n\nI//2026)", 2026, 1],
    ["Thường xuyên (Bắt đầu từ Quý I/2026)", 2026, 1],
    ["Thường xuyên\n (Bắt đầu từ Quý II/2026)", 2026, 2],
    ["thuong xuyen (bat dau tu quy 3/2027)", 2027, 3],
    ["Thường xuyên (Bắt đầu từ tháng 5/2026)", 2026, 2],
  ])("%j → bat_dau_thuong_xuyen %i Q%i", (raw, year, quarter) => {
    const tf = parse(raw);
    expect(tf).toMatchObject({ kind: "bat_dau_thuong_xuyen", year, quarters: [quarter], toYear: 2030 });
  });

  it("has only its start quarter as a window", () => {
    expect(timeframeWindows(parse("Thường xuyên (Bắt đầu từ Quý I/2026)"))).toEqual([q(2026, 1)]);
  });
});

describe("parseTimeframe: months and conferences", () => {
  it.each([
    ["Tháng 3/2026", 2026, 3],
    ["tháng 02/2026", 2026, 2],
    ["Tháng 01/2027", 2027, 1],
    ["thang 12 / 2026", 2026, 12],
    ["Tháng 3 năm 2026", 2026, 3],
  ])("%j → thang %i-%i", (raw, year, month) => {
    expect(parse(raw)).toMatchObject({ kind: "thang", year, month });
  });

  it("reads a Party committee conference month as hoi_nghi_bch", () => {
    expect(parse("Hội nghị Ban Chấp hành Đảng bộ phường lần thứ 4 (tháng 3/2026)")).toMatchObject({
      kind: "hoi_nghi_bch",
      year: 2026,
      month: 3,
    });
  });
});

describe("parseTimeframe: yearly report deadlines", () => {
  it.each([
    ["trước ngày 05/6", 5, 6],
    ["trước 10/9", 10, 9],
    ["báo cáo 6 tháng trước ngày 05/6", 5, 6],
    ["báo cáo năm trước ngày 10/11 hàng năm", 10, 11],
    ["TRUOC NGAY 05/6", 5, 6],
  ])("%j → han_bao_cao day %i month %i over the term", (raw, day, month) => {
    const tf = parseTimeframe(raw, { term: { from: 2026, to: null }, docYear: 2026 });
    expect(tf).toMatchObject({ kind: "han_bao_cao", day, month, fromYear: 2026, toYear: null });
  });

  it("keeps a one-off dated deadline to its year", () => {
    expect(parse("trước ngày 05/6/2027")).toMatchObject({ kind: "han_bao_cao", day: 5, month: 6, fromYear: 2027, toYear: 2027 });
  });
});

describe("parseTimeframe: never throws", () => {
  it.each(["xyz", "???", "Quý", "Quý V/2026", "tháng 13/2026", "trước ngày 40/6", "\u0000", "2026 - 2031 ((("])(
    "returns a valid timeframe for %j",
    (raw) => {
      const tf = parse(raw);
      expect(TIMEFRAME_KINDS).toContain(tf.kind);
      expect(() => timeframeSchema.parse(tf)).not.toThrow();
    },
  );

  it("falls back to ongoing for unknown wording", () => {
    expect(parse("Khi có yêu cầu phát sinh").kind).toBe("thuong_xuyen");
  });

  it("always produces schema-valid timeframes", () => {
    for (const raw of ["Quý I/2026", "Quý II và Quý IV hằng năm", "trước 10/9", "Tháng 3/2026", "Thường xuyên (Bắt đầu từ Quý I/2026)"]) {
      expect(timeframeSchema.parse(parse(raw))).toEqual(parse(raw));
    }
  });
});

describe("cleanTimeframeText", () => {
  it("collapses whitespace and brackets, repairs 'Qúy', drops trailing punctuation", () => {
    expect(cleanTimeframeText(" Thường xuyên\n ( Bắt đầu từ Qúy I/2026 ) ;")).toBe("Thường xuyên (Bắt đầu từ Quý I/2026)");
  });
});

describe("timeframeWindows", () => {
  it("gives a dated quarter its three months", () => {
    const ws = timeframeWindows(parse("Quý I/2026"))!;
    expect(ws).toEqual([{ from: monthIndex(2026, 1), to: monthIndex(2026, 3) }]);
    expect(ws[0]!.to - ws[0]!.from).toBe(2);
  });

  it("repeats recurring quarters in every year of the term, in order", () => {
    const ws = timeframeWindows(parse("Quý I và Quý III hằng năm"))!;
    expect(ws).toHaveLength(12);
    expect(ws[0]).toEqual(q(2025, 1));
    expect(ws[1]).toEqual(q(2025, 3));
    expect(ws[11]).toEqual(q(2030, 3));
    for (let i = 1; i < ws.length; i++) expect(ws[i]!.from).toBeGreaterThan(ws[i - 1]!.to);
  });

  it("projects an open-ended term ten years ahead", () => {
    const tf = parseTimeframe("Quý II hằng năm", { term: { from: 2026, to: null }, docYear: 2026 });
    const ws = timeframeWindows(tf)!;
    expect(ws).toHaveLength(11);
    expect(ws.at(-1)).toEqual(q(2036, 2));
  });

  it("handles quarters across a year boundary", () => {
    const q4Yearly = timeframeWindows(parse("Qúy IV hằng năm"));
    const q1Yearly = timeframeWindows(parse("Quý I và Quý III hằng năm"));
    // December 2025 – February 2026 straddles Q4/2025 and Q1/2026.
    const winter = { from: monthIndex(2025, 12), to: monthIndex(2026, 2) };
    expect(overlaps(q4Yearly, winter)).toBe(true);
    expect(overlaps(q1Yearly, winter)).toBe(true);
    // Q4/2025 ends in December and Q1/2026 starts in January: adjacent, not overlapping.
    expect(q(2025, 4).to + 1).toBe(q(2026, 1).from);
    expect(overlaps(timeframeWindows(parse("Quý I/2026")), q(2025, 4))).toBe(false);
    expect(overlaps(timeframeWindows(parse("Quý IV/2025")), q(2026, 1))).toBe(false);
    // A yearly Q4 task is outside the term after 2030.
    expect(overlaps(q4Yearly, q(2031, 4))).toBe(false);
    expect(overlaps(q4Yearly, q(2030, 4))).toBe(true);
  });

  it("gives month kinds their month", () => {
    expect(timeframeWindows(parse("Tháng 3/2026"))).toEqual([m(2026, 3)]);
    expect(timeframeWindows(parse("Hội nghị BCH (tháng 12/2025)"))).toEqual([m(2025, 12)]);
    expect(overlaps(timeframeWindows(parse("tháng 12/2025")), q(2026, 1))).toBe(false);
    expect(overlaps(timeframeWindows(parse("tháng 02/2026")), q(2026, 1))).toBe(true);
  });

  it("gives a report deadline its month in every year of the term", () => {
    const ws = timeframeWindows(parseTimeframe("trước 10/9", { term: { from: 2026, to: 2028 }, docYear: 2026 }));
    expect(ws).toEqual([m(2026, 9), m(2027, 9), m(2028, 9)]);
    expect(overlaps(ws, q(2026, 3))).toBe(true);
    expect(overlaps(ws, q(2026, 1))).toBe(false);
  });

  it("gives a start-then-ongoing task only its start quarter", () => {
    const ws = timeframeWindows(parse("Thường xuyên (bắt đầu từ quý I//2026)"));
    expect(overlaps(ws, q(2026, 1))).toBe(true);
    expect(overlaps(ws, q(2026, 3))).toBe(false);
  });

  it("has no windows for undated kinds", () => {
    for (const raw of ["Hằng năm", "Thường xuyên", "Theo kế hoạch tổ chức kỳ họp", "Theo tiến độ của Trung ương và Thành phố", ""]) {
      expect(timeframeWindows(parse(raw)), raw).toBeNull();
    }
  });
});

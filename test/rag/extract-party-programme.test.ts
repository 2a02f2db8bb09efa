import { describe, expect, it } from "vitest";
import { loadManifest, readDocumentText, type ManifestEntry } from "../../rag/corpus/manifest.ts";
import { extractPartyProgramme, isCatchAllItem, splitLead } from "../../rag/tasks/extract/party-programme.ts";
import { extractedTaskSchema, type ExtractedTask } from "../../rag/tasks/types.ts";
import { foldVietnamese, normalizeVietnamese } from "../../rag/text/vietnamese.ts";
import { devDataset } from "../helpers/dev-datasets.ts";

const dueDev = devDataset("due.dev.json");

const DOC = "003_3eaa0e434add0cf8.txt";
const entry: ManifestEntry = loadManifest().documents.find((d) => d.file === DOC)!;
const tasks = extractPartyProgramme({ entry, text: normalizeVietnamese(readDocumentText(entry)) });

/** Canonical form used for every comparison: normalised tones, collapsed whitespace. */
const n = (s: string | null): string | null => (s === null ? null : normalizeVietnamese(s).replace(/\s+/g, " ").trim());

const inMonth = (year: number, month: number, kind?: string): ExtractedTask[] =>
  tasks.filter((t) => t.timeframe.year === year && t.timeframe.month === month && (!kind || t.timeframe.kind === kind));

function findTask(prefix: string, year: number, month: number): ExtractedTask {
  const found = inMonth(year, month).filter((t) => t.task.startsWith(n(prefix)!));
  expect(found, `${prefix} in ${month}/${year}`).toHaveLength(1);
  return found[0]!;
}

describe("extractPartyProgramme on the Bạch Đằng whole-term programme (doc 003)", () => {
  it("produces schema-valid tasks with the fixed fields of this layout", () => {
    expect(entry.layout).toBe("party-programme");
    expect(tasks.length).toBe(357);
    tasks.forEach((t, i) => {
      expect(() => extractedTaskSchema.parse(t)).not.toThrow();
      expect(t.doc).toBe(DOC);
      expect(t.ordinal).toBe(i);
      expect([t.partners, t.leader, t.output]).toEqual([null, null, null]);
      expect(["thang", "hoi_nghi_bch"]).toContain(t.timeframe.kind);
      expect(t.timeframe.quarters).toEqual([Math.ceil(t.timeframe.month! / 3)]);
      expect([t.timeframe.day, t.timeframe.fromYear, t.timeframe.toYear]).toEqual([null, null, null]);
      expect(t.section.startsWith(`Năm ${t.timeframe.year} > `)).toBe(true);
      // The unit and the closing full stop never stay in the task text.
      expect(t.task).not.toMatch(/[.\s]$/u);
      expect(t.task).not.toMatch(/^[-–\s]/u);
      expect(foldVietnamese(t.task)).not.toMatch(/chuan bi\)$/u);
      if (t.lead !== null) expect(foldVietnamese(t.lead)).not.toMatch(/(chuan bi|chu tri)$|^\(|\)$/u);
    });
  });

  it("counts tasks per year (2025: Sep-Dec only; 2030: Jan-Aug)", () => {
    const perYear: Record<number, number> = {};
    for (const t of tasks) perYear[t.timeframe.year!] = (perYear[t.timeframe.year!] ?? 0) + 1;
    expect(perYear).toEqual({ 2025: 35, 2026: 82, 2027: 57, 2028: 63, 2029: 61, 2030: 59 });
    // Conference items per year: 7, 15, 8, 8, 8, 7.
    expect(tasks.filter((t) => t.timeframe.kind === "hoi_nghi_bch")).toHaveLength(53);
    // 21 conferences and 60 Standing Committee months, 2025-09 .. 2030-08.
    expect(new Set(tasks.filter((t) => t.timeframe.kind === "hoi_nghi_bch").map((t) => t.section)).size).toBe(21);
    expect(new Set(tasks.filter((t) => t.timeframe.kind === "thang").map((t) => t.section)).size).toBe(60);
  });

  it("counts month items counted by hand", () => {
    expect(inMonth(2025, 9, "thang")).toHaveLength(7);
    expect(inMonth(2025, 12, "thang")).toHaveLength(10); // runs over the page-5 break
    expect(inMonth(2026, 1, "thang")).toHaveLength(8);
    expect(inMonth(2026, 2, "thang")).toHaveLength(9);
    expect(inMonth(2026, 3, "thang")).toHaveLength(5);
    expect(inMonth(2026, 11, "thang")).toHaveLength(7);
    expect(inMonth(2027, 2, "thang")).toHaveLength(4); // runs over the page-14 break
    expect(inMonth(2030, 3, "thang")).toHaveLength(11);
    expect(inMonth(2030, 4, "thang")).toHaveLength(7); // a "- 2030" wrapped line is no new item
    expect(inMonth(2030, 8, "thang")).toHaveLength(2);
  });

  it("counts conference items, including the mis-numbered and oddly spaced headings", () => {
    expect(inMonth(2025, 10, "hoi_nghi_bch")).toHaveLength(3);
    expect(inMonth(2026, 6, "hoi_nghi_bch")).toHaveLength(5);
    // Numbered "4." like the conference before it.
    const seventh = inMonth(2026, 12, "hoi_nghi_bch");
    expect(seventh).toHaveLength(4);
    expect(new Set(seventh.map((t) => t.section))).toEqual(new Set(["Năm 2026 > Hội nghị Ban Chấp hành Đảng bộ phường lần thứ 7 (tháng 12/2026)"]));
    // Written "( tháng 6/2028)".
    const thirteenth = inMonth(2028, 6, "hoi_nghi_bch");
    expect(thirteenth).toHaveLength(2);
    expect(thirteenth[0]!.section).toBe("Năm 2028 > Hội nghị Ban Chấp hành Đảng bộ phường lần thứ 13 (tháng 6/2028)");
    expect(thirteenth[0]!.timeframe).toEqual({ kind: "hoi_nghi_bch", raw: "tháng 6/2028", year: 2028, quarters: [2], month: 6, day: null, fromYear: null, toYear: null });
    expect(inMonth(2030, 3, "hoi_nghi_bch")).toHaveLength(4);
  });

  it("reads an item whose unit sits alone on the next line", () => {
    const t = findTask("Thông qua Kế hoạch tổ chức Hội nghị Ban Chấp hành Đảng bộ lần thứ 1", 2025, 9);
    expect(t).toMatchObject({
      task: "Thông qua Kế hoạch tổ chức Hội nghị Ban Chấp hành Đảng bộ lần thứ 1",
      lead: "Văn phòng Đảng ủy",
      section: "Năm 2025 > Tháng 9/2025",
      timeframe: { kind: "thang", raw: "Tháng 9/2025", year: 2025, month: 9, quarters: [3], day: null },
    });
    const hdnd = findTask("Cho ý kiến về nội dung kỳ họp Hội đồng nhân dân phường cuối năm 2026", 2026, 11);
    expect(hdnd.lead).toBe("Hội đồng nhân dân, Ủy ban nhân dân phường");
    expect(hdnd.task).toBe("Cho ý kiến về nội dung kỳ họp Hội đồng nhân dân phường cuối năm 2026");
  });

  it("keeps a month running across a page number", () => {
    const t = findTask("Cho ý kiến Kế hoạch tổ chức các hoạt động mừng Đảng", 2025, 12);
    expect(t.task).toBe("Cho ý kiến Kế hoạch tổ chức các hoạt động mừng Đảng, mừng Xuân, chuẩn bị đón Tết Nguyên đán Bính Ngọ 2026");
    expect(t.lead).toBe("Ủy ban nhân dân phường, Văn phòng Đảng ủy");
    expect(t.section).toBe("Năm 2025 > Tháng 12/2025");
  });

  it("joins items broken across a page break with no blank line", () => {
    const dialogue = findTask("Nghe Báo cáo kết quả tổ chức Hội nghị đối thoại", 2028, 11);
    expect(dialogue.task).toBe(
      "Nghe Báo cáo kết quả tổ chức Hội nghị đối thoại lắng nghe ý kiến Nhân dân của người đứng đầu cấp ủy, chính quyền phường năm 2028 theo Quyết định số 1155-QĐ/TU, ngày 20/10/2023 của Ban Thường vụ Thành ủy",
    );
    expect(dialogue.lead).toBe("Văn phòng Đảng ủy, Văn phòng HĐND&UBND, Ban Xây dựng Đảng");
    const summary = findTask("Báo cáo tổng kết công tác xây dựng Đảng năm 2028", 2029, 1);
    expect(summary.task).toBe(
      "Báo cáo tổng kết công tác xây dựng Đảng năm 2028; danh sách biểu dương tổ chức đảng, đảng viên hoàn thành xuất sắc nhiệm vụ năm 2028; ký giao ước thi đua năm 2029. Kế hoạch trao tặng Huy hiệu Đảng đợt 03/02/2029, kỷ niệm 99 năm ngày thành lập Đảng Cộng sản Việt Nam",
    );
    expect(summary.lead).toBe("Ban Xây dựng Đảng, Văn phòng Đảng ủy phường");
  });

  it("treats a wrapped '- 2030' year range as a continuation, not a new item", () => {
    const t = findTask("Cho ý kiến về Báo cáo chính trị, dự thảo Báo cáo kiểm điểm", 2030, 4);
    expect(t.task).toBe(
      "Cho ý kiến về Báo cáo chính trị, dự thảo Báo cáo kiểm điểm nhiệm kỳ 2025 - 2030 của Ban Chấp hành Đảng bộ phường, dự thảo Nghị quyết Đại hội nhiệm kỳ 2030 - 2035",
    );
    expect(t.lead).toBe("Tiểu ban Văn kiện Đại hội");
    expect(tasks.some((x) => x.task.startsWith("2030"))).toBe(false);
  });

  it("reads units whose parenthesis is split over lines or glued to the text", () => {
    const split = findTask("Cho ý kiến về Báo cáo tổng hợp ý kiến tham gia góp ý", 2030, 6);
    expect(split.task).toBe(
      "Cho ý kiến về Báo cáo tổng hợp ý kiến tham gia góp ý của các chi, đảng bộ vào dự thảo văn kiện Đại hội đại biểu toàn quốc lần thứ XV của Đảng; dự thảo báo cáo chính trị của Đại hội Đảng bộ phường Bạch Đằng nhiệm kỳ 2030 - 2035",
    );
    expect(split.lead).toBe("Tiểu ban Văn kiện");
    const glued = findTask("Báo cáo tình hình thực hiện nhiệm vụ công tác tháng 01", 2027, 1);
    expect(glued.task).toBe("Báo cáo tình hình thực hiện nhiệm vụ công tác tháng 01; nhiệm vụ trọng tâm công tác tháng 02/2027");
    expect(glued.lead).toBe("Ủy ban nhân dân phường, Văn phòng Đảng ủy");
    const noSpaceDash = findTask("Thảo luận và thông qua các văn kiện", 2030, 3);
    expect(noSpaceDash).toMatchObject({ task: "Thảo luận và thông qua các văn kiện Đại hội Đảng bộ phường khóa II", lead: "Tiểu ban văn kiện Đại hội" });
  });

  it("sets lead to null when the item names no unit, and keeps non-unit parentheses in the text", () => {
    const resolution = findTask("Nghị quyết của Ban Chấp hành Đảng bộ về phát triển giáo dục", 2026, 2);
    expect(resolution).toMatchObject({
      task: "Nghị quyết của Ban Chấp hành Đảng bộ về phát triển giáo dục và đào tạo phường Bạch Đằng đến năm 2030, định hướng đến năm 2045",
      lead: null,
      section: "Năm 2026 > Hội nghị Ban Chấp hành Đảng bộ phường lần thứ 3 (tháng 02/2026)",
      timeframe: { kind: "hoi_nghi_bch", raw: "tháng 02/2026", year: 2026, month: 2, quarters: [1] },
    });
    expect(findTask("Tổ chức thành công Đại hội Đảng bộ phường lần thứ II", 2030, 8).lead).toBeNull();
    const anniversary = findTask("Cho ý kiến về Kế hoạch kỷ niệm 100 năm", 2030, 1);
    expect(anniversary.task).toBe("Cho ý kiến về Kế hoạch kỷ niệm 100 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/2/1930 - 03/2/2030)");
    expect(anniversary.lead).toBe("Ban Xây dựng Đảng");
    // A unit written without "chuẩn bị".
    expect(findTask("Cho ý kiến về Phê chuẩn quyết toán ngân sách phường năm 2025", 2026, 5).lead).toBe("Hội đồng nhân dân, Ủy ban nhân dân phường");
  });

  it("excludes the catch-all lines closing every month and conference", () => {
    expect(tasks.filter((t) => isCatchAllItem(t.task))).toEqual([]);
    for (const t of tasks) {
      const folded = foldVietnamese(t.task);
      expect(folded).not.toContain("noi dung khac thuoc tham quyen");
      expect(folded).not.toContain("van de quan trong khac");
    }
    expect(isCatchAllItem("Cho ý kiến vào một số nội dung khác thuộc thẩm quyền.")).toBe(true);
    expect(isCatchAllItem("Cho ý kiến một số nội dung khác thuộc thẩm quyền")).toBe(true);
    expect(isCatchAllItem("Quyết định những vấn đề quan trọng khác theo Quy chế làm việc.")).toBe(true);
    expect(isCatchAllItem("Cho y kien vao mot so noi dung khac thuoc tham quyen")).toBe(true);
    expect(isCatchAllItem("Cho ý kiến về Chương trình thực hiện Chủ đề năm 2026 của thành phố và của phường")).toBe(false);
    expect(isCatchAllItem("Cho ý kiến về công tác chuẩn bị văn kiện, nhân sự cấp ủy Đại hội Đảng bộ phường lần thứ II")).toBe(false);
  });

  it.skipIf(dueDev === null)("matches every doc-003 entry of due.dev.json with no extra task in those months", () => {
    const due = JSON.parse(dueDev!) as Record<
      string,
      { doc: string; task: string; when: string; lead: string | null; kind: string }[]
    >;
    const periods: Record<string, number[]> = { "2026-Q1": [1, 2, 3], "2026-Q3": [7, 8, 9] };
    for (const [period, months] of Object.entries(periods)) {
      const gold = due[period]!.filter((g) => g.doc === DOC);
      expect(gold.length).toBeGreaterThan(0);
      const ours = tasks.filter((t) => t.timeframe.year === 2026 && months.includes(t.timeframe.month!));
      const matched = new Set<number>();
      for (const g of gold) {
        const month = Number(/(\d{1,2})\/(\d{4})/u.exec(g.when)![1]);
        const i = ours.findIndex(
          (t, k) => !matched.has(k) && n(t.task) === n(g.task) && n(t.lead) === n(g.lead) && t.timeframe.kind === g.kind && t.timeframe.month === month,
        );
        expect(i, `${period}: ${g.when} ${g.task}`).toBeGreaterThanOrEqual(0);
        matched.add(i);
      }
      const extras = ours.filter((_, k) => !matched.has(k)).map((t) => `${t.timeframe.raw}: ${t.task}`);
      expect(extras, `${period} extras`).toEqual([]);
      expect(matched.size / gold.length).toBe(1); // recall
      expect(matched.size / ours.length).toBe(1); // precision
    }
  });
});

describe("party-programme parser on synthetic layouts", () => {
  const synthetic: ManifestEntry = { ...entry, file: "synthetic.txt" };

  it("ignores the preamble, stops at part III and survives noise lines", () => {
    const text = [
      "- Căn cứ Điều lệ Đảng;",
      " II. CHƯƠNG TRÌNH CỤ THỂ",
      "Năm 2027",
      "BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG",
      "7. Hội nghị Ban Chấp hành Đảng bộ phường lần thứ 9 (  tháng 6/2027 )",
      " - Sơ kết 6 tháng đầu năm (Ủy ban nhân dân chủ",
      "   ",
      "12",
      "trì chuẩn bị).",
      "- Quyết định những vấn đề quan trọng khác theo Quy chế làm việc.",
      "BAN THƯỜNG VỤ ĐẢNG ỦY",
      "Tháng 7/2027",
      "-  Kế hoạch A",
      "(HĐND, UBND, MTTQ",
      "phường chuẩn bị).",
      "III. TỔ CHỨC THỰC HIỆN",
      "- Giao Văn phòng Đảng ủy theo dõi.",
    ].join("\n");
    const out = extractPartyProgramme({ entry: synthetic, text });
    expect(out.map((t) => [t.section, t.task, t.lead, t.timeframe.kind, t.timeframe.raw])).toEqual([
      ["Năm 2027 > Hội nghị Ban Chấp hành Đảng bộ phường lần thứ 9 (tháng 6/2027)", "Sơ kết 6 tháng đầu năm", "Ủy ban nhân dân", "hoi_nghi_bch", "tháng 6/2027"],
      ["Năm 2027 > Tháng 7/2027", "Kế hoạch A", "HĐND, UBND, MTTQ phường", "thang", "Tháng 7/2027"],
    ]);
  });

  it("splits the unit only from a final parenthesis that names one", () => {
    expect(splitLead("Kế hoạch B (Văn phòng Đảng ủy chủ trì chuẩn bị).")).toEqual({ task: "Kế hoạch B", lead: "Văn phòng Đảng ủy" });
    expect(splitLead("Kế hoạch C (13/5/1955 - 13/5/2030).")).toEqual({ task: "Kế hoạch C (13/5/1955 - 13/5/2030)", lead: null });
    expect(splitLead("Kế hoạch D. ( Ban Xây dựng Đảng chủ trì).")).toEqual({ task: "Kế hoạch D", lead: "Ban Xây dựng Đảng" });
    expect(splitLead("Kế hoạch E")).toEqual({ task: "Kế hoạch E", lead: null });
  });
});

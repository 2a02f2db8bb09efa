import { describe, expect, it } from "vitest";
import { loadManifest, readDocumentText, type ManifestEntry } from "../../rag/corpus/manifest.ts";
import { extractReportDeadlines } from "../../rag/tasks/extract/report-deadlines.ts";
import { extractedTaskSchema, UNDATED_KINDS } from "../../rag/tasks/types.ts";
import { normalizeVietnamese } from "../../rag/text/vietnamese.ts";
import { devDataset } from "../helpers/dev-datasets.ts";

const dueDev = devDataset("due.dev.json");

const DOC = "004_c7146c0b9c6fa341.txt";
const entry: ManifestEntry = loadManifest().documents.find((d) => d.file === DOC)!;
const tasks = extractReportDeadlines({ entry, text: normalizeVietnamese(readDocumentText(entry)) });

const n = (s: string | null | undefined): string | null => (s == null ? null : normalizeVietnamese(s).replace(/\s+/g, " ").trim());
const SUBJECT =
  "báo cáo kết quả thực hiện Nghị quyết số 82/NQ-HĐND của HĐND thành phố, Nghị quyết số 41/NQ-HĐND của HĐND phường lồng ghép với báo cáo kết quả công tác dân chủ ở cơ sở";
const REPORT_SECTION = "IV. TỔ CHỨC THỰC HIỆN > 1. Các cơ quan, đơn vị thuộc phường có trách nhiệm triển khai, thực hiện một số nội dung sau";
const OUTPUT =
  "Báo cáo gửi về UBND phường (qua phòng Văn hóa - Xã hội) để tổng hợp, báo cáo Ủy ban nhân dân thành phố và cơ quan có thẩm quyền theo quy định";

interface Label {
  doc: string;
  task: string;
  when: string;
  lead: string | null;
  kind: string;
}

describe("extractReportDeadlines on the Hồng An plan (doc 004)", () => {
  it("produces the ongoing duty and the three yearly report deadlines", () => {
    expect(entry.layout).toBe("report-deadlines");
    expect(tasks.map((t) => [t.timeframe.kind, t.timeframe.raw])).toEqual([
      ["thuong_xuyen", "Thường xuyên"],
      ["han_bao_cao", "trước ngày 05/6"],
      ["han_bao_cao", "trước 10/9"],
      ["han_bao_cao", "trước ngày 10/11"],
    ]);
    tasks.forEach((t, i) => {
      expect(() => extractedTaskSchema.parse(t)).not.toThrow();
      expect(t.doc).toBe(DOC);
      expect(t.ordinal).toBe(i);
      expect(t.leader).toBeNull();
    });
  });

  it("reads the ongoing duty field by field", () => {
    expect(tasks[0]).toEqual({
      doc: DOC,
      section: "II. NỘI DUNG > 1. Tổ chức quán triệt, tuyên truyền, phổ biến",
      ordinal: 0,
      task: "Tổ chức quán triệt, thông tin, tuyên truyền nội dung Nghị quyết số 82/NQ-HĐND của HĐND thành phố, Nghị quyết số 41/NQ-HĐND của HĐND phường",
      lead: "Các cơ quan, đơn vị trên địa bàn phường",
      partners: null,
      leader: null,
      output: null,
      timeframe: { kind: "thuong_xuyen", raw: "Thường xuyên", year: null, quarters: [], month: null, day: null, fromYear: 2026, toYear: null },
    });
  });

  it("reads each report deadline field by field", () => {
    const expected = [
      { period: "6 tháng", raw: "trước ngày 05/6", day: 5, month: 6, quarter: 2 },
      { period: "9 tháng", raw: "trước 10/9", day: 10, month: 9, quarter: 3 },
      { period: "năm", raw: "trước ngày 10/11", day: 10, month: 11, quarter: 4 },
    ];
    expected.forEach((e, i) => {
      expect(tasks[i + 1]).toEqual({
        doc: DOC,
        section: REPORT_SECTION,
        ordinal: i + 1,
        task: `Báo cáo ${e.period}: ${SUBJECT}`,
        lead: "Các cơ quan, đơn vị thuộc phường",
        partners: null,
        leader: null,
        output: OUTPUT,
        // Repeats every year of the plan, which has no end year (term.to null).
        timeframe: { kind: "han_bao_cao", raw: e.raw, year: null, quarters: [e.quarter], month: e.month, day: e.day, fromYear: 2026, toYear: null },
      });
    });
  });

  it.skipIf(dueDev === null)("produces every doc-004 entry of due.dev.json with its wording, timeframe and lead", () => {
    const due = JSON.parse(dueDev!) as Record<string, Label[]>;
    const labels = Object.values(due)
      .flat()
      .filter((l) => l.doc === DOC);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) {
      const hit = tasks.find((t) => n(t.task) === n(l.task));
      expect(hit, l.task).toBeDefined();
      expect(n(hit!.timeframe.raw)).toBe(n(l.when));
      expect(n(hit!.lead)).toBe(n(l.lead));
      expect(hit!.timeframe.kind).toBe(l.kind);
    }
    // Nothing else from this document is ongoing: responsibility items are not tasks.
    expect(tasks.filter((t) => UNDATED_KINDS.has(t.timeframe.kind)).map((t) => n(t.task))).toEqual(due.ongoing!.filter((l) => l.doc === DOC).map((l) => n(l.task)));
    // Q3: only the 9-month report (deadline in September).
    expect(tasks.filter((t) => t.timeframe.month !== null && t.timeframe.month >= 7 && t.timeframe.month <= 9).map((t) => n(t.task))).toEqual(
      due["2026-Q3"]!.filter((l) => l.doc === DOC).map((l) => n(l.task)),
    );
  });

  it("handles other wordings of the same layout", () => {
    const text = [
      "I. NỘI DUNG",
      "1. Tuyên truyền",
      "- Tổ chức tuyên truyền Nghị quyết gắn với phong trào thi đua.",
      "- Cơ quan chủ trì: Phòng Văn hóa - Xã hội.",
      "- Cơ quan phối hợp: Các tổ dân phố.",
      "- Thời gian thực hiện: Quý II/2026.",
      "II. TỔ CHỨC THỰC HIỆN",
      "1. Các trường học có trách nhiệm:",
      "- Định kỳ báo cáo kết quả thực hiện Kế hoạch hằng quý (báo cáo quý I trước ngày 15/3, báo cáo 6 tháng trước ngày 5/6), gửi về Phòng Văn hóa - Xã hội.",
    ].join("\n\n");
    const got = extractReportDeadlines({ entry: { ...entry, term: { from: 2026, to: 2030 } }, text });
    expect(got.map((t) => [t.task, t.lead, t.partners, t.timeframe.kind, t.timeframe.raw, t.timeframe.day, t.timeframe.month, t.timeframe.quarters, t.timeframe.year])).toEqual([
      ["Tổ chức tuyên truyền Nghị quyết", "Phòng Văn hóa - Xã hội", "Các tổ dân phố", "quy_cu_the", "Quý II/2026", null, null, [2], 2026],
      ["Báo cáo quý I: báo cáo kết quả thực hiện Kế hoạch", "Các trường học", null, "han_bao_cao", "trước ngày 15/3", 15, 3, [1], null],
      ["Báo cáo 6 tháng: báo cáo kết quả thực hiện Kế hoạch", "Các trường học", null, "han_bao_cao", "trước ngày 5/6", 5, 6, [2], null],
    ]);
    expect(got[1]!.timeframe.toYear).toBe(2030);
    expect(got[1]!.output).toBe("Báo cáo gửi về Phòng Văn hóa - Xã hội");
  });
});

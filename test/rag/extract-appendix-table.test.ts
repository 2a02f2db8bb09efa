import { describe, expect, it } from "vitest";
import { loadManifest, readDocumentText, type ManifestEntry } from "../../rag/corpus/manifest.ts";
import { extractAppendixTable } from "../../rag/tasks/extract/appendix-table.ts";
import { extractedTaskSchema, type ExtractedTask } from "../../rag/tasks/types.ts";
import { normalizeVietnamese } from "../../rag/text/vietnamese.ts";
import { devDataset } from "../helpers/dev-datasets.ts";

const dueDev = devDataset("due.dev.json");

const DOC_000 = "000_c0fd484245b598e1.txt";
const DOC_002 = "002_323bdf7c776365e2.txt";

const manifest = loadManifest();
const entryOf = (file: string): ManifestEntry => manifest.documents.find((d) => d.file === file)!;
const extract = (file: string): ExtractedTask[] => {
  const entry = entryOf(file);
  return extractAppendixTable({ entry, text: normalizeVietnamese(readDocumentText(entry)) });
};
const tasks000 = extract(DOC_000);
const tasks002 = extract(DOC_002);
const byOrdinal = (tasks: ExtractedTask[], n: number) => tasks.find((t) => t.ordinal === n)!;

/** Comparison form used by the labelled sets: NFC, canonical tones, whitespace collapsed. */
const norm = (s: string | null | undefined) => (s == null ? null : normalizeVietnamese(s).replace(/\s+/g, " ").trim());

interface DueEntry {
  doc: string;
  task: string;
  when: string;
  lead: string | null;
  leader?: string | null;
  partner?: string | null;
  kind: string;
}

describe("appendix-table extractor: row counts", () => {
  it("extracts the 15 rows of the 000 appendix (6 + 5 + 4 in groups I–III)", () => {
    expect(tasks000).toHaveLength(15);
    const perSection = tasks000.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t.section]: (acc[t.section] ?? 0) + 1 }), {});
    expect(perSection).toEqual({
      "Phụ lục > I. Thực hiện Chương trình 01-CTr/ĐU": 6,
      "Phụ lục > II. Thực hiện Chương trình 02-CTr/ĐU": 5,
      "Phụ lục > III. Thực hiện Chương trình 03-CTr/ĐU": 4,
    });
  });

  it("extracts the 19 rows of the 002 appendix (2 + 3 + 4 + 3 + 4 + 2 + 1 in groups I–VII)", () => {
    expect(tasks002).toHaveLength(19);
    const counts = tasks002.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t.section]: (acc[t.section] ?? 0) + 1 }), {});
    expect(Object.values(counts)).toEqual([2, 3, 4, 3, 4, 2, 1]);
    expect(Object.keys(counts)[0]).toBe("Phụ lục > I. QUÁN TRIỆT, TRIỂN KHAI");
    expect(Object.keys(counts)[6]).toBe("Phụ lục > VII. TẬP HUẤN, ĐÀO TẠO, BỒI DƯỠNG");
  });

  it("numbers tasks 1..N in document order, each task once, schema-valid", () => {
    for (const [doc, tasks] of [
      [DOC_000, tasks000],
      [DOC_002, tasks002],
    ] as const) {
      expect(tasks.map((t) => t.ordinal)).toEqual(tasks.map((_, i) => i + 1));
      expect(new Set(tasks.map((t) => t.task)).size).toBe(tasks.length);
      for (const t of tasks) {
        expect(t.doc).toBe(doc);
        expect(() => extractedTaskSchema.parse(t)).not.toThrow();
      }
    }
  });

  it("leaks no header words, page noise or split words into any cell", () => {
    for (const t of [...tasks000, ...tasks002]) {
      const cells = [t.task, t.lead, t.partners, t.leader, t.output, t.timeframe.raw].filter((c): c is string => c !== null);
      for (const c of cells) {
        expect(c).not.toMatch(/STT|THAM MƯU|PHỐI HỢP|THỰC HIỆN|SẢN PHẨM|HĐND&UB(?!ND)|^ND\b|\s{2}|\n/);
        expect(c).toBe(c.trim());
      }
      // Every row of both appendices names a lead unit and a timeframe.
      expect(t.lead).not.toBeNull();
      expect(t.timeframe.raw).not.toBe("");
    }
  });
});

describe("appendix-table extractor: 000 rows field by field", () => {
  it("row 1: cells interleaved on one line ('Chủ tịch HĐND Quý I/2026 Cuộc bầu cử')", () => {
    expect(byOrdinal(tasks000, 1)).toMatchObject({
      section: "Phụ lục > I. Thực hiện Chương trình 01-CTr/ĐU",
      task: "Phối hợp tổ chức bầu cử đại biểu Quốc hội và đại biểu HĐND các cấp nhiệm kỳ 2026 - 2031 trên địa bàn phường",
      lead: "Thường trực HĐND",
      partners: "UBND, Ủy ban MTTQ, Ủy ban bầu cử",
      leader: "Chủ tịch HĐND",
      output: "Cuộc bầu cử được tổ chức đúng quy định, an toàn, dân chủ",
      timeframe: { kind: "quy_cu_the", raw: "Quý I/2026", year: 2026, quarters: [1] },
    });
  });

  it("row 5: split across a page break, continuing after the repeated header", () => {
    expect(byOrdinal(tasks000, 5)).toMatchObject({
      task: "Theo dõi, đôn đốc và tái giám sát việc thực hiện các kiến nghị sau giám sát, giải trình của HĐND",
      lead: "Văn phòng HĐND&UBND",
      partners: "Các Ban HĐND",
      leader: "Phó Chủ tịch HĐND",
      output: "Thông báo kết quả tái giám sát",
      timeframe: { kind: "quy_hang_nam", raw: "Quý IV hằng năm", quarters: [4], fromYear: 2025, toYear: 2030 },
    });
  });

  it("row 6: 'Qúy' typo repaired, two recurring quarters, partner with no HĐND", () => {
    expect(byOrdinal(tasks000, 6)).toMatchObject({
      task: "Đổi mới hoạt động tiếp xúc cử tri gắn với lấy ý kiến đánh giá việc giải quyết kiến nghị của cử tri",
      lead: "Văn phòng HĐND&UBND",
      partners: "Các Tổ đại biểu",
      leader: "Phó Chủ tịch HĐND",
      output: "Báo cáo tổng hợp ý kiến, đánh giá của cử tri",
      timeframe: { kind: "quy_hang_nam", raw: "Quý II và Quý IV hằng năm", quarters: [2, 4] },
    });
  });

  it("row 9: leader 'Trưởng các Ban' sharing a line with the start of its timeframe", () => {
    expect(byOrdinal(tasks000, 9)).toMatchObject({
      section: "Phụ lục > II. Thực hiện Chương trình 02-CTr/ĐU",
      task: "Ứng dụng biểu mẫu điện tử phục vụ hoạt động giám sát, khảo sát của HĐND phường",
      lead: "Các Ban HĐND",
      partners: "Văn phòng HĐND&UBND",
      leader: "Trưởng các Ban",
      output: "Bộ biểu mẫu điện tử thống nhất",
      timeframe: { kind: "bat_dau_thuong_xuyen", raw: "Thường xuyên (bắt đầu từ quý I//2026)", year: 2026, quarters: [1] },
    });
  });

  it("row 10: partner cell finished after the page break ('Văn phòng' … 'HĐND&UBND')", () => {
    expect(byOrdinal(tasks000, 10)).toMatchObject({
      task: "Giám sát, khảo sát việc thực hiện chuyển đổi số của UBND phường theo Chương trình 02-CTr/ĐU",
      lead: "Ban Văn hóa – Xã hội",
      partners: "Ban Kinh tế - Ngân sách, Văn phòng HĐND&UBND",
      leader: "Phó Chủ tịch HĐND",
      output: "Báo cáo giám sát chuyên đề, khảo sát",
      timeframe: { kind: "hang_nam", raw: "Hằng năm" },
    });
    // The row after the page break starts clean.
    expect(byOrdinal(tasks000, 11).task).toBe("Tổ chức tập huấn, bồi dưỡng kỹ năng chuyển đổi số cho đại biểu HĐND phường và bộ máy giúp việc");
    expect(byOrdinal(tasks000, 11).lead).toBe("Văn phòng HĐND&UBND");
  });

  it("row 12 and 15: last group, wrapped timeframes and a roman-looking 'III hằng năm' line", () => {
    expect(byOrdinal(tasks000, 12)).toMatchObject({
      section: "Phụ lục > III. Thực hiện Chương trình 03-CTr/ĐU",
      task: "Xem xét, quyết định các nghị quyết về kế hoạch phát triển kinh tế – xã hội, đầu tư công, dự toán và phân bổ ngân sách phường",
      lead: "Các Ban HĐND",
      partners: "Văn phòng HĐND&UBND",
      leader: "Chủ tịch HĐND",
      output: "Nghị quyết HĐND phường",
      timeframe: { kind: "quy_hang_nam", raw: "Quý II và Quý IV hằng năm" },
    });
    expect(byOrdinal(tasks000, 15)).toMatchObject({
      task: "Theo dõi, đôn đốc việc giải quyết kiến nghị cử tri liên quan đến hạ tầng đô thị, môi trường",
      lead: "Ban Kinh tế - Ngân sách",
      output: "Thông báo kết quả giải quyết kiến nghị",
      timeframe: { kind: "quy_hang_nam", raw: "Quý I và Quý III hằng năm", quarters: [1, 3] },
    });
  });
});

describe("appendix-table extractor: 002 rows field by field", () => {
  it("has no leader or output columns", () => {
    expect(tasks002.every((t) => t.leader === null && t.output === null)).toBe(true);
  });

  it("I.1: bare STT line, partner list broken over four lines", () => {
    expect(byOrdinal(tasks002, 1)).toMatchObject({
      section: "Phụ lục > I. QUÁN TRIỆT, TRIỂN KHAI",
      task: "Tổ chức quán triệt, tuyên truyền Kế hoạch số 13/KH-HĐND của Thường trực HĐND Thành phố",
      lead: "Văn phòng HĐND&UBND",
      partners: "Các Ban HĐND, Văn phòng HĐND&UBND, các phòng ban, đơn vị liên quan",
      timeframe: { kind: "quy_cu_the", raw: "Quý I/2026" },
    });
  });

  it("II.2 and II.3: rows without partners", () => {
    expect(byOrdinal(tasks002, 4)).toMatchObject({
      task: "Trang bị máy tính bảng hoặc thiết bị phù hợp cho đại biểu HĐND phường",
      lead: "Văn phòng HĐND&UBND",
      partners: null,
      timeframe: { kind: "quy_cu_the", raw: "Quý II/2026", quarters: [2] },
    });
    expect(byOrdinal(tasks002, 5)).toMatchObject({
      task: "Bảo đảm kết nối mạng, đường truyền ổn định phục vụ họp trực tuyến, khai thác tài liệu số",
      partners: null,
      timeframe: { kind: "thuong_xuyen", raw: "Thường xuyên" },
    });
  });

  it("III.1: task text resuming after the unit and timeframe line", () => {
    expect(byOrdinal(tasks002, 6)).toMatchObject({
      section: "Phụ lục > III. TRIỂN KHAI CÁC NỀN TẢNG, ỨNG DỤNG SỐ, XÂY DỰNG HỆ THỐNG DỮ LIỆU SỐ",
      task: "Mở rộng chức năng trên Trang thông tin điện tử của phường, cập nhật, đăng tải các văn bản của HĐND phường từ ngày 01/7/2025 đến hết ngày 31/12/2025",
      lead: "Văn phòng HĐND&UBND",
      partners: "Các Ban HĐND",
      timeframe: { kind: "quy_cu_the", raw: "Quý I/2026" },
    });
  });

  it("IV.3: lead starting on the task's last line ('… văn bản điện tử. Văn phòng')", () => {
    expect(byOrdinal(tasks002, 12)).toMatchObject({
      task: "Số hóa và lưu trữ toàn bộ hồ sơ kỳ họp, nghị quyết, biên bản họp dưới dạng văn bản điện tử",
      lead: "Văn phòng HĐND&UBND",
      partners: "Các Ban HĐND",
      timeframe: { kind: "theo_ky_hop", raw: "Theo kế hoạch tổ chức kỳ họp (Bắt đầu từ kỳ họp thứ Nhất)" },
    });
  });

  it("V.2: four cells interleaved on the first line, each finished on later lines", () => {
    expect(byOrdinal(tasks002, 14)).toMatchObject({
      section: "Phụ lục > V. CHUYỂN ĐỔI SỐ TRONG HOẠT ĐỘNG GIÁM SÁT, KHẢO SÁT",
      task: "Ứng dụng công nghệ số trong tổng hợp, thu thập dữ liệu, hình ảnh, minh chứng qua biểu mẫu điện tử phục vụ hoạt động giám sát, khảo sát",
      lead: "Các Ban HĐND",
      partners: "Văn phòng HĐND&UBND",
      timeframe: { kind: "bat_dau_thuong_xuyen", raw: "Thường xuyên (Bắt đầu từ Quý I/2026)", year: 2026, quarters: [1] },
    });
  });

  it("VI and VII: start quarter II, unbalanced quote kept as written", () => {
    expect(byOrdinal(tasks002, 17).timeframe).toMatchObject({ kind: "bat_dau_thuong_xuyen", quarters: [2], year: 2026 });
    expect(byOrdinal(tasks002, 19)).toMatchObject({
      section: "Phụ lục > VII. TẬP HUẤN, ĐÀO TẠO, BỒI DƯỠNG",
      task: expect.stringMatching(/^Triển khai phong trào “Bình dân học vụ số - Quốc hội số: Tổ chức tập huấn .* giám sát, khảo sát$/),
      lead: "Văn phòng HĐND&UBND",
      partners: "Các Ban HĐND",
      timeframe: { kind: "quy_cu_the", raw: "Quý III/2026", quarters: [3] },
    });
  });

  it("does not turn the narrative bullets of the plan body into tasks", () => {
    // Body-only items (section II.2 of the plan), absent from the appendix table.
    const all = tasks002.map((t) => t.task).join("\n");
    expect(all).not.toMatch(/Duy trì hình thức tiếp xúc cử tri/);
    expect(all).not.toMatch(/Thực hiện nghiêm các quy định về bảo mật/);
  });
});

describe.skipIf(dueDev === null)("appendix-table extractor: labelled due tasks", () => {
  const due = JSON.parse(dueDev ?? "{}") as Record<string, DueEntry[]>;
  const labelled = Object.values(due)
    .flat()
    .filter((d) => d.doc === DOC_000 || d.doc === DOC_002);
  const extracted = [...tasks000, ...tasks002];

  it("covers 000 and 002 in every period of the set", () => {
    expect(labelled.length).toBeGreaterThanOrEqual(28);
    for (const period of ["2026-Q1", "2026-Q3", "ongoing"]) {
      expect(due[period]!.some((d) => d.doc === DOC_000 || d.doc === DOC_002)).toBe(true);
    }
  });

  it.each(labelled.map((d) => [`${d.doc.slice(0, 3)} ${d.task.slice(0, 60)}`, d] as const))(
    "%s: found with the same text, lead, leader, partners, when and kind",
    (_name, d) => {
      const hits = extracted.filter((t) => t.doc === d.doc && norm(t.task) === norm(d.task));
      expect(hits).toHaveLength(1);
      const t = hits[0]!;
      expect(norm(t.lead)).toBe(norm(d.lead));
      if (d.leader !== undefined) expect(norm(t.leader)).toBe(norm(d.leader));
      if (d.partner !== undefined) expect(norm(t.partners)).toBe(norm(d.partner));
      expect(t.timeframe.raw).toBe(norm(d.when));
      expect(t.timeframe.kind).toBe(d.kind);
    },
  );
});

/**
 * A new plan in the same flattened-table layout with other wording, units and timeframes:
 * a page number and repeated header inside row 2, split "HĐND&UB"/"ND", a bare STT line,
 * a trailing page number, and a body that mentions the appendix mid-sentence.
 */
const SIMILAR_DOC = `KẾ HOẠCH
Giám sát và tiếp xúc cử tri năm 2027

I. NHIỆM VỤ
- Tổ chức giám sát việc giải quyết đơn thư theo Phụ lục kèm theo.
- Thường xuyên tiếp xúc cử tri.

Phụ lục
DANH MỤC NHIỆM VỤ NĂM 2027

STT NỘI DUNG CÔNG VIỆC ĐƠN VỊ 
CHỦ TRÌ

ĐƠN VỊ
PHỐI HỢP

LÃNH ĐẠO 
PHỤ TRÁCH

THỜI GIAN 
THỰC HIỆN

KẾT QUẢ, SẢN 
PHẨM

I Công tác giám sát

1 Giám sát việc giải quyết đơn thư khiếu 
nại, tố cáo của công dân trên địa bàn 
phường

Ban Pháp chế Công an phường, 
Ủy ban MTTQ 

phường

Trưởng Ban 
Pháp chế

Quý 2/2027 Báo cáo kết quả 
giám sát

2 Khảo sát tình hình an ninh trật tự tại Ban Pháp chế Văn phòng Phó Chủ tịch Tháng 9/2027 Thông báo kết 
2
 STT NỘI DUNG CÔNG VIỆC ĐƠN VỊ 
CHỦ TRÌ

ĐƠN VỊ
PHỐI HỢP

LÃNH ĐẠO 
PHỤ TRÁCH

THỜI GIAN 
THỰC HIỆN

KẾT QUẢ, SẢN 
PHẨM

các tổ dân phố

HĐND&UB
ND

HĐND luận khảo sát

II Công tác tiếp xúc cử tri

3

Tổ chức tiếp xúc cử tri trước và sau 
kỳ họp HĐND phường

Văn phòng 
HĐND&UB

ND

Các Tổ đại biểu Chủ tịch HĐND Quý I và Quý 
III hằng năm

Báo cáo tổng 
hợp ý kiến cử tri

4 Tổng hợp, phân loại kiến nghị của cử tri 
gửi các cơ quan có thẩm quyền

Thường trực 
HĐND

Các Ban HĐND Phó Chủ tịch 
HĐND

Thường 
xuyên

Văn bản chuyển 
kiến nghị
3
`;

describe("appendix-table extractor: a similar new document", () => {
  const entry: ManifestEntry = {
    ...entryOf(DOC_000),
    file: "similar.txt",
    year: 2027,
    term: { from: 2026, to: 2031 },
  };
  const tasks = extractAppendixTable({ entry, text: normalizeVietnamese(SIMILAR_DOC) });

  it("reads every row of it, and only the table rows", () => {
    expect(tasks.map((t) => [t.ordinal, t.section])).toEqual([
      [1, "Phụ lục > I. Công tác giám sát"],
      [2, "Phụ lục > I. Công tác giám sát"],
      [3, "Phụ lục > II. Công tác tiếp xúc cử tri"],
      [4, "Phụ lục > II. Công tác tiếp xúc cử tri"],
    ]);
  });

  it("reconstructs its cells", () => {
    const pick = (t: ExtractedTask) => ({ task: t.task, lead: t.lead, partners: t.partners, leader: t.leader, output: t.output, when: t.timeframe.raw, kind: t.timeframe.kind });
    expect(tasks.map(pick)).toEqual([
      {
        task: "Giám sát việc giải quyết đơn thư khiếu nại, tố cáo của công dân trên địa bàn phường",
        lead: "Ban Pháp chế",
        partners: "Công an phường, Ủy ban MTTQ phường",
        leader: "Trưởng Ban Pháp chế",
        output: "Báo cáo kết quả giám sát",
        when: "Quý 2/2027",
        kind: "quy_cu_the",
      },
      {
        task: "Khảo sát tình hình an ninh trật tự tại các tổ dân phố",
        lead: "Ban Pháp chế",
        partners: "Văn phòng HĐND&UBND",
        leader: "Phó Chủ tịch HĐND",
        output: "Thông báo kết luận khảo sát",
        when: "Tháng 9/2027",
        kind: "thang",
      },
      {
        task: "Tổ chức tiếp xúc cử tri trước và sau kỳ họp HĐND phường",
        lead: "Văn phòng HĐND&UBND",
        partners: "Các Tổ đại biểu",
        leader: "Chủ tịch HĐND",
        output: "Báo cáo tổng hợp ý kiến cử tri",
        when: "Quý I và Quý III hằng năm",
        kind: "quy_hang_nam",
      },
      {
        task: "Tổng hợp, phân loại kiến nghị của cử tri gửi các cơ quan có thẩm quyền",
        lead: "Thường trực HĐND",
        partners: "Các Ban HĐND",
        leader: "Phó Chủ tịch HĐND",
        output: "Văn bản chuyển kiến nghị",
        when: "Thường xuyên",
        kind: "thuong_xuyen",
      },
    ]);
    expect(tasks[2]!.timeframe).toMatchObject({ fromYear: 2026, toYear: 2031 });
  });
});

describe("appendix-table extractor: other input", () => {
  it("returns nothing for documents without an appendix table", () => {
    for (const entry of manifest.documents.filter((d) => d.layout !== "appendix-table")) {
      expect(extractAppendixTable({ entry, text: normalizeVietnamese(readDocumentText(entry)) }), entry.file).toEqual([]);
    }
  });

  it("never throws on empty or malformed text", () => {
    const entry = entryOf(DOC_000);
    for (const text of ["", "Phụ lục", "Phụ lục\nSTT NHIỆM VỤ THỜI GIAN\n1", "STT\n1 x\n2 Y Quý", "\n\n\u0000"]) {
      expect(() => extractAppendixTable({ entry, text })).not.toThrow();
    }
  });
});

import { describe, expect, it } from "vitest";
import { loadManifest, readDocumentText } from "../../rag/corpus/manifest.ts";
import { cleanDocumentText } from "../../rag/ingest/clean.ts";
import { parseHeading, splitSections, type Section } from "../../rag/ingest/sections.ts";
import { factKey } from "../../rag/text/vietnamese.ts";
import { devDataset } from "../helpers/dev-datasets.ts";

const manifest = loadManifest();
const docs = manifest.documents.map((entry) => {
  const cleaned = cleanDocumentText(readDocumentText(entry));
  return { entry, cleaned, sections: splitSections(cleaned, entry.title) };
});
const doc = (prefix: string) => docs.find((d) => d.entry.file.startsWith(prefix))!;
const lines = (text: string) => text.split("\n").filter((l) => l !== "");
const words = (text: string) => text.split(/\s+/).filter((w) => w !== "");
const paths = (sections: Section[]) => sections.map((s) => s.path);

describe("cleanDocumentText", () => {
  it("is stable under a second pass", () => {
    for (const d of docs) expect(cleanDocumentText(d.cleaned), d.entry.file).toBe(d.cleaned);
  });

  it("drops page-number lines but keeps appendix row numbers", () => {
    // Doc 003 has page numbers "5" and "14" between blank runs.
    const c = doc("003").cleaned;
    expect(lines(c).filter((l) => /^\d{1,3}$/.test(l))).toEqual([]);
    expect(c).toContain("(Ban Chỉ huy Quân sự, Công an phường chuẩn bị).");
    // Doc 002's table puts each STT on its own line: it is glued to its row, not dropped.
    const c2 = doc("002").cleaned;
    expect(c2).toContain("\n1 Tổ chức quán triệt, tuyên truyền Kế hoạch số 13/KH-HĐND của Thường trực HĐND Thành phố\n");
    expect(c2).toContain("\n2 Hoàn thiện, rà soát các quy trình nội bộ");
  });

  it("keeps one table header and drops its copies at page breaks", () => {
    const c = doc("000").cleaned;
    expect(c.match(/STT NHIỆM VỤ, GIẢI PHÁP/g)).toHaveLength(1);
    expect(c).toContain("STT NHIỆM VỤ, GIẢI PHÁP ĐƠN VỊ THAM MƯU ĐƠN VỊ PHỐI HỢP LÃNH ĐẠO PHỤ TRÁCH THỜI GIAN THỰC HIỆN KẾT QUẢ, SẢN PHẨM");
    expect(lines(c).filter((l) => /^(?:THAM MƯU|PHỐI HỢP|PHỤ TRÁCH|PHẨM)$/.test(l))).toEqual([]);
  });

  it("joins lines broken mid-sentence, across blank lines and page breaks", () => {
    const c0 = doc("000").cleaned;
    expect(c0).toContain("- Cụ thể hóa đầy đủ, kịp thời và thống nhất các mục tiêu, nhiệm vụ, giải pháp của 03 Chương trình công tác toàn khóa của Đảng ủy phường thành các nội dung hoạt động cụ thể của HĐND phường,");
    expect(c0).toContain("1. Hằng năm, Thường trực HĐND phường tổ chức ít nhất 03 hoạt động giám sát chuyên đề, khảo sát, chất vấn, giải trình giữa 02 kỳ họp thường lệ.");
    expect(c0).toContain("Quý II và Quý IV hằng năm");
    expect(c0).toContain("Văn phòng HĐND&UBND"); // "HĐND&UB\n\nND" in the table
    expect(c0).not.toMatch(/HĐND&UB\n/);
    expect(doc("004").cleaned).toContain("trong việc triển khai, thực hiện dân chủ trên địa bàn phường.");
    expect(doc("002").cleaned).toContain("- Đổi mới phương thức lãnh đạo, chỉ đạo, điều hành của Thường trực HĐND; nâng cao chất lượng");
    // Doc 003 puts a blank line after every visual line, so capitalised continuations join too.
    expect(doc("003").cleaned).toContain(
      "- Thông qua Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ phường lần thứ I, nhiệm kỳ 2025-2030; Chương trình công tác toàn khóa",
    );
  });

  it("keeps headings and bullets on their own lines", () => {
    const l1 = lines(doc("001").cleaned);
    expect(l1).toContain("II. CÁC NHIỆM VỤ CỤ THỂ");
    expect(l1).toContain("2. Thực hiện tốt công tác giám sát");
    expect(l1).toContain("- Thu-chi ngân sách xã và hiệu quả sử dụng nguồn lực.");
    const l3 = lines(doc("003").cleaned);
    expect(l3).toContain("Năm 2026");
    expect(l3).toContain("BAN THƯỜNG VỤ ĐẢNG ỦY");
    expect(l3).toContain("3. Tháng 3/2026");
    expect(l3).toContain("1. Mục đích");
  });

  it("fixes 'I//2026', removes markdown emphasis and collapses spaces", () => {
    const c0 = doc("000").cleaned;
    expect(c0).not.toContain("I//2026");
    expect(c0).toContain("Thường xuyên (bắt đầu từ quý I/2026)");
    for (const d of docs) {
      expect(d.cleaned, d.entry.file).not.toContain("*");
      expect(d.cleaned, d.entry.file).not.toMatch(/ {2,}|[ \t]$/m);
    }
    expect(doc("001").cleaned).toContain("Xây dựng đội ngũ đại biểu “5 gần”: gần dân");
    expect(doc("001").cleaned).toContain("- Ban Kinh tế- Ngân sách: Thẩm tra");
  });

  it("applies normalizeVietnamese", () => {
    expect(cleanDocumentText("Qúy II và Qúy IV hằng \n\nnăm")).toBe("Quý II và Quý IV hằng năm");
    expect(cleanDocumentText("Đảng uỷ phường")).toBe("Đảng ủy phường");
  });
});

describe("splitSections", () => {
  it("puts every word of the cleaned document in exactly one section, in order", () => {
    for (const d of docs) {
      expect(words(d.sections.map((s) => s.text).join("\n")), d.entry.file).toEqual(words(d.cleaned));
      expect(d.sections.map((s) => s.ordinal)).toEqual(d.sections.map((_, i) => i));
    }
  });

  it("keeps sections retrieval-sized and never empty", () => {
    for (const d of docs) {
      for (const s of d.sections) {
        expect(s.text.length, `${d.entry.file} ${s.path}`).toBeLessThanOrEqual(1500);
        expect(s.text.trim().length).toBeGreaterThan(0);
      }
    }
  });

  it("cuts long sections only between units or sentences", () => {
    for (const d of docs) {
      const cleanLines = new Set(lines(d.cleaned));
      d.sections.forEach((s, i) => {
        const next = d.sections[i + 1];
        if (!next || !/\(phần \d+\)$/.test(next.path)) return;
        const lastLine = s.text.split("\n").pop()!;
        expect(cleanLines.has(lastLine) || /[.!?…]["”’)]*$/u.test(lastLine), `${d.entry.file} ${next.path}`).toBe(true);
      });
    }
  });

  it("labels the preamble with the document title and continuation parts with (phần N)", () => {
    for (const d of docs) expect(d.sections[0]!.path).toBe(d.entry.title);
    const p0 = paths(doc("000").sections);
    expect(p0).toContain("III. NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN > 1. Thực hiện Chương trình 01-CTr/ĐU");
    expect(p0).toContain("III. NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN > 1. Thực hiện Chương trình 01-CTr/ĐU (phần 2)");
  });

  it("builds heading paths for known headings of each document", () => {
    const p0 = paths(doc("000").sections);
    expect(p0).toContain("I. MỤC ĐÍCH, YÊU CẦU > 1. Mục đích");
    expect(p0).toContain("IV. TỔ CHỨC THỰC HIỆN > 4. Văn phòng HĐND&UBND phường");
    expect(p0).toContain("Phụ lục > II. Thực hiện Chương trình 02-CTr/ĐU");
    expect(p0).toContain("Nơi nhận");

    const p1 = paths(doc("001").sections);
    expect(p1).toContain("II. CÁC NHIỆM VỤ CỤ THỂ > 2. Thực hiện tốt công tác giám sát");
    expect(p1).toContain("II. CÁC NHIỆM VỤ CỤ THỂ > 2. Thực hiện tốt công tác giám sát > Danh mục các chuyên đề giám sát trọng tâm nhiệm kỳ 2025 – 2030");
    expect(p1).toContain("III. TỔ CHỨC THỰC HIỆN KẾ HOẠCH > 1. Trách nhiệm của Thường trực HĐND xã");

    const p2 = paths(doc("002").sections);
    expect(p2).toContain("II. CHỈ TIÊU, NHIỆM VỤ > 2. Nhiệm vụ, giải pháp > 2.4. Chuyển đổi số trong hoạt động kỳ họp HĐND");
    expect(p2).toContain("II. CHỈ TIÊU, NHIỆM VỤ > 2. Nhiệm vụ, giải pháp > 2.6. Chuyển đổi số trong hoạt động tiếp xúc cử tri, giải quyết kiến nghị cử tri");
    expect(p2).toContain("Phụ lục > V. CHUYỂN ĐỔI SỐ TRONG HOẠT ĐỘNG GIÁM SÁT, KHẢO SÁT");

    const p3 = paths(doc("003").sections);
    expect(p3).toContain("II. CHƯƠNG TRÌNH CỤ THỂ > Năm 2026 > BAN THƯỜNG VỤ ĐẢNG ỦY > 3. Tháng 3/2026");
    expect(p3).toContain("II. CHƯƠNG TRÌNH CỤ THỂ > Năm 2026 > BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG > 2. Hội nghị Ban Chấp hành Đảng bộ phường lần thứ 4 (tháng 3/2026)");
    expect(p3).toContain("II. CHƯƠNG TRÌNH CỤ THỂ > Năm 2030 > BAN THƯỜNG VỤ ĐẢNG ỦY > 8. Tháng 8/2030");
    expect(p3).toContain("III. TỔ CHỨC THỰC HIỆN");
    // 60 Standing Committee months, 2025-09 .. 2030-08, each under its year.
    const months = new Set(p3.map((p) => p.replace(/ \(phần \d+\)$/, "")).filter((p) => /BAN THƯỜNG VỤ ĐẢNG ỦY > \d+\. Tháng/.test(p)));
    expect(months.size).toBe(60);

    const p4 = paths(doc("004").sections);
    expect(p4).toContain("II. NỘI DUNG > 1. Tổ chức quán triệt, tuyên truyền, phổ biến");
    expect(p4).toContain("IV. TỔ CHỨC THỰC HIỆN > 2. Phòng Văn hóa - Xã hội");
    expect(p4).toContain(
      "II. NỘI DUNG > 2. Các nhiệm vụ cụ thể để thực hiện các mục tiêu và biện pháp bảo đảm thực hiện dân chủ ở cơ sở > a) Đối với mục tiêu bảo đảm thực hiện dân chủ ở cơ sở",
    );
  });

  it("keeps a heading with no text of its own inside its first child section", () => {
    const first = doc("003").sections.find((s) => s.path.includes("Năm 2025 > BAN CHẤP HÀNH"))!;
    expect(first.text.startsWith("II. CHƯƠNG TRÌNH CỤ THỂ\nNăm 2025\nBAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG\n1. Hội nghị")).toBe(true);
    expect(paths(doc("003").sections)).not.toContain("II. CHƯƠNG TRÌNH CỤ THỂ");
  });

  it("does not take list items ending a sentence for headings", () => {
    expect(parseHeading("1. Hằng năm, Thường trực HĐND phường tổ chức ít nhất 03 hoạt động giám sát chuyên đề.")).toBeNull();
    expect(parseHeading("1. Mục đích")).toEqual({ level: 4, label: "1. Mục đích" });
    expect(parseHeading("I Thực hiện Chương trình 01-CTr/ĐU")).toEqual({ level: 1, label: "I. Thực hiện Chương trình 01-CTr/ĐU" });
    expect(parseHeading("III hằng năm")).toBeNull();
  });
});

const qaDev = devDataset("qa.dev.jsonl");
describe.skipIf(qaDev === null)("qa.dev facts stay whole inside one section", () => {
  const qa = (qaDev ?? "")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; doc: string | null; must_contain: string[] });
  const sectionKeys = new Map(docs.map((d) => [d.entry.file, d.sections.map((s) => factKey(s.text))]));
  it("for the Nghi Dương (001) and Hồng An (004) questions, and every other answered question", () => {
    for (const q of qa) {
      if (!q.doc) continue;
      const keys = sectionKeys.get(q.doc)!;
      for (const fact of q.must_contain) {
        const hit = keys.some((k) => k.includes(factKey(fact)));
        expect(hit, `${q.id}: ${fact}`).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import { loadManifest, readDocumentText, type ManifestEntry } from "../../rag/corpus/manifest.ts";
import { cleanDocumentText } from "../../rag/ingest/clean.ts";
import { extractDutyList, isCatchAllDuty } from "../../rag/tasks/extract/duty-list.ts";
import { extractedTaskSchema, UNDATED_KINDS, type ExtractedTask } from "../../rag/tasks/types.ts";
import { foldVietnamese, normalizeVietnamese } from "../../rag/text/vietnamese.ts";
import { devDataset } from "../helpers/dev-datasets.ts";

const dueDev = devDataset("due.dev.json");

const DOC = "001_47201d46dd89f372.txt";
const entry: ManifestEntry = loadManifest().documents.find((d) => d.file === DOC)!;
const text = normalizeVietnamese(readDocumentText(entry));
const tasks = extractDutyList({ entry, text });

const II = "II. CÁC NHIỆM VỤ CỤ THỂ";
const III = "III. TỔ CHỨC THỰC HIỆN KẾ HOẠCH";
const TOPICS = `${II} > 2. Thực hiện tốt công tác giám sát > Danh mục các chuyên đề giám sát trọng tâm nhiệm kỳ 2025 – 2030`;
const inSection = (section: string) => tasks.filter((t) => t.section === section);
function find(prefix: string): ExtractedTask {
  const found = tasks.filter((t) => t.task.startsWith(prefix));
  expect(found, prefix).toHaveLength(1);
  return found[0]!;
}

describe("extractDutyList on the Nghi Dương plan (doc 001)", () => {
  it("produces schema-valid standing duties for the whole term", () => {
    expect(entry.layout).toBe("duty-list");
    expect(tasks).toHaveLength(65);
    tasks.forEach((t, i) => {
      expect(() => extractedTaskSchema.parse(t)).not.toThrow();
      expect(t.doc).toBe(DOC);
      expect(t.ordinal).toBe(i);
      expect(t.timeframe).toEqual({ kind: "trong_nhiem_ky", raw: "Nhiệm kỳ 2025-2030", year: null, quarters: [], month: null, day: null, fromYear: 2025, toYear: 2030 });
      expect(t.leader).toBeNull();
      expect(t.output).toBeNull();
      expect(t.lead).not.toBeNull();
      expect(t.task).not.toMatch(/^[-–+•\s]|[\s.;,:]$/u);
      expect(t.section.startsWith(`${II} > `) || t.section.startsWith(`${III} > `)).toBe(true);
    });
  });

  it.skipIf(dueDev === null)("agrees with the labelled due set: no Nghi Dương task is dated or ongoing", () => {
    const due = JSON.parse(dueDev!) as Record<string, { doc: string }[]>;
    for (const list of Object.values(due)) expect(list.filter((l) => l.doc === DOC)).toEqual([]);
    // "Hằng năm, HĐND xã tổ chức sơ kết…" keeps its wording but stays a whole-term duty.
    expect(tasks.filter((t) => UNDATED_KINDS.has(t.timeframe.kind))).toEqual([]);
    expect(find("Hằng năm, HĐND xã tổ chức sơ kết").timeframe.kind).toBe("trong_nhiem_ky");
  });

  it("counts duties per heading", () => {
    const counts: Record<string, number> = {};
    for (const t of tasks) counts[t.section] = (counts[t.section] ?? 0) + 1;
    expect(counts).toEqual({
      [`${II} > 1. Đổi mới, nâng cao chất lượng hoạt động của HĐND xã`]: 3,
      [`${II} > 2. Thực hiện tốt công tác giám sát`]: 2,
      [TOPICS]: 12,
      [`${II} > 3. Công tác quyết định, ban hành Nghị quyết`]: 5,
      [`${II} > 4. Phê duyệt kế hoạch phát triển kinh tế - xã hội, đầu tư công`]: 3,
      [`${II} > 5. Công tác tài chính - ngân sách`]: 3,
      [`${II} > 6. Quy chế phối hợp với UBND, UBMTTQ và các đoàn thể chính trị - xã hội`]: 3,
      [`${II} > 7. Đổi mới nội dung tổ chức các kỳ họp, hoạt động chất vấn, tiếp xúc cử tri`]: 4,
      [`${II} > 8. Xây dựng hình ảnh đại biểu HĐND xã Nghi Dương “gần dân, sát dân, vì dân”`]: 8,
      [`${III} > 1. Trách nhiệm của Thường trực HĐND xã`]: 6,
      [`${III} > 2. Trách nhiệm của các Ban HĐND xã`]: 3,
      [`${III} > 3. Trách nhiệm của đại biểu HĐND xã`]: 4,
      [`${III} > 4. Cơ chế phối hợp với UBND, UBMTTQ và các tổ chức chính trị - xã hội`]: 3,
      [`${III} > 5. Công tác thông tin, tuyên truyền, vận động nhân dân`]: 3,
      [`${III} > 6. Công tác sơ kết, tổng kết, đánh giá kết quả thực hiện kế hoạch`]: 3,
    });
  });

  it("takes the lead from the responsibility heading", () => {
    const standing = inSection(`${III} > 1. Trách nhiệm của Thường trực HĐND xã`);
    expect(new Set(standing.map((t) => t.lead))).toEqual(new Set(["Thường trực HĐND xã"]));
    expect(standing.map((t) => t.task.slice(0, 30))).toEqual([
      "Điều hành, phối hợp, tổ chức t",
      "Chủ trì xây dựng kế hoạch triể",
      "Chuẩn bị nội dung, chương trìn",
      "Đơn đốc UBND xã và các cơ quan",
      "Điều hành hoạt động giữa các B",
      "Chỉ đạo và trực tiếp tham gia ",
    ]);
    // The closing lead-in "Trong nhiệm kỳ 2025-2030, Thường trực HĐND xã Nghi Dương có trách nhiệm:" is not part of the duty.
    expect(standing[0]!.task).toBe(
      "Điều hành, phối hợp, tổ chức thực hiện các hoạt động của HĐND xã trong việc thực hiện các nội dung của kế hoạch thực hiện chương trình hành động thực hiện Nghị quyết của Đại hội Đảng bộ xã nhiệm kỳ 2025-2030",
    );
    expect(new Set(inSection(`${III} > 3. Trách nhiệm của đại biểu HĐND xã`).map((t) => t.lead))).toEqual(new Set(["Đại biểu HĐND xã"]));
  });

  it("takes a committee's name from its label as the lead", () => {
    const econ = find("Thẩm tra các báo cáo, đề án, dự thảo nghị quyết liên quan đến phát triển kinh tế-xã hội");
    expect(econ.lead).toBe("Ban Kinh tế - Ngân sách");
    expect(econ.section).toBe(`${III} > 2. Trách nhiệm của các Ban HĐND xã`);
    expect(econ.task.endsWith("Tổ chức giám sát chuyên đề trong các lĩnh vực này")).toBe(true);
    const culture = find("Thẩm tra các văn bản, dự thảo nghị quyết liên quan đến quốc phòng - an ninh");
    expect(culture.lead).toBe("Ban Văn hóa - Xã hội");
    expect(culture.task).toContain("giải quyết đơn thư");
    expect(find("Chủ động phối hợp, tổ chức khảo sát, giám sát, tiếp xúc cử tri").lead).toBe("Các Ban HĐND xã");
  });

  it("lists the supervision topics as supervision duties of the Standing Committee and committees", () => {
    const topics = inSection(TOPICS);
    expect(new Set(topics.map((t) => t.lead))).toEqual(new Set(["Thường trực HĐND, các Ban HĐND xã"]));
    expect(topics[0]!.task).toBe("Quản lý, sử dụng đất đai và công tác giải phóng mặt bằng phục vụ các công trình công cộng và khu công nghiệp");
    expect(topics.map((t) => t.task)).toContain("Thu-chi ngân sách xã và hiệu quả sử dụng nguồn lực");
    // Two topics run together in one bullet are two duties.
    expect(topics.map((t) => t.task)).toContain("Cải cách hành chính, chuyên đổi số, chính quyền số cấp xã");
    expect(topics.map((t) => t.task)).toContain("Chính sách an sinh xã hội, giảm nghèo bền vững và giải quyết việc làm");
    expect(topics[topics.length - 1]!.task).toBe("Thực hiện quy chế dân chủ ở cơ sở, công tác tiếp công dân, giải quyết kiến nghị cử tri");
  });

  it("leaves out catch-all lines, paragraphs and the purpose part", () => {
    const folded = tasks.map((t) => foldVietnamese(t.task));
    expect(folded.some((t) => t.includes("cac noi dung khac theo luat dinh"))).toBe(false);
    expect(folded.some((t) => t.includes("5 den 7 cuoc giam sat"))).toBe(false); // a paragraph, not a duty
    expect(folded.some((t) => t.startsWith("ke hoach thuc hien phai tinh kha thi"))).toBe(false); // I. MỤC ĐÍCH, YÊU CẦU
    expect(isCatchAllDuty("Và các nội dung khác theo luật định.")).toBe(true);
    expect(isCatchAllDuty("Quản lý tài nguyên, trật tự xây dựng")).toBe(false);
  });

  it("names the subject of an item as its lead, and the partner of a coordination item", () => {
    expect(find("Thường trực HĐND, các Ban HĐND giám sát việc UBND xã lập kế hoạch").lead).toBe("Thường trực HĐND, các Ban HĐND xã");
    expect(find("HĐND xã quyết định dự toán").lead).toBe("HĐND xã");
    expect(find("Mỗi đại biểu HĐND phải thường xuyên").lead).toBe("Đại biểu HĐND xã");
    expect(find("Đổi mới nội dung, phương thức hoạt động").lead).toBe("HĐND xã");
    const ubnd = inSection(`${III} > 4. Cơ chế phối hợp với UBND, UBMTTQ và các tổ chức chính trị - xã hội`);
    expect(ubnd.map((t) => t.partners)).toEqual(["UBND xã", "Ủy ban MTTQ và các đoàn thể", "Các cơ quan, đơn vị khác"]);
    expect(inSection(`${II} > 6. Quy chế phối hợp với UBND, UBMTTQ và các đoàn thể chính trị - xã hội`).map((t) => t.partners)).toEqual([
      "UBND xã",
      "Ủy ban MTTQ và các đoàn thể",
      "Các cơ quan chuyên môn",
    ]);
    expect(tasks.filter((t) => t.partners !== null)).toHaveLength(6);
  });

  it("gives the same tasks from already cleaned text", () => {
    expect(extractDutyList({ entry, text: cleanDocumentText(text) })).toEqual(tasks);
  });
});

/**
 * Answers that find the right row, list everything asked for and say plainly what the
 * documents do not contain — checked on the shipped corpus.
 */
import { describe, expect, it } from "vitest";
import { ask, prepareAnswer } from "../../rag/answer/ask.ts";
import { analyzeAsks } from "../../rag/answer/asks.ts";
import { hasFact } from "../../rag/answer/checks.ts";
import type { KnowledgeBase } from "../../rag/knowledge/knowledge-base.ts";
import { PL_PLAN, PL_DIGITAL, useTestKnowledge } from "../helpers/knowledge.ts";

const NOW = new Date("2026-11-23T03:00:00Z");
let kb: KnowledgeBase;
useTestKnowledge((k) => (kb = k));

const q = (text: string) => ask(kb, text, { now: NOW });
const numbered = (answer: string) => answer.split("\n").filter((l) => /^\d+\. /.test(l));

describe("what a question asks", () => {
  it.each([
    ["Ai chủ trì giám sát đất đai?", { columns: ["lead"] }],
    ["Việc này phối hợp với những đơn vị nào, lãnh đạo nào phụ trách?", { columns: ["partners", "leader"], list: true }],
    ["Kinh phí trang bị là bao nhiêu?", { fact: "amount" }],
    ["Xã có bao nhiêu hộ dân?", { fact: "count", countNoun: ["ho", "dan"] }],
    ["bao gio dai bieu duoc trang bi may tinh bang?", { fact: null, columns: ["when"] }],
    ["Kế hoạch ký ngày nào?", { fact: "day" }],
    ["Số điện thoại của văn phòng là gì?", { fact: "contact" }],
    ["Phụ lục có bao nhiêu nhiệm vụ?", { countItems: true, list: true }],
    ["So sánh hai kế hoạch", { compare: true }],
    ["Chủ tịch HĐND phường là ai?", { roleHolder: { role: "chu tich", body: "hdnd phuong" }, fact: "person" }],
    ["Kết quả, sản phẩm của việc này là gì?", { columns: ["output"], fact: null }],
    ["Kết quả giám sát năm 2026 như thế nào?", { fact: "outcome" }],
    ["Nhiệm kỳ 2025 - 2030 năm 2027 có gì?", { years: [2027] }],
    ["chi tiết mục 2", { itemRef: 2 }],
    ["kỳ họp thứ hai do ai phụ trách", { itemRef: null }],
  ])("%s", (text, expected) => {
    expect(analyzeAsks(text)).toMatchObject(expected);
  });

  it("tells a count, a day and a sum that belong to the question from ones that merely appear", () => {
    const terms = new Set(["tiep", "xuc", "cu", "tri", "ky", "hop", "thuong", "le"]);
    const ctx = (noun: string[]) => ({ countNoun: noun, terms, question: "" });
    expect(hasFact("count", "Kỳ họp thường lệ tổ chức ít nhất 2 lần/năm.", ctx(["lan"]))).toBe(true);
    expect(hasFact("count", "Kỳ họp thường lệ tổ chức ít nhất 2 lần/năm.", { ...ctx(["lan"]), terms: new Set(["tiep", "xuc", "cu", "tri"]) })).toBe(false);
    expect(hasFact("count", "100% cán bộ được tập huấn.", ctx(["can", "bo"]))).toBe(false);
    expect(hasFact("amount", "Kinh phí do ngân sách nhà nước bảo đảm.", ctx([]))).toBe(false);
    expect(hasFact("person", "Đồng chí Bùi Xuân Thắng - UVBTVTU", { countNoun: [], terms, question: "ai là chỉ huy trưởng" })).toBe(true);
    expect(hasFact("person", "Phó Chủ tịch HĐND phụ trách", { countNoun: [], terms, question: "" })).toBe(false);
  });
});

describe("the right row and column", () => {
  it("answers a column of a table row from that column", async () => {
    const a = await q("Đơn vị nào phối hợp khi giám sát việc thực hiện chuyển đổi số của UBND phường Phúc Lợi?");
    expect(a.found).toBe(true);
    expect(a.answer.split("\n")[0]).toBe("Đơn vị phối hợp: Ban Kinh tế - Ngân sách, Văn phòng HĐND&UBND.");
    expect(a.citations[0]!.doc).toBe(PL_PLAN);
  });

  it("answers a question naming a body from the section about that body", async () => {
    for (const [question, section] of [
      ["Các Ban HĐND phường Phúc Lợi có trách nhiệm gì trong Kế hoạch đổi mới sáng tạo và chuyển đổi số?", "III. TỔ CHỨC THỰC HIỆN > 2. Các Ban HĐND phường"],
      ["Văn phòng HĐND & UBND phường Phúc Lợi chịu trách nhiệm những gì trong kế hoạch chuyển đổi số?", "III. TỔ CHỨC THỰC HIỆN > 3. Văn phòng HĐND & UBND phường"],
    ] as const) {
      const a = await q(question);
      expect(a.found).toBe(true);
      expect(new Set(a.citations.map((c) => `${c.doc}|${c.section}`))).toEqual(new Set([`${PL_DIGITAL}|${section}`]));
    }
  });
});

describe("lists", () => {
  it("lists every item of the section asked about, says how many, and cites each", async () => {
    const a = await q("Kế hoạch chuyển đổi số của HĐND phường Phúc Lợi đặt ra những chỉ tiêu 100% nào?");
    const node = kb.outline.node(PL_DIGITAL, "II. CHỈ TIÊU, NHIỆM VỤ > 1. Một số chỉ tiêu")!;
    expect(a.answer.split("\n")[0]).toContain(`có ${node.items.length} nội dung`);
    expect(numbered(a.answer)).toHaveLength(node.items.length);
    expect(a.citations).toHaveLength(node.items.length);
  });

  it("selects rows by the column the question names", async () => {
    const a = await q("Những nhiệm vụ nào trong phụ lục kế hoạch của Thường trực HĐND phường Phúc Lợi do Chủ tịch HĐND phụ trách?");
    const expected = kb.tasks.filter((t) => t.doc === PL_PLAN && t.leader === "Chủ tịch HĐND");
    expect(expected.length).toBeGreaterThan(2);
    expect(numbered(a.answer)).toHaveLength(expected.length);
    for (const t of expected) expect(a.answer).toContain(t.task.slice(0, 40));
    expect(a.answer).not.toContain("Theo dõi, đôn đốc và tái giám sát"); // a Phó Chủ tịch row
  });

  it("compares across wards, one line per side", async () => {
    const a = await q("Kế hoạch của xã Nghi Dương và kế hoạch dân chủ của phường Hồng An do cơ quan nào ban hành?");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("Thường trực HĐND xã Nghi Dương");
    expect(a.answer).toContain("UBND phường Hồng An");
  });
});

describe("saying what the documents do not contain", () => {
  it.each([
    ["Phường Phúc Lợi dự chi bao nhiêu tiền để mua phần mềm diệt virus cho máy tính của Thường trực HĐND?"],
    ["Số điện thoại của Văn phòng HĐND&UBND phường Phúc Lợi là bao nhiêu?"],
    ["Kế hoạch đổi mới sáng tạo và chuyển đổi số của HĐND phường Phúc Lợi được ký ban hành ngày nào?"],
    ["Hội nghị Ban Chấp hành Đảng bộ phường Bạch Đằng lần thứ 25 bàn những nội dung gì?"],
    ["Năm 2033, HĐND phường Phúc Lợi tổ chức tập huấn chuyển đổi số cho đại biểu vào quý nào?"],
  ])("%s → found: false, said in the first sentence", async (question) => {
    const a = await q(question);
    expect(a.found).toBe(false);
    expect(a.answer.split("\n")[0]).toMatch(/không (có thông tin|ghi)/);
  });

  it("offers the nearest passage only as related information, and answers the paired question", async () => {
    const no = await q("Phường Phúc Lợi sẽ trang bị tổng cộng bao nhiêu máy tính bảng cho đại biểu HĐND?");
    expect(no.found).toBe(false);
    expect(no.answer).toContain("Thông tin liên quan (không trả lời trực tiếp câu hỏi):");
    expect(no.citations.some((c) => c.quote.includes("máy tính bảng"))).toBe(true);
    const yes = await q("Trang bị máy tính bảng cho đại biểu HĐND phường Phúc Lợi thực hiện vào thời gian nào?");
    expect(yes.found).toBe(true);
    expect(yes.answer).toContain("Quý II/2026");
  });

  it("keeps refusals certain without evidence for the LLM, and gives evidence when the answer depends on wording", async () => {
    const refusal = await prepareAnswer(kb, "Số điện thoại của Văn phòng HĐND&UBND phường Phúc Lợi là bao nhiêu?", { now: NOW });
    expect(refusal.routed.llm).toBe(false);
    const list = await prepareAnswer(kb, "Văn phòng HĐND & UBND phường Phúc Lợi chịu trách nhiệm những gì trong kế hoạch chuyển đổi số?", { now: NOW });
    expect(list.routed.llm).toBe(true);
    expect(list.routed.evidence[0]!.kind).toBe("list");
    expect(list.routed.evidence[0]!.text).toContain("Bảo đảm điều kiện kỹ thuật, hạ tầng, lưu trữ dữ liệu số");
  });
});

/**
 * Near misses and questions as people type them: the fact asked must be the one the passage
 * states (of the body asked about, a supplier's name, a count not misread from "trọng tâm"),
 * typed shorthand must not break document numbers, and "kế hoạch đó" means the document of
 * the previous answer.
 */
import { describe, expect, it } from "vitest";
import { ask, type AskResult } from "../../rag/answer/ask.ts";
import { analyzeAsks } from "../../rag/answer/asks.ts";
import { hasFact, saidOfOtherBody } from "../../rag/answer/checks.ts";
import type { KnowledgeBase } from "../../rag/knowledge/knowledge-base.ts";
import { expandAbbreviations } from "../../rag/text/abbreviations.ts";
import { PL_PLAN, ND_PLAN, PL_DIGITAL, HA_PLAN, useTestKnowledge } from "../helpers/knowledge.ts";

const NOW = new Date("2026-11-23T03:00:00Z");
let kb: KnowledgeBase;
useTestKnowledge((k) => (kb = k));

const q = (text: string) => ask(kb, text, { now: NOW });

async function chat(...messages: string[]): Promise<AskResult[]> {
  const out: AskResult[] = [];
  for (const m of messages) out.push(await ask(kb, m, { now: NOW, context: out.at(-1)?.context ?? null }));
  return out;
}

describe("typed shorthand", () => {
  it.each([
    // A document number is a symbol: its "TT" is not "Thường trực".
    ["Căn cứ 06/KH-TTHĐND và 82/NQ-HĐND", "Căn cứ 06/KH-TTHĐND và 82/NQ-HĐND"],
    ["tt hdnd phuong", "Thường trực hdnd phuong"],
    ["nq 82 hdnd tp ngay nao", "nghị quyết 82 hdnd thành phố ngay nao"],
    ["ky hop thu nhat nk 26-31", "ky hop thu nhat nhiệm kỳ 2026 - 2031"],
    ["giai đoạn 2026-31", "giai đoạn 2026 - 2031"],
    // Not a term: a quarter and its year are left alone.
    ["quý 3-26", "quý 3-26"],
  ])("%s", (typed, expanded) => {
    expect(expandAbbreviations(typed)).toBe(expanded);
  });

  it("answers a question that names a document by its number from that document, without quoting the number", async () => {
    const a = await q("Văn bản 06/KH-TTHĐND quy định HĐND xã họp thường lệ mấy lần trong một năm?");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("2 lần/năm");
    expect(a.citations[0]!.doc).toBe(ND_PLAN);
  });

  it("reads 'nk 26-31' and 'tp' as a term and a city", async () => {
    const lead = await q("ky hop thu nhat hdnd phuc loi nk 26-31 ai tham muu");
    expect(lead.found).toBe(true);
    expect(lead.answer).toContain("Văn phòng HĐND&UBND");
    expect(lead.citations[0]!.doc).toBe(PL_PLAN);
    const day = await q("nq 82 hdnd tp ngay nao");
    expect(day.found).toBe(true);
    expect(day.answer).toContain("11/12/2025");
    expect(day.citations[0]!.doc).toBe(HA_PLAN);
  });

  it("answers a fragment that is a section's label from that section", async () => {
    const a = await q("trach nhiem dai bieu hdnd xa nghi duong");
    expect(a.answer.split("\n")[0]).toContain("Trách nhiệm của đại biểu HĐND xã");
    expect(a.answer).toContain("tham gia đầy đủ các cuộc tiếp xúc cử tri");
  });

  it("matches an acronym the plan writes ('Ủy ban MTTQ') to the name a question spells out", async () => {
    const a = await q("hdnd nghi duong phoi hop mttq ntn");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("phản biện xã hội");
  });
});

describe("the specific fact asked", () => {
  it("reads number words with their marks: 'trọng tâm' is not eight", () => {
    const ctx = { countNoun: ["cuoc", "giam", "sat"], terms: new Set(["cuoc", "giam", "sat", "thuc", "hien"]), question: "" };
    expect(hasFact("count", "Coi giám sát là trọng tâm, tổ chức nhiều cuộc giám sát chuyên đề.", ctx)).toBe(false);
    expect(hasFact("count", "Hằng năm thực hiện tám cuộc giám sát chuyên đề.", ctx)).toBe(true);
  });

  it("does not take a number said of one body for another body's", async () => {
    expect(saidOfOtherBody("Tổ đại biểu giám sát mấy cuộc?", "Các Ban của HĐND xã hàng năm thực hiện 8 đến 10 cuộc giám sát")).toBe(true);
    expect(saidOfOtherBody("Các Ban giám sát mấy cuộc?", "Các Ban của HĐND xã hàng năm thực hiện 8 đến 10 cuộc giám sát")).toBe(false);
    expect(saidOfOtherBody("Xã giám sát mấy cuộc?", "Thường trực HĐND hàng năm thực hiện 5 đến 7 cuộc")).toBe(false);
    const a = await q("Hằng năm mỗi Tổ đại biểu HĐND xã Nghi Dương giám sát bao nhiêu cuộc?");
    expect(a.found).toBe(false);
    expect(a.answer.split("\n")[0]).toContain("không có thông tin");
    const b = await q("Hằng năm các Ban HĐND xã Nghi Dương giám sát chuyên đề bao nhiêu cuộc?");
    expect(b.found).toBe(true);
    expect(b.answer).toContain("8 đến 10");
  });

  it("asks a supplier's name of 'hãng nào' and refuses when none is named, offering the related row", async () => {
    expect(analyzeAsks("mua của hãng nào").fact).toBe("vendor");
    expect(analyzeAsks("công ty nào cung cấp").fact).toBe("vendor");
    expect(hasFact("vendor", "Trang bị phần mềm diệt virus có bản quyền.", { countNoun: [], terms: new Set(), question: "" })).toBe(false);
    expect(hasFact("vendor", "Mua bản quyền của hãng Bkav.", { countNoun: [], terms: new Set(), question: "" })).toBe(true);
    const a = await q("Máy tính của Thường trực HĐND phường Phúc Lợi cài phần mềm diệt virus của hãng nào?");
    expect(a.found).toBe(false);
    expect(a.answer.split("\n")[0]).toContain("tên hãng, nhà cung cấp");
    expect(a.citations.map((c) => c.doc)).toContain(PL_DIGITAL);
  });

  it("does not give the day of a document a passage cites for the day of something else", async () => {
    const ctx = { countNoun: [], terms: new Set(["doi", "thoai"]), question: "đối thoại tổ chức ngày nào", wholeUnit: true };
    expect(hasFact("day", "Tổ chức đối thoại theo Quyết định số 1155-QĐ/TU, ngày 20/10/2023 của Thành ủy.", ctx)).toBe(false);
    expect(hasFact("day", "Tổ chức đối thoại theo Quyết định số 1155-QĐ/TU, ngày 20/10/2023 của Thành ủy.", { ...ctx, question: "quyết định 1155 ký ngày nào" })).toBe(true);
    const a = await q("Hội nghị đối thoại với Nhân dân năm 2026 ở Bạch Đằng họp ngày nào?");
    expect(a.found).toBe(false);
    const b = await q("nghi quyet 82 cua hdnd tp ban hanh ngay nao");
    expect(b.found).toBe(true);
    expect(b.answer).toContain("11/12/2025");
  });

  it("dates a plan named by its number when asked 'đề ngày nào'", async () => {
    const a = await q("Kế hoạch 06/KH-TTHĐND đề ngày nào?");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("14 tháng 10 năm 2025");
  });

  it("lists the programmes a plan carries out when asked 'những chương trình nào', not the plan's parts", async () => {
    const a = await q("Kế hoạch toàn khóa của Thường trực HĐND Phúc Lợi gồm việc thực hiện các chương trình nào?");
    for (const n of ["03", "01", "02"]) expect(a.answer).toContain(`Chương trình ${n}-CTr`);
  });
});

describe("counts of a list", () => {
  it("counts the part named by the noun asked ('Một số chỉ tiêu'), not a wider one named by more ('CHỈ TIÊU, NHIỆM VỤ')", async () => {
    const a = await q("kh cds phuc loi co may chi tieu");
    expect(a.answer.split("\n")[0]).toContain("Một số chỉ tiêu");
    expect(a.answer.split("\n")[0]).toContain("có 8 nội dung");
    // A part named by the noun alone is still counted whole.
    const b = await q("Phụ lục kế hoạch chuyển đổi số Phúc Lợi có bao nhiêu nhiệm vụ?");
    expect(b.answer.split("\n")[0]).toMatch(/^Mục “Phụ lục”.* có 19 nhiệm vụ/);
  });
});

describe("follow-ups about the previous answer's document", () => {
  it("answers who signed, when and under which number 'that plan' was issued", async () => {
    const [first, signer, day, number] = await chat("Kế hoạch chuyển đổi số ở HĐND Phúc Lợi đặt những chỉ tiêu nào?", "ai ky ke hoach do", "kh do ban hanh ngay nao", "van ban nay so bao nhieu");
    expect(first!.citations[0]!.doc).toBe(PL_DIGITAL);
    expect(signer!.found).toBe(true);
    expect(signer!.answer).toContain("Nguyễn Thế Thạch");
    expect(signer!.citations.map((c) => c.doc)).toEqual([PL_DIGITAL]);
    // The plan leaves its day and number blank: said plainly, not guessed.
    expect(day!.found).toBe(false);
    expect(day!.answer).toContain("để trống ngày");
    expect(number!.found).toBe(false);
    expect(number!.answer).toContain("để trống số");
  });

  it("follows the document of the answer just given, not the first one of the conversation", async () => {
    const [, , signer] = await chat("Kế hoạch chuyển đổi số ở HĐND Phúc Lợi đặt những chỉ tiêu nào?", "Nghi Dương họp kỳ họp thường lệ mấy lần một năm?", "ai ký văn bản đó?");
    expect(signer!.answer).toContain("Phạm Thị Thanh");
    expect(signer!.citations.map((c) => c.doc)).toEqual([ND_PLAN]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, prepareAnswer } from "../../rag/answer/ask.ts";
import { createLlmAnswerer } from "../../rag/answer/llm-answer.ts";
import { analyzeQuestion } from "../../rag/answer/question.ts";
import type { KnowledgeBase } from "../../rag/knowledge/knowledge-base.ts";
import { parsePeriodId } from "../../rag/dates/period.ts";
import { openTestKnowledge } from "../helpers/knowledge.ts";
import { startOpenAiStub, type OpenAiStub } from "../helpers/openai-stub.ts";

const MAY_2026 = new Date("2026-05-10T05:00:00Z");
let kb: KnowledgeBase;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ kb, cleanup } = await openTestKnowledge());
});
afterAll(async () => cleanup());

describe("question analysis", () => {
  it("detects due-list questions, the period, the ward and the issuing body", () => {
    const docs = [
      { file: "a", ward: "Phúc Lợi", issuerBody: "hdnd" },
      { file: "b", ward: "Bạch Đằng", issuerBody: "dang_uy" },
    ];
    const a = analyzeQuestion("quy 3 nay HDND phuong Phuc Loi co nhung viec gi phai lam?", MAY_2026, docs);
    expect(a).toMatchObject({ asksDueList: true, ward: "Phúc Lợi", issuerBody: "hdnd" });
    expect(a.period?.id).toBe("2026-Q3");
    const b = analyzeQuestion("Ban Thường vụ Đảng ủy phường Bạch Đằng tháng tới làm gì?", MAY_2026, docs);
    expect(b).toMatchObject({ asksDueList: true, ward: "Bạch Đằng", issuerBody: "dang_uy" });
    expect(b.period?.id).toBe("2026-06");
    expect(analyzeQuestion("ai chủ trì giám sát đất đai?", MAY_2026, docs).asksDueList).toBe(false);
    expect(analyzeQuestion("Phường Long Biên có bao nhiêu tổ dân phố?", MAY_2026, docs).unknownPlace).toBe("Long Biên");
  });
});

describe("due lists", () => {
  it("answers 'quý này' relative to today, with citations of every task", async () => {
    const a = await ask(kb, "quý này có những việc gì?", { now: MAY_2026 });
    expect(a.found).toBe(true);
    expect(a.answer).toContain("Quý II/2026");
    expect(a.citations.length).toBe(kb.due(parsePeriodId("2026-Q2")!).length);
    expect(a.citations.every((c) => c.doc.endsWith(".txt") && c.section.length > 0)).toBe(true);
  });

  it("filters by ward when the question names one", async () => {
    const a = await ask(kb, "quy 3 nay phuong Phuc Loi co nhung viec gi?", { now: MAY_2026 });
    const docs = new Set(a.citations.map((c) => c.doc));
    expect([...docs].sort()).toEqual(["000_c0fd484245b598e1.txt", "002_323bdf7c776365e2.txt"]);
  });

  it("lists recurring quarters in every year of the term and nothing after it", () => {
    const task = (y: number) => kb.due(parsePeriodId(`${y}-Q3`)!).filter((t) => t.task.startsWith("Tổ chức các phiên giải trình"));
    expect(task(2027)).toHaveLength(1);
    expect(task(2030)).toHaveLength(1);
    expect(task(2031)).toHaveLength(0);
  });

  it("lists undated tasks as ongoing and never in a period", () => {
    const ongoing = kb.ongoing();
    expect(ongoing.length).toBeGreaterThan(5);
    expect(ongoing.every((t) => ["thuong_xuyen", "hang_nam", "theo_ky_hop", "theo_tien_do_cap_tren"].includes(t.timeframe.kind))).toBe(true);
    const year = kb.due(parsePeriodId("2027")!);
    expect(year.some((t) => ongoing.includes(t))).toBe(false);
  });
});

describe("free questions", () => {
  it("finds the same answer with and without diacritics", async () => {
    const withMarks = await ask(kb, "Ai chủ trì khảo sát, giám sát công tác quản lý đất đai ở phường Phúc Lợi?", { now: MAY_2026 });
    const plain = await ask(kb, "ai chu tri khao sat giam sat cong tac quan ly dat dai o phuong phuc loi?", { now: MAY_2026 });
    for (const a of [withMarks, plain]) {
      expect(a.found).toBe(true);
      expect(a.answer).toContain("Ban Kinh tế");
      expect(a.citations[0]?.doc).toBe("000_c0fd484245b598e1.txt");
    }
  });

  it("says plainly when the corpus does not answer, offering related passages only as such", async () => {
    const a = await ask(kb, "Tổng dự toán thu ngân sách năm 2026 của phường Phúc Lợi là bao nhiêu?", { now: MAY_2026 });
    expect(a.found).toBe(false);
    expect(a.answer.split("\n")[0]).toMatch(/không có thông tin/);
    if (a.citations.length > 0) expect(a.answer).toContain("Thông tin liên quan (không trả lời trực tiếp câu hỏi)");
  });
});

describe("LLM answers against an OpenAI-compatible stub", () => {
  let stub: OpenAiStub;
  beforeAll(async () => {
    stub = await startOpenAiStub();
  });
  afterAll(async () => stub.close());

  const llm = () => createLlmAnswerer({ baseURL: stub.baseURL, apiKey: "k", model: "stub-model", timeoutMs: 500, maxRetries: 0 });
  const Q = "Mô hình kỳ họp HĐND phường Phúc Lợi không giấy do lãnh đạo nào phụ trách?";
  /** A quote the model would take from the first excerpt it is shown. */
  const firstExcerptQuote = async (q: string) => {
    const p = await prepareAnswer(kb, q, { now: MAY_2026 });
    expect(p.routed.llm).toBe(true);
    return { evidence: p.routed.evidence, quote: p.routed.evidence[0]!.text.split(/[.;]/)[0]!.trim() };
  };

  it("sends the structured excerpts and keeps citations that quote them", async () => {
    const { evidence, quote } = await firstExcerptQuote(Q);
    stub.script({ content: JSON.stringify({ found: true, answer: "Chủ tịch HĐND phụ trách.", citations: [{ excerpt: 1, quote }] }) });
    const a = await ask(kb, Q, { now: MAY_2026, llm: llm() });
    expect(a).toMatchObject({ found: true, answer: "Chủ tịch HĐND phụ trách." });
    expect(a.citations).toEqual([{ doc: evidence[0]!.doc, section: evidence[0]!.section, quote }]);
    const req = stub.requests.at(-1)!;
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.json.model).toBe("stub-model");
    // Rows reach the model with their columns, labelled as rows, with document and section.
    const prompt: string = req.json.messages[1].content;
    expect(prompt).toContain("[1] [dòng bảng] (000_c0fd484245b598e1.txt — ");
    expect(prompt).toContain("Lãnh đạo phụ trách: Chủ tịch HĐND");
    expect(req.json.response_format.type).toBe("json_schema");
    expect(Object.keys(req.json.response_format.json_schema.schema.properties).sort()).toEqual(["answer", "citations", "found"]);
  });

  it("passes on 'not found' from the model", async () => {
    stub.script({ content: JSON.stringify({ found: false, answer: "Văn bản không có thông tin này.", citations: [] }) });
    const a = await ask(kb, Q, { now: MAY_2026, llm: llm() });
    expect(a).toMatchObject({ found: false, answer: "Văn bản không có thông tin này.", citations: [] });
  });

  it("does not ask the model when the checks already know the documents lack the fact", async () => {
    const before = stub.requests.length;
    const a = await ask(kb, "Phường Phúc Lợi có bao nhiêu nhà văn hóa?", { now: MAY_2026, llm: llm() });
    expect(stub.requests.length).toBe(before);
    expect(a.found).toBe(false);
  });

  it.each([
    ["garbage", { raw: "<html>not json" }],
    ["invalid JSON content", { content: "{found: yes" }],
    ["a wrong shape", { content: JSON.stringify({ answer: 42 }) }],
    ["an answer citing an excerpt that does not exist", { content: JSON.stringify({ found: true, answer: "x", citations: [{ excerpt: 99, quote: "Chủ tịch HĐND" }] }) }],
    ["an answer whose quote is not in the excerpt", { content: JSON.stringify({ found: true, answer: "x", citations: [{ excerpt: 1, quote: "một câu bịa ra không có trong văn bản nào" }] }) }],
    ["HTTP 500", { status: 500 }],
    ["a timeout", { delayMs: 1500, content: "{}" }],
  ])("falls back to the offline answer on %s", async (_name, reply) => {
    stub.script(reply);
    const errors: unknown[] = [];
    const a = await ask(kb, Q, { now: MAY_2026, llm: llm(), onLlmError: (e) => errors.push(e) });
    expect(errors).toHaveLength(1);
    expect(a.found).toBe(true);
    expect(a.answer).toContain("Chủ tịch HĐND");
    expect(a.citations[0]?.doc).toBe("000_c0fd484245b598e1.txt");
  });
});

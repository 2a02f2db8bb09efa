/**
 * Conversations: the context returned with each answer, passed back with the next question,
 * answers "còn quý sau?", "chi tiết mục 2", "ai chủ trì việc đó?" and "còn Bạch Đằng thì sao?";
 * a question naming no ward is answered for the bot's own ward.
 */
import { describe, expect, it } from "vitest";
import { ask, type AskResult } from "../../rag/answer/ask.ts";
import { answerContextSchema, readContext, resolveItem } from "../../rag/answer/context.ts";
import type { KnowledgeBase } from "../../rag/knowledge/knowledge-base.ts";
import { useTestKnowledge } from "../helpers/knowledge.ts";

const MAY_2026 = new Date("2026-05-10T05:00:00Z");
const HOME = "Phúc Lợi";
let kb: KnowledgeBase;
useTestKnowledge((k) => (kb = k));

/** Asks a sequence of messages as one conversation, each with the previous answer's context. */
async function chat(...messages: string[]): Promise<AskResult[]> {
  const out: AskResult[] = [];
  for (const m of messages) {
    // The context travels as JSON, as the chat core stores it in a session.
    const stored = out.length ? JSON.parse(JSON.stringify(out.at(-1)!.context)) : null;
    out.push(await ask(kb, m, { now: MAY_2026, defaultWard: HOME, context: stored }));
  }
  return out;
}

const wardsCited = (a: AskResult) => [...new Set(a.citations.map((c) => kb.documents.find((d) => d.file === c.doc)!.ward))];

describe("bare period phrases", () => {
  it.each([
    ["quý 1 năm sau", "Quý I/2027"],
    ["6 tháng đầu năm 2027", "6 tháng đầu năm 2027"],
    ["tháng sau có việc gì", "tháng 6/2026"],
    ["tuần này", "tuần 04/05–10/05/2026"],
    ["quy 3 nam nay?", "Quý III/2026"],
  ])("“%s” lists the home ward's tasks of %s", async (q, label) => {
    const [a] = await chat(q);
    expect(a!.answer.split("\n")[0]).toContain(label);
    expect(a!.answer.split("\n")[0]).toContain(`của ${HOME}`);
    expect(wardsCited(a!)).toEqual([HOME]);
    expect(a!.context.period).not.toBeNull();
  });
});

describe("follow-ups with the returned context", () => {
  it("“còn quý sau?” counts from the period asked before, not from today", async () => {
    const [first, next] = await chat("quý 3 năm 2027 có những việc gì?", "còn quý sau?");
    expect(first!.context.period).toBe("2027-Q3");
    expect(next!.answer.split("\n")[0]).toContain("Quý IV/2027");
    expect(next!.context.period).toBe("2027-Q4");
    // Without the context the same words mean the quarter after today's.
    const alone = await ask(kb, "còn quý sau?", { now: MAY_2026, defaultWard: HOME });
    expect(alone.answer.split("\n")[0]).toContain("Quý III/2026");
  });

  it("lists items in the order they are numbered, and “chi tiết mục 2” details the second", async () => {
    const [list, detail] = await chat("quý này có những việc gì?", "chi tiết mục 2");
    expect(list!.context.items.length).toBeGreaterThan(2);
    const second = resolveItem(kb, list!.context.items[1]!)!;
    const numbered = list!.answer.split("\n").find((l) => l.startsWith("2. "))!;
    expect(numbered).toContain(second.text.replace(/[.;\s]+$/u, "").slice(0, 40));
    expect(detail!.found).toBe(true);
    expect(detail!.answer).toContain("Mục 2");
    expect(detail!.answer).toContain(second.text.slice(0, 40));
    expect(detail!.context.focus).toBe(list!.context.items[1]);
    // The list stays available for "mục 3" after a detail.
    expect(detail!.context.items).toEqual(list!.context.items);
  });

  it("“ai chủ trì việc đó?” answers from the item in focus", async () => {
    const [list, , who] = await chat("quý này có những việc gì?", "chi tiết mục 1", "ai chủ trì việc đó?");
    const task = resolveItem(kb, list!.context.items[0]!)!.task!;
    expect(who!.found).toBe(true);
    expect(who!.answer.split("\n")[0]).toBe(`Đơn vị chủ trì/tham mưu: ${task.lead}.`);
    expect(who!.citations[0]!.doc).toBe(task.doc);
  });

  it("asks which item when several were listed and none is in focus", async () => {
    const [, which] = await chat("quý này có những việc gì?", "ai chủ trì việc đó?");
    expect(which!.found).toBe(false);
    expect(which!.answer).toMatch(/mục nào/);
  });

  it("says when the item number is beyond the list", async () => {
    const [, beyond] = await chat("tuần này", "chi tiết mục 99");
    expect(beyond!.found).toBe(false);
    expect(beyond!.answer).toMatch(/không có mục 99/);
  });

  it("“còn Bạch Đằng thì sao?” asks the last question again for that ward", async () => {
    const [home, other] = await chat("quý này có những việc gì?", "còn phường Bạch Đằng thì sao?");
    expect(wardsCited(home!)).toEqual([HOME]);
    expect(other!.answer.split("\n")[0]).toMatch(/^Có \d+ nhiệm vụ đến hạn trong Quý II\/2026 của Bạch Đằng:/);
    expect(wardsCited(other!)).toEqual(["Bạch Đằng"]);
  });

  it("returns a context that validates and survives JSON; a damaged one is ignored", async () => {
    const [a] = await chat("quý này có những việc gì?");
    expect(answerContextSchema.parse(JSON.parse(JSON.stringify(a!.context)))).toEqual(a!.context);
    expect(readContext({ v: 2, items: "x" })).toEqual(readContext(null));
    const b = await ask(kb, "chi tiết mục 2", { now: MAY_2026, defaultWard: HOME, context: { v: 9 } as never });
    expect(b.answer).not.toContain("Mục 2:");
  });
});

describe("ward scope", () => {
  it("answers a question naming no ward from the home ward's documents only", async () => {
    const a = await ask(kb, "ai chủ trì đổi mới hoạt động tiếp xúc cử tri?", { now: MAY_2026, defaultWard: HOME });
    expect(a.found).toBe(true);
    expect(wardsCited(a)).toEqual([HOME]);
    expect(a.answer.split("\n")[0]).toBe("Đơn vị chủ trì/tham mưu: Văn phòng HĐND&UBND.");
  });

  it("answers from another ward's plan when the question names it, saying whose plan it is", async () => {
    const a = await ask(kb, "Ở xã Nghi Dương, tiếp xúc cử tri được tổ chức định kỳ vào lúc nào?", { now: MAY_2026, defaultWard: HOME });
    expect(a.found).toBe(true);
    expect(wardsCited(a)).toEqual(["Nghi Dương"]);
    expect(a.answer).toContain("xã Nghi Dương");
  });

  it("does not answer from another ward's plan unasked: says the home ward's documents lack it and labels the other", async () => {
    const a = await ask(kb, "Các Ban HĐND thực hiện bao nhiêu cuộc giám sát chuyên đề mỗi năm?", { now: MAY_2026, defaultWard: HOME });
    expect(a.found).toBe(false);
    expect(a.answer.split("\n")[0]).toContain(HOME);
    expect(a.answer).toMatch(/Kế hoạch của xã Nghi Dương \(không phải của Phúc Lợi\)/);
  });
});

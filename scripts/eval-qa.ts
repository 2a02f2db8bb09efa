/**
 * QA evaluation over a file in the format of qa.dev.jsonl: share of answers that contain
 * every `must_contain` fact (after NFC, case folding, collapsed whitespace) and that cite
 * the right `doc`; for a question whose doc is null the right result is found=false.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ask, type AskOptions } from "../rag/answer/ask.ts";
import type { Answer } from "../rag/answer/types.ts";
import type { KnowledgeBase } from "../rag/knowledge/knowledge-base.ts";
import { factKey } from "../rag/text/vietnamese.ts";

export const qaItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  doc: z.string().nullable(),
  must_contain: z.array(z.string()).default([]),
  plain: z.boolean().optional(),
});
export type QaItem = z.infer<typeof qaItemSchema>;

export function loadQaFile(file: string): QaItem[] {
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = qaItemSchema.safeParse(JSON.parse(l));
      if (!r.success) throw new Error(`${file}:${i + 1}: dòng không hợp lệ: ${r.error.message}`);
      return r.data;
    });
}

export interface QaResult {
  id: string;
  plain: boolean;
  factsOk: boolean;
  docOk: boolean;
  docFirst: boolean;
  missingFacts: string[];
  answer: Answer;
  ms: number;
}

export function judge(item: QaItem, answer: Answer): Omit<QaResult, "id" | "plain" | "answer" | "ms"> {
  if (item.doc === null) {
    return { factsOk: !answer.found, docOk: !answer.found, docFirst: !answer.found, missingFacts: [] };
  }
  const text = factKey(answer.answer);
  const missingFacts = item.must_contain.filter((f) => !text.includes(factKey(f)));
  return {
    factsOk: answer.found && missingFacts.length === 0,
    docOk: answer.citations.some((c) => c.doc === item.doc),
    docFirst: answer.citations[0]?.doc === item.doc,
    missingFacts,
  };
}

export async function evalQa(kb: KnowledgeBase, items: QaItem[], opts: AskOptions): Promise<QaResult[]> {
  const out: QaResult[] = [];
  for (const item of items) {
    const t0 = performance.now();
    const answer = await ask(kb, item.question, opts);
    out.push({ id: item.id, plain: item.plain ?? false, answer, ms: performance.now() - t0, ...judge(item, answer) });
  }
  return out;
}

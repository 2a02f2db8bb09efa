/**
 * QA evaluation over a file in the format of qa.dev.jsonl: share of answers that contain
 * every `must_contain` fact (after NFC, case folding, collapsed whitespace) and that cite
 * the right `doc`; for a question whose doc is null the right result is found=false.
 * `evalEvidence` measures what an LLM would be sent: the share of answerable questions
 * whose facts are all in the excerpts.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ask, prepareAnswer, type AskOptions } from "../rag/answer/ask.ts";
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

export interface EvidenceResult {
  id: string;
  answerable: boolean;
  /** The answer goes to the LLM (false: decided offline — due lists, signers, certain refusals). */
  llm: boolean;
  excerpts: number;
  chars: number;
  /** Every fact is in the excerpts (LLM route) or in the offline answer (offline route). */
  recalled: boolean;
  missingFacts: string[];
}

/** What reaches the prompt for each question, and whether it holds the facts. */
export async function evalEvidence(kb: KnowledgeBase, items: QaItem[], opts: AskOptions): Promise<EvidenceResult[]> {
  const out: EvidenceResult[] = [];
  for (const item of items) {
    const p = await prepareAnswer(kb, item.question, opts);
    // The model sees each excerpt's document and section as well as its text.
    const text = factKey(p.routed.llm ? p.routed.evidence.map((e) => `${e.doc} — ${e.section}\n${e.text}`).join("\n") : p.routed.answer.answer);
    const missingFacts = item.doc === null ? [] : item.must_contain.filter((f) => !text.includes(factKey(f)));
    out.push({
      id: item.id,
      answerable: item.doc !== null,
      llm: p.routed.llm,
      excerpts: p.routed.llm ? p.routed.evidence.length : 0,
      chars: p.routed.llm ? p.routed.evidence.reduce((n, e) => n + e.text.length, 0) : 0,
      recalled: item.doc !== null && (p.routed.llm || p.routed.answer.found) && missingFacts.length === 0,
      missingFacts,
    });
  }
  return out;
}

/** found as a detector of answerable questions: precision and recall of found=false on unanswerable ones. */
export function refusalScores(items: readonly QaItem[], results: readonly QaResult[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  results.forEach((r, i) => {
    const unanswerable = items[i]!.doc === null;
    if (!r.answer.found && unanswerable) tp++;
    else if (!r.answer.found && !unanswerable) fp++;
    else if (r.answer.found && unanswerable) fn++;
  });
  const answerable = items.filter((i) => i.doc !== null).length;
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    /** Answerable questions refused. */
    wronglyRefused: answerable === 0 ? 0 : fp / answerable,
  };
}

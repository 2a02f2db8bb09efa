/**
 * Due-list evaluation: per period of a file in the format of due.dev.json, precision and
 * recall of our lists. A gold task matches one of ours from the same document whose
 * text is the same after normalisation, or nearly so (token Dice ≥ 0.8, or one is a
 * prefix of the other).
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { KnowledgeBase } from "../rag/knowledge/knowledge-base.ts";
import { parsePeriodId } from "../rag/dates/period.ts";
import { syllables } from "../rag/text/vietnamese.ts";
import type { PlanTask } from "../rag/knowledge/plan-task.ts";

const goldTaskSchema = z.object({ doc: z.string(), task: z.string(), when: z.string().optional(), kind: z.string().optional() }).passthrough();
export const dueFileSchema = z.record(z.string(), z.array(goldTaskSchema));
export type DueFile = z.infer<typeof dueFileSchema>;

export function loadDueFile(file: string): DueFile {
  const parsed = dueFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: không đúng định dạng due.json: ${parsed.error.message}`);
  return parsed.data;
}

function dice(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return (2 * inter) / (sa.size + sb.size || 1);
}

export function sameTask(goldDoc: string, goldText: string, ours: { doc: string; task: string }): boolean {
  if (goldDoc !== ours.doc) return false;
  const a = syllables(goldText);
  const b = syllables(ours.task);
  const ja = a.join(" ");
  const jb = b.join(" ");
  if (ja === jb) return true;
  if (a.length >= 6 && b.length >= 6 && (ja.startsWith(jb) || jb.startsWith(ja))) return true;
  return dice(a, b) >= 0.8;
}

export interface PeriodScore {
  period: string;
  gold: number;
  ours: number;
  matched: number;
  precision: number;
  recall: number;
  missing: Array<{ doc: string; task: string; when?: string }>;
  extra: Array<{ doc: string; task: string; when: string }>;
}

/** Greedy one-to-one matching in document order. */
export function scorePeriod(period: string, gold: DueFile[string], ours: PlanTask[]): PeriodScore {
  const used = new Set<number>();
  const missing: PeriodScore["missing"] = [];
  for (const g of gold) {
    const i = ours.findIndex((o, idx) => !used.has(idx) && sameTask(g.doc, g.task, o));
    if (i >= 0) used.add(i);
    else missing.push({ doc: g.doc, task: g.task, when: g.when });
  }
  const extra = ours.filter((_, i) => !used.has(i)).map((o) => ({ doc: o.doc, task: o.task, when: o.when }));
  const matched = used.size;
  return {
    period,
    gold: gold.length,
    ours: ours.length,
    matched,
    precision: ours.length ? matched / ours.length : gold.length ? 0 : 1,
    recall: gold.length ? matched / gold.length : 1,
    missing,
    extra,
  };
}

export function evalDue(kb: KnowledgeBase, data: DueFile): PeriodScore[] {
  const goldDocs = new Set(Object.values(data).flatMap((list) => list.map((t) => t.doc)));
  const scores: PeriodScore[] = [];
  for (const [key, gold] of Object.entries(data)) {
    // Only documents the gold file knows about are scored, so a corpus with extra documents is not penalised.
    const inGold = (t: PlanTask) => goldDocs.size === 0 || goldDocs.has(t.doc);
    let ours: PlanTask[];
    if (key === "ongoing") ours = kb.ongoing().filter(inGold);
    else {
      const period = parsePeriodId(key);
      if (!period) throw new Error(`Kỳ không hợp lệ trong tệp: ${key}`);
      ours = kb.due(period).filter(inGold);
    }
    scores.push(scorePeriod(key, gold, ours));
  }
  return scores;
}

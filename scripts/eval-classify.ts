/**
 * Evaluates the message classifier on a labelled JSONL file
 * ({"id","text","intent","category"} per line).
 *
 *   npx tsx scripts/eval-classify.ts --file <f> [--llm] [--errors] [--model <classifier.json>]
 *   npm run eval -- classify --file <f>            (dispatched by scripts/eval.ts)
 *
 * Prints intent accuracy, category macro-F1 (end to end: a petition classified as a
 * question counts against its category), per-category precision/recall, confusion
 * matrices and per-message latency p50/p95. Offline model unless --llm is given and
 * an OpenAI-compatible endpoint is configured in the environment.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClassifier, type Classification } from "../bot/classify/classifier.ts";
import { llmClassifierConfig } from "../bot/classify/llm-classifier.ts";
import { loadConfig } from "../bot/config.ts";
import { CATEGORY_IDS, INTENT_IDS, categoryIdSchema, intentIdSchema, type CategoryId, type IntentId } from "../bot/classify/taxonomy.ts";

export interface Labelled {
  intent: IntentId;
  category: CategoryId | null;
}

export interface ScoredItem {
  id: string;
  text?: string;
  gold: Labelled;
  pred: Labelled & { source?: string; confidence?: number };
  ms: number;
  /** CPU time of this process during the call; wall time also counts waiting for a busy CPU. */
  cpuMs?: number;
}

export interface ClassReport {
  id: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvalReport {
  n: number;
  intentAccuracy: number;
  /** Macro-F1 over the 11 categories, end to end. */
  categoryMacroF1: number;
  /** Category accuracy restricted to gold petitions the model also called petitions. */
  categoryAccuracyGivenPetition: number;
  perCategory: ClassReport[];
  perIntent: ClassReport[];
  intentConfusion: number[][];
  categoryConfusion: number[][];
  /** Labels of categoryConfusion rows/columns: the 11 categories then "none". */
  categoryAxis: string[];
  latency: { p50: number; p95: number; max: number; mean: number; cpuP50: number | null; cpuP95: number | null };
  /** Mean confidence vs. share of fully correct labels, and expected calibration error (10 bins). */
  calibration: { meanConfidence: number; accuracy: number; ece: number } | null;
  sources: Record<string, number>;
  errors: ScoredItem[];
}

const NONE = "(none)";

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function prf(tp: number, fp: number, fn: number) {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function scoreClassifications(items: ScoredItem[]): EvalReport {
  const catAxis = [...CATEGORY_IDS, NONE];
  const catOf = (l: Labelled) => (l.intent === "petition" && l.category ? l.category : NONE);
  const intentConfusion = INTENT_IDS.map(() => INTENT_IDS.map(() => 0));
  const categoryConfusion = catAxis.map(() => catAxis.map(() => 0));
  let intentOk = 0;
  let bothPetition = 0;
  let catOkGivenPetition = 0;
  const errors: ScoredItem[] = [];
  const sources: Record<string, number> = {};
  for (const it of items) {
    const gi = INTENT_IDS.indexOf(it.gold.intent);
    const pi = INTENT_IDS.indexOf(it.pred.intent);
    intentConfusion[gi]![pi]!++;
    if (gi === pi) intentOk++;
    const gc = catAxis.indexOf(catOf(it.gold));
    const pc = catAxis.indexOf(catOf(it.pred));
    categoryConfusion[gc]![pc]!++;
    if (it.gold.intent === "petition" && it.pred.intent === "petition") {
      bothPetition++;
      if (it.gold.category === it.pred.category) catOkGivenPetition++;
    }
    if (gi !== pi || gc !== pc) errors.push(it);
    const src = it.pred.source ?? "?";
    sources[src] = (sources[src] ?? 0) + 1;
  }
  const perCategory = CATEGORY_IDS.map((id, k) => {
    const tp = categoryConfusion[k]![k]!;
    const fp = catAxis.reduce((s, _, r) => s + (r !== k ? categoryConfusion[r]![k]! : 0), 0);
    const fn = catAxis.reduce((s, _, c) => s + (c !== k ? categoryConfusion[k]![c]! : 0), 0);
    return { id, ...prf(tp, fp, fn), support: tp + fn };
  });
  const perIntent = INTENT_IDS.map((id, k) => {
    const tp = intentConfusion[k]![k]!;
    const fp = INTENT_IDS.reduce((s, _, r) => s + (r !== k ? intentConfusion[r]![k]! : 0), 0);
    const fn = INTENT_IDS.reduce((s, _, c) => s + (c !== k ? intentConfusion[k]![c]! : 0), 0);
    return { id, ...prf(tp, fp, fn), support: tp + fn };
  });
  const present = perCategory.filter((c) => c.support > 0);
  const withConf = items.filter((i) => typeof i.pred.confidence === "number");
  let calibration: EvalReport["calibration"] = null;
  if (withConf.length) {
    const correct = (i: ScoredItem) => i.gold.intent === i.pred.intent && catOf(i.gold) === catOf(i.pred);
    const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, ok: 0 }));
    for (const i of withConf) {
      const c = i.pred.confidence!;
      const b = bins[Math.min(9, Math.floor(c * 10))]!;
      b.n++;
      b.conf += c;
      b.ok += correct(i) ? 1 : 0;
    }
    calibration = {
      meanConfidence: withConf.reduce((s, i) => s + i.pred.confidence!, 0) / withConf.length,
      accuracy: withConf.filter(correct).length / withConf.length,
      ece: bins.reduce((s, b) => s + (b.n ? (b.n / withConf.length) * Math.abs(b.conf / b.n - b.ok / b.n) : 0), 0),
    };
  }
  const ms = items.map((i) => i.ms).sort((a, b) => a - b);
  const cpu = items.filter((i) => typeof i.cpuMs === "number").map((i) => i.cpuMs!).sort((a, b) => a - b);
  return {
    n: items.length,
    intentAccuracy: items.length ? intentOk / items.length : 0,
    categoryMacroF1: present.length ? present.reduce((s, c) => s + c.f1, 0) / present.length : 0,
    categoryAccuracyGivenPetition: bothPetition ? catOkGivenPetition / bothPetition : 0,
    perCategory,
    perIntent,
    intentConfusion,
    categoryConfusion,
    categoryAxis: catAxis,
    calibration,
    latency: { p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms.at(-1) ?? 0, mean: ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : 0,
      cpuP50: cpu.length ? percentile(cpu, 50) : null,
      cpuP95: cpu.length ? percentile(cpu, 95) : null,
    },
    sources,
    errors,
  };
}

const f3 = (x: number) => x.toFixed(3);
const pad = (s: string | number, n: number) => String(s).padStart(n);

/** Short column names for the confusion matrix. */
const SHORT: Record<string, string> = {
  ha_tang: "hatg", moi_truong: "mtrg", dat_dai_xay_dung: "dat", an_ninh_trat_tu: "anin", an_sinh_xa_hoi: "asxh", y_te: "yte", giao_duc: "gduc",
  hanh_chinh: "hchi", kinh_te_ngan_sach: "ktns", van_hoa_xa_hoi: "vhxh", khac: "khac", [NONE]: "none",
  petition: "petit", question: "quest", status: "status", other: "other",
};

function matrix(title: string, axis: readonly string[], m: number[][]): string {
  const w = 6;
  const lines = [title, `${"gold \\ pred".padEnd(18)}${axis.map((a) => pad(SHORT[a] ?? a, w)).join("")}`];
  axis.forEach((a, r) => lines.push(`${a.padEnd(18)}${m[r]!.map((v) => pad(v || ".", w)).join("")}`));
  return lines.join("\n");
}

export function formatReport(r: EvalReport, opts: { confusion?: boolean; latency?: boolean; errors?: boolean } = {}): string {
  const out: string[] = [];
  out.push(`messages: ${r.n}`);
  out.push(`intent accuracy: ${f3(r.intentAccuracy)}`);
  out.push(`category macro-F1: ${f3(r.categoryMacroF1)}   (category accuracy when both gold and predicted are petitions: ${f3(r.categoryAccuracyGivenPetition)})`);
  if (r.calibration) {
    const c = r.calibration;
    out.push(`calibration: mean confidence ${f3(c.meanConfidence)} vs fully-correct share ${f3(c.accuracy)}, ECE ${f3(c.ece)}`);
  }
  out.push("");
  out.push(`${"intent".padEnd(18)}${pad("prec", 7)}${pad("recall", 8)}${pad("f1", 7)}${pad("n", 5)}`);
  for (const c of r.perIntent) out.push(`${c.id.padEnd(18)}${pad(f3(c.precision), 7)}${pad(f3(c.recall), 8)}${pad(f3(c.f1), 7)}${pad(c.support, 5)}`);
  out.push("");
  out.push(`${"category".padEnd(18)}${pad("prec", 7)}${pad("recall", 8)}${pad("f1", 7)}${pad("n", 5)}`);
  for (const c of r.perCategory) out.push(`${c.id.padEnd(18)}${pad(f3(c.precision), 7)}${pad(f3(c.recall), 8)}${pad(f3(c.f1), 7)}${pad(c.support, 5)}`);
  if (opts.confusion !== false) {
    out.push("");
    out.push(matrix("intent confusion (rows gold, columns predicted):", INTENT_IDS, r.intentConfusion));
    out.push("");
    out.push(matrix("category confusion (rows gold, columns predicted; none = not a petition):", r.categoryAxis, r.categoryConfusion));
  }
  if (opts.latency !== false) {
    out.push("");
    out.push(
      `latency per message: p50 ${r.latency.p50.toFixed(3)} ms, p95 ${r.latency.p95.toFixed(3)} ms, max ${r.latency.max.toFixed(3)} ms, mean ${r.latency.mean.toFixed(3)} ms`,
    );
    if (r.latency.cpuP50 !== null) {
      out.push(`CPU time per message: p50 ${r.latency.cpuP50.toFixed(3)} ms, p95 ${r.latency.cpuP95!.toFixed(3)} ms (wall time above also includes waiting for a busy CPU)`);
    }
    out.push(`sources: ${Object.entries(r.sources).map(([k, v]) => `${k}=${v}`).join(" ")}`);
  }
  if (opts.errors) {
    out.push("");
    out.push(`errors (${r.errors.length}):`);
    for (const e of r.errors) {
      const g = `${e.gold.intent}/${e.gold.category ?? "-"}`;
      const p = `${e.pred.intent}/${e.pred.category ?? "-"}`;
      out.push(`  ${e.id}  gold ${g}  pred ${p}  ${e.text ?? ""}`);
    }
  }
  return out.join("\n");
}

interface EvalRow {
  id: string;
  text: string;
  gold: Labelled;
}

/** A labelled file that cannot be evaluated (missing, or no line in the expected format). */
export class EvalInputError extends Error {}

function readLabelled(file: string): EvalRow[] {
  const rows: EvalRow[] = [];
  let bad = 0;
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (e) {
    throw new EvalInputError(`không đọc được tệp ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  raw
    .split("\n")
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const o = JSON.parse(line) as Record<string, unknown>;
        rows.push({
          id: String(o.id ?? `line-${i + 1}`),
          text: String(o.text),
          gold: { intent: intentIdSchema.parse(o.intent), category: o.category == null ? null : categoryIdSchema.parse(o.category) },
        });
      } catch (e) {
        bad++;
        process.stderr.write(`${file}:${i + 1}: bỏ qua dòng lỗi / skipped bad line: ${(e as Error).message.split("\n")[0]}\n`);
      }
    });
  // A figure from a handful of readable lines would be misleading: refuse instead.
  if (rows.length === 0 || bad > rows.length) {
    throw new EvalInputError(
      `${file}: ${rows.length} dòng hợp lệ, ${bad} dòng lỗi — tệp không đúng định dạng {"id","text","intent","category"} mỗi dòng một JSON.`,
    );
  }
  return rows;
}

export interface EvalOptions {
  /** Use the LLM classifier when the environment configures one. */
  llm?: boolean;
  modelPath?: string;
  print?: boolean;
  errors?: boolean;
  /** Custom classify function (tests). */
  classify?: (text: string) => Promise<Pick<Classification, "intent" | "category" | "source" | "confidence">>;
}

/** Classifies every message of `file`, prints and returns the report. */
export async function evalClassify(file: string, options: EvalOptions = {}): Promise<EvalReport> {
  const rows = readLabelled(file);
  let classify = options.classify;
  if (!classify) {
    const clf = createClassifier({ llm: options.llm ? llmClassifierConfig(loadConfig()) : null, modelPath: options.modelPath });
    classify = (t) => clf.classify(t);
  }
  // Untimed warm-up so the latency figures describe a running service, not JIT compilation.
  for (const r of rows.slice(0, 20)) await classify(r.text);
  const items: ScoredItem[] = [];
  for (const r of rows) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const pred = await classify(r.text);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    items.push({ id: r.id, text: r.text, gold: r.gold, pred, ms, cpuMs: (c.user + c.system) / 1000 });
  }
  const report = scoreClassifications(items);
  if (options.print !== false) {
    console.log(`file: ${path.relative(process.cwd(), path.resolve(file))}`);
    console.log(formatReport(report, { errors: options.errors }));
  }
  return report;
}

/** CLI entry, also used by scripts/eval.ts: args after "classify". */
export async function main(argv: string[]): Promise<number> {
  let file: string | undefined;
  const opts: EvalOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--file") file = argv[++i];
    else if (a === "--llm") opts.llm = true;
    else if (a === "--errors") opts.errors = true;
    else if (a === "--model") opts.modelPath = argv[++i];
    else if (!a.startsWith("--") && !file) file = a;
    else {
      console.error(`tham số không hợp lệ / unknown argument: ${a}`);
      return 2;
    }
  }
  if (!file) {
    console.error("Cách dùng / usage: eval-classify --file <messages.jsonl> [--llm] [--errors] [--model <classifier.json>]");
    return 2;
  }
  await evalClassify(file, opts);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error((e as Error).message);
      process.exit(1);
    },
  );
}

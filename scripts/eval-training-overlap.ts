/**
 * Checks that the classifier's training data does not echo an evaluation set: no message of
 * the evaluation file may share a run of N words (default 8; diacritics folded, lower-case,
 * [a-z0-9]+ tokens) with any file in corpus/training/.
 *
 *   npx tsx scripts/eval-training-overlap.ts --file ../shared/datasets/messages.dev.jsonl [--n 8] [--show]
 *
 * Exits 1 when some message overlaps. --show prints the training lines involved (never the
 * evaluation text), so the templates behind them can be rewritten.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { foldVietnamese } from "../rag/text/vietnamese.ts";

export const TRAINING_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../corpus/training");

export const tokens = (text: string) => foldVietnamese(text).match(/[a-z0-9]+/g) ?? [];

function runs(words: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(" "));
  return out;
}

/** Texts of every JSONL line of every file in the training directory. */
export function trainingTexts(dir = TRAINING_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) => readFileSync(path.join(dir, f), "utf8").split("\n"))
    .filter((l) => l.trim())
    .map((l) => String((JSON.parse(l) as { text: unknown }).text));
}

export interface Overlap {
  /** Id of the evaluation message. */
  id: string;
  /** Training lines that share a run with it. */
  training: string[];
}

/** Evaluation messages sharing an n-word run with the training texts. */
export function overlaps(evalRows: ReadonlyArray<{ id: string; text: string }>, training: readonly string[], n = 8): Overlap[] {
  const index = new Map<string, number[]>();
  training.forEach((t, i) => {
    for (const r of runs(tokens(t), n)) {
      const list = index.get(r);
      if (list) {
        if (list.at(-1) !== i) list.push(i);
      } else index.set(r, [i]);
    }
  });
  const out: Overlap[] = [];
  for (const row of evalRows) {
    const hits = new Set<number>();
    for (const r of runs(tokens(row.text), n)) for (const i of index.get(r) ?? []) hits.add(i);
    if (hits.size > 0) out.push({ id: row.id, training: [...hits].map((i) => training[i]!) });
  }
  return out;
}

function main() {
  const { values } = parseArgs({ options: { file: { type: "string" }, n: { type: "string", default: "8" }, show: { type: "boolean", default: false } } });
  if (!values.file) throw new Error("cần --file <messages.jsonl>");
  const rows = readFileSync(values.file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; text: string });
  const found = overlaps(rows, trainingTexts(), Number(values.n));
  console.log(`${found.length} of ${rows.length} messages share a ${values.n}-word run with corpus/training/`);
  if (values.show) for (const o of found) console.log(`${o.id}: ${o.training.slice(0, 3).map((t) => JSON.stringify(t)).join(" | ")}`);
  process.exit(found.length > 0 ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

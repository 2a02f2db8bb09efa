/**
 * Trains the offline message classifier and writes corpus/models/classifier.json.
 *
 *   npx tsx scripts/train-classifier.ts [--extra corrections.jsonl]... [--out file]
 *        [--algo logreg|cnb] [--char-ngrams 3,4] [--no-bigrams] [--holdout 0.15]
 *
 * Reads every corpus/training/*.jsonl plus staff corrections given with --extra
 * (same line format: {"id","text","intent","category"}; counted twice, since they
 * are real messages). 15% of the rows (chosen by a hash of the id) are held out:
 * the model trained on the other 85% is scored on them and its softmax
 * temperatures are fitted there; the shipped model is then retrained on all rows
 * with those temperatures.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from "../bot/classify/features.ts";
import { OfflineClassifier } from "../bot/classify/offline-model.ts";
import { trainOfflineModel, type LinearTrainOptions, type TrainingExample } from "../bot/classify/offline-training.ts";
import { categoryIdSchema, intentIdSchema } from "../bot/classify/taxonomy.ts";
import { formatReport, scoreClassifications } from "./eval-classify.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_MODEL_PATH = path.join(ROOT, "corpus/models/classifier.json");
const TRAINING_DIR = path.join(ROOT, "corpus/training");

export const trainingRowSchema = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    intent: intentIdSchema,
    category: categoryIdSchema.nullable(),
  })
  .refine((r) => (r.intent === "petition") === (r.category !== null), {
    message: "category phải có khi intent là petition và null với intent khác (category required for petitions only)",
  });
export type TrainingRow = z.infer<typeof trainingRowSchema>;

/** Reads a JSONL file; invalid lines are reported on stderr and skipped. */
export function readTrainingFile(file: string): TrainingRow[] {
  const rows: TrainingRow[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        rows.push(trainingRowSchema.parse(JSON.parse(line)));
      } catch (e) {
        const msg = e instanceof z.ZodError ? e.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ") : (e as Error).message;
        process.stderr.write(`${path.relative(process.cwd(), file)}:${i + 1}: bỏ qua dòng lỗi / skipped bad line: ${msg}\n`);
      }
    });
  return rows;
}

/** FNV-1a: a stable hash so the held-out split never changes between runs. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function isHeldOut(id: string, fraction: number): boolean {
  return hash(id) % 1000 < fraction * 1000;
}

export interface TrainCliOptions {
  extra: string[];
  out: string;
  holdout: number;
  features: FeatureOptions;
  train: Partial<LinearTrainOptions>;
  quiet: boolean;
}

export function runTraining(o: TrainCliOptions) {
  const files = readdirSync(TRAINING_DIR)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .map((f) => path.join(TRAINING_DIR, f))
    .filter((f) => statSync(f).isFile());
  const base = files.flatMap(readTrainingFile);
  const extra = o.extra.flatMap(readTrainingFile);
  // Staff corrections are real messages: count them twice.
  const all: TrainingExample[] = [...base, ...extra, ...extra];
  const ids = [...base.map((r) => r.id), ...extra.map((r) => `x:${r.id}`), ...extra.map((r) => `x:${r.id}`)];
  const trainPart = all.filter((_, i) => !isHeldOut(ids[i]!, o.holdout));
  const heldOut = all.filter((_, i) => isHeldOut(ids[i]!, o.holdout));
  const log = (s: string) => o.quiet || console.log(s);

  const t0 = Date.now();
  const provisional = trainOfflineModel(trainPart, { ...o.train, features: o.features, calibration: heldOut });
  const clf = new OfflineClassifier(provisional);
  const report = scoreClassifications(
    heldOut.map((r, i) => ({ id: `h${i}`, gold: r, pred: clf.classify(r.text), ms: 0 })),
  );
  log(`training rows: ${all.length} (${base.length} from corpus/training, ${extra.length}×2 from --extra); held out ${heldOut.length}`);
  log(`held-out (15% of own data, model trained on the other 85%):`);
  log(formatReport(report, { confusion: false, latency: false }));
  log(`temperatures: intent ${provisional.intent.temperature}, category ${provisional.category.temperature}`);

  const model = trainOfflineModel(all, {
    ...o.train,
    features: o.features,
    temperatures: { intent: provisional.intent.temperature, category: provisional.category.temperature },
    sources: [...files.map((f) => path.relative(ROOT, f)), ...o.extra.map((f) => path.basename(f))],
  });
  mkdirSync(path.dirname(o.out), { recursive: true });
  const json = JSON.stringify(model);
  writeFileSync(o.out, json + "\n");
  log(
    `wrote ${path.relative(process.cwd(), o.out)}: ${(json.length / 1024).toFixed(0)} KiB, ` +
      `${Object.keys(model.intent.weights).length} intent + ${Object.keys(model.category.weights).length} category features, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { model, heldOutReport: report };
}

function parseArgs(argv: string[]): TrainCliOptions {
  const o: TrainCliOptions = { extra: [], out: DEFAULT_MODEL_PATH, holdout: 0.15, features: { ...DEFAULT_FEATURE_OPTIONS }, train: {}, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`thiếu giá trị cho ${a} / missing value for ${a}`);
      return v;
    };
    if (a === "--extra") o.extra.push(path.resolve(next()));
    else if (a === "--out") o.out = path.resolve(next());
    else if (a === "--holdout") o.holdout = Number(next());
    else if (a === "--algo") o.train.algo = z.enum(["logreg", "cnb"]).parse(next());
    else if (a === "--char-ngrams") o.features.charNgrams = next().split(",").filter(Boolean).map(Number);
    else if (a === "--no-bigrams") o.features.bigrams = false;
    else if (a === "--epochs") o.train.epochs = Number(next());
    else if (a === "--quiet") o.quiet = true;
    else throw new Error(`tham số không hợp lệ / unknown argument: ${a}`);
  }
  return o;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    runTraining(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}

/**
 * Offline classifier: two linear models over sparse text features, one for the
 * intent (4 classes) and one for the petition category (11 classes, trained on
 * petitions only), plus an explicit urgency rule.
 *
 * Training is multinomial logistic regression (AdaGrad SGD, L2) by default; a
 * complement Naive Bayes trainer is kept for comparison (`algo: "cnb"`). Both
 * produce the same file format: per feature one weight per class, so
 * classification is a handful of sparse dot products (microseconds).
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, normalizeText, type FeatureOptions } from "./features.ts";
import { CATEGORY_IDS, INTENT_IDS, type CategoryId, type IntentId } from "./taxonomy.ts";
import { mulberry32 } from "../util/random.ts";

export interface LinearModel {
  labels: string[];
  bias: number[];
  /** feature → weight per label (same order as `labels`). */
  weights: Record<string, number[]>;
  /** Softmax temperature fitted on held-out data (>1 softens over-confident scores). */
  temperature: number;
}

export interface OfflineModelFile {
  version: 1;
  algo: "logreg" | "cnb";
  features: FeatureOptions;
  intent: LinearModel;
  category: LinearModel;
  meta: { trainingRows: number; sources: string[]; createdBy: string };
}

const linearModelSchema = z.object({
  labels: z.array(z.string()).min(2),
  bias: z.array(z.number()),
  weights: z.record(z.string(), z.array(z.number())),
  temperature: z.number().positive(),
});

export const offlineModelFileSchema = z.object({
  version: z.literal(1),
  algo: z.enum(["logreg", "cnb"]),
  features: z.object({ bigrams: z.boolean(), charNgrams: z.array(z.number().int().positive()) }),
  intent: linearModelSchema,
  category: linearModelSchema,
  meta: z.object({ trainingRows: z.number(), sources: z.array(z.string()), createdBy: z.string() }),
});

export interface TrainingExample {
  text: string;
  intent: IntentId;
  category: CategoryId | null;
}

export interface LinearTrainOptions {
  algo: "logreg" | "cnb";
  epochs: number;
  learningRate: number;
  l2: number;
  /** Features seen in fewer training messages are dropped (noise, file size). */
  minCount: number;
  /** After training, weights with |w| below this are dropped (file size). */
  pruneBelow: number;
  /** Complement NB smoothing. */
  alpha: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: LinearTrainOptions = {
  algo: "logreg",
  epochs: 30,
  learningRate: 0.5,
  // Strong-ish L2: templated training text invites memorising template n-grams.
  l2: 1e-4,
  minCount: 2,
  pruneBelow: 0.02,
  alpha: 0.3,
  seed: 7,
};

// ---------------------------------------------------------------- inference

function softmax(scores: number[], temperature: number): number[] {
  const scaled = scores.map((s) => s / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Raw class scores; features are scaled by 1/sqrt(n) so long letters don't dominate. */
export function scoreLinear(model: LinearModel, feats: string[]): number[] {
  const scores = model.bias.slice();
  const scale = 1 / Math.sqrt(Math.max(1, feats.length));
  for (const f of feats) {
    const w = model.weights[f];
    if (!w) continue;
    for (let k = 0; k < scores.length; k++) scores[k]! += w[k]! * scale;
  }
  return scores;
}

export function predictLinear(model: LinearModel, feats: string[], temperature = model.temperature): { label: string; probs: number[] } {
  const probs = softmax(scoreLinear(model, feats), temperature);
  let best = 0;
  for (let k = 1; k < probs.length; k++) if (probs[k]! > probs[best]!) best = k;
  return { label: model.labels[best]!, probs };
}

// ---------------------------------------------------------------- urgency

/**
 * Hazards that need someone on site today, matched on normalised folded text.
 * Kept explicit and small so staff can read and extend it.
 */
const URGENT_PATTERNS: RegExp[] = [
  /\bcay\b.{0,30}\b(do|gay|bat goc|nga|sap do|nghieng|de len|de xuong)\b/,
  /\b(canh cay|canh)\b.{0,10}\b(gay|roi)\b/,
  /\bday dien\b.{0,30}\b(dut|roi|ho|toe lua|chap|chay|vong|sat dau|lo)\b/,
  /\b(dien giat|giat dien|toe lua|chap dien|chay no|no binh|ro ri gas|ro gas|mui gas)\b/,
  /\btu dien\b.{0,30}\b(ho|mo|ngam)\b/,
  /\bcot dien\b.{0,30}\b(gay|do|nghieng|nut)\b/,
  /\b(nap cong|nap ho ga|ho ga|nap)\b.{0,25}\b(mat|vo|ho|khong co|bi lay|sut)\b/,
  /\b(khong co nap|mat nap|lo ho|ho sau)\b/,
  /\b(chay nha|dang chay|boc chay|nghi chay|khoi boc|dam chay|hoa hoan)\b/,
  /\bnguy co chay\b/,
  /\bngap\b.{0,40}\b(dang len|van dang|nuoc len nhanh|len nhanh|den dau goi|ngang nguc|vao nha)\b/,
  /\b(dang len rat nhanh|so tan|lu quet|sat lo|sap do|sap xuong|sap nha|nut toac)\b/,
  /\b(cam dao|hung khi|dam nguoi|ngao da|de doa)\b/,
  /\b(ngo doc|duoi nuoc|cap cuu|co giat|hon me)\b/,
  // People trapped (fire, lift, collapse). Not "bị kẹt": papers and cars get stuck too.
  /\bmac ket\b/,
  /\b(khan cap|cuu voi|cuu cuu|nguy hiem den tinh mang|ngay lap tuc)\b/,
];

/** True when the message describes a hazard that needs action today. */
export function detectUrgency(text: string): boolean {
  const t = normalizeText(text);
  return URGENT_PATTERNS.some((re) => re.test(t));
}

// ---------------------------------------------------------------- classifier

export interface OfflineClassification {
  intent: IntentId;
  /** Null unless the intent is petition. */
  category: CategoryId | null;
  /** Probability that the whole label (intent, and category for petitions) is right. */
  confidence: number;
  urgent: boolean;
  source: "offline";
  /** Per-class probabilities, for evaluation and debugging. */
  intentProbs: Record<IntentId, number>;
  categoryProbs: Record<CategoryId, number>;
}

export class OfflineClassifier {
  constructor(readonly model: OfflineModelFile) {}

  classify(text: string): OfflineClassification {
    const feats = extractFeatures(text, this.model.features);
    const ip = predictLinear(this.model.intent, feats);
    const cp = predictLinear(this.model.category, feats);
    const intent = ip.label as IntentId;
    const intentProbs = Object.fromEntries(this.model.intent.labels.map((l, i) => [l, ip.probs[i]!])) as Record<IntentId, number>;
    const categoryProbs = Object.fromEntries(this.model.category.labels.map((l, i) => [l, cp.probs[i]!])) as Record<CategoryId, number>;
    const pIntent = intentProbs[intent];
    const isPetition = intent === "petition";
    const category = isPetition ? (cp.label as CategoryId) : null;
    const confidence = isPetition ? pIntent * categoryProbs[category!] : pIntent;
    return {
      intent,
      category,
      // Never 1: a bag-of-words model can always be wrong about a real message.
      confidence: Math.min(0.99, Math.round(confidence * 1000) / 1000),
      urgent: isPetition && detectUrgency(text),
      source: "offline",
      intentProbs,
      categoryProbs,
    };
  }
}

export function parseOfflineModel(raw: unknown): OfflineModelFile {
  const m = offlineModelFileSchema.parse(raw) as OfflineModelFile;
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  if (!sameSet(m.intent.labels, INTENT_IDS)) throw new Error(`model intents ${m.intent.labels.join(",")} do not match the taxonomy`);
  if (!sameSet(m.category.labels, CATEGORY_IDS)) throw new Error(`model categories ${m.category.labels.join(",")} do not match the taxonomy`);
  return m;
}

/** Loads the model file once (call at start-up and keep the instance). */
export function loadOfflineClassifier(path: string): OfflineClassifier {
  return new OfflineClassifier(parseOfflineModel(JSON.parse(readFileSync(path, "utf8"))));
}

// ---------------------------------------------------------------- training


interface Sample {
  feats: string[];
  y: number;
}

function vocabulary(samples: Sample[], minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of samples) for (const f of s.feats) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = new Map<string, number>();
  for (const [f, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (c >= minCount) vocab.set(f, vocab.size);
  return vocab;
}

function trainLogreg(samples: Sample[], labels: string[], opts: LinearTrainOptions): LinearModel {
  const K = labels.length;
  const vocab = vocabulary(samples, opts.minCount);
  const V = vocab.size;
  const W = new Float64Array(V * K);
  const G = new Float64Array(V * K).fill(1e-8); // AdaGrad accumulators
  const b = new Float64Array(K);
  const Gb = new Float64Array(K).fill(1e-8);
  // Balance classes so rare intents (status, other) are not drowned by petitions.
  const freq = new Array<number>(K).fill(0);
  for (const s of samples) freq[s.y]!++;
  const classWeight = freq.map((f) => (f ? Math.sqrt(samples.length / (K * f)) : 0));
  const indexed = samples.map((s) => ({ idx: s.feats.map((f) => vocab.get(f)).filter((i): i is number => i !== undefined), y: s.y }));
  const rnd = mulberry32(opts.seed);
  const order = indexed.map((_, i) => i);
  const scores = new Float64Array(K);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const { idx, y } = indexed[n]!;
      const scale = 1 / Math.sqrt(Math.max(1, idx.length));
      for (let k = 0; k < K; k++) {
        let s = b[k]!;
        for (const f of idx) s += W[f * K + k]! * scale;
        scores[k] = s;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, scores[k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        scores[k] = Math.exp(scores[k]! - max);
        sum += scores[k]!;
      }
      const cw = classWeight[y]!;
      for (let k = 0; k < K; k++) {
        const grad = cw * (scores[k]! / sum - (k === y ? 1 : 0));
        if (grad === 0) continue;
        Gb[k]! += grad * grad;
        b[k]! -= (opts.learningRate * grad) / Math.sqrt(Gb[k]!);
        for (const f of idx) {
          const p = f * K + k;
          const g = grad * scale + opts.l2 * W[p]!;
          G[p]! += g * g;
          W[p]! -= (opts.learningRate * g) / Math.sqrt(G[p]!);
        }
      }
    }
  }
  const weights: Record<string, number[]> = {};
  for (const [f, i] of vocab) {
    const row = Array.from(W.subarray(i * K, i * K + K));
    if (Math.max(...row.map(Math.abs)) < opts.pruneBelow) continue;
    weights[f] = row.map((w) => Math.round(w * 1000) / 1000);
  }
  return { labels, bias: Array.from(b, (x) => Math.round(x * 1000) / 1000), weights, temperature: 1 };
}

/** Complement Naive Bayes (Rennie et al. 2003), weights normalised per class. */
function trainCnb(samples: Sample[], labels: string[], opts: LinearTrainOptions): LinearModel {
  const K = labels.length;
  const vocab = vocabulary(samples, opts.minCount);
  const V = vocab.size;
  const counts = new Float64Array(V * K);
  const totals = new Float64Array(K);
  for (const s of samples) {
    for (const f of s.feats) {
      const i = vocab.get(f);
      if (i === undefined) continue;
      counts[i * K + s.y]! += 1;
      totals[s.y]! += 1;
    }
  }
  const all = totals.reduce((a, c) => a + c, 0);
  const W = new Float64Array(V * K);
  for (let k = 0; k < K; k++) {
    const compTotal = all - totals[k]! + opts.alpha * V;
    let norm = 0;
    for (let i = 0; i < V; i++) {
      let comp = 0;
      for (let j = 0; j < K; j++) if (j !== k) comp += counts[i * K + j]!;
      const w = Math.log((comp + opts.alpha) / compTotal);
      W[i * K + k] = w;
      norm += Math.abs(w);
    }
    for (let i = 0; i < V; i++) W[i * K + k] = -W[i * K + k]! / norm;
  }
  // Centre each feature's row: only differences between classes matter.
  const weights: Record<string, number[]> = {};
  for (const [f, i] of vocab) {
    const row = Array.from(W.subarray(i * K, i * K + K));
    const mean = row.reduce((a, c) => a + c, 0) / K;
    // Normalised weights average 1/V in magnitude; rescale so scores are O(1) like logreg's.
    const centred = row.map((w) => (w - mean) * V);
    if (Math.max(...centred.map(Math.abs)) < opts.pruneBelow) continue;
    weights[f] = centred.map((w) => Math.round(w * 1000) / 1000);
  }
  return { labels, bias: new Array(K).fill(0), weights, temperature: 1 };
}

function trainLinear(samples: Sample[], labels: string[], opts: LinearTrainOptions): LinearModel {
  return opts.algo === "cnb" ? trainCnb(samples, labels, opts) : trainLogreg(samples, labels, opts);
}

/**
 * Temperature minimising held-out log-loss (grid search; the curve is smooth).
 * Floored at 0.25: held-out rows share templates with the training rows, so they
 * are easier than real messages and would otherwise push scores towards 1.0.
 */
export function fitTemperature(model: LinearModel, samples: Sample[]): number {
  if (!samples.length) return 1;
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.25; t <= 4.0001; t += 0.05) {
    let loss = 0;
    for (const s of samples) {
      const p = predictLinear(model, s.feats, t).probs[s.y]!;
      loss -= Math.log(Math.max(p, 1e-12));
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}

export interface TrainResult {
  model: OfflineModelFile;
}

/**
 * Trains both models. With `calibration` rows, each model's temperature is fitted
 * on them (they must not be in `rows`).
 */
export function trainOfflineModel(
  rows: TrainingExample[],
  options: Partial<LinearTrainOptions> & { features?: FeatureOptions; calibration?: TrainingExample[]; temperatures?: { intent: number; category: number }; sources?: string[] } = {},
): OfflineModelFile {
  const opts = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const features = options.features ?? DEFAULT_FEATURE_OPTIONS;
  const intentLabels = [...INTENT_IDS] as string[];
  const catLabels = [...CATEGORY_IDS] as string[];
  const toIntent = (r: TrainingExample): Sample => ({ feats: extractFeatures(r.text, features), y: intentLabels.indexOf(r.intent) });
  const toCat = (r: TrainingExample): Sample => ({ feats: extractFeatures(r.text, features), y: catLabels.indexOf(r.category!) });
  const petitions = rows.filter((r) => r.intent === "petition" && r.category);
  const intent = trainLinear(rows.map(toIntent), intentLabels, opts);
  const category = trainLinear(petitions.map(toCat), catLabels, opts);
  if (options.calibration?.length) {
    intent.temperature = fitTemperature(intent, options.calibration.map(toIntent));
    category.temperature = fitTemperature(category, options.calibration.filter((r) => r.intent === "petition" && r.category).map(toCat));
  } else if (options.temperatures) {
    intent.temperature = options.temperatures.intent;
    category.temperature = options.temperatures.category;
  }
  return {
    version: 1,
    algo: opts.algo,
    features,
    intent,
    category,
    meta: { trainingRows: rows.length, sources: options.sources ?? [], createdBy: "scripts/train-classifier.ts" },
  };
}

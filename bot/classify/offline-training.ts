/**
 * Training of the offline classifier's two linear models: multinomial logistic regression
 * (AdaGrad SGD, L2) by default, complement Naive Bayes for comparison (`algo: "cnb"`), and
 * the softmax temperature fitted on held-out rows. Used by scripts/train-classifier.ts only;
 * the bot loads the trained file (offline-model.ts).
 */
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from "./features.ts";
import { predictLinear, type LinearModel } from "./linear-model.ts";
import type { OfflineModelFile } from "./offline-model.ts";
import { CATEGORY_IDS, INTENT_IDS, type CategoryId, type IntentId } from "./taxonomy.ts";
import { mulberry32 } from "../util/random.ts";

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

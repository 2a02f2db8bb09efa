/**
 * Offline classifier: two linear models over sparse text features (linear-model.ts), one
 * for the intent (4 classes) and one for the petition category (11 classes, trained on
 * petitions only), plus the explicit urgency rule (urgency.ts). This module loads and
 * validates the model file and classifies; training lives in offline-training.ts.
 */
import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { extractFeatures, type FeatureOptions } from "./features.ts";
import { predictLinear, type LinearModel } from "./linear-model.ts";
import { CATEGORY_IDS, INTENT_IDS, type CategoryId, type IntentId } from "./taxonomy.ts";
import { detectUrgency } from "./urgency.ts";

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
// The model is read-only once loaded; parsing and checking it costs ~100 ms, so an app
// re-created in the same process (workers, tests) reuses it while the file is unchanged.
const loaded = new Map<string, { mtimeMs: number; size: number; model: OfflineClassifier }>();

export function loadOfflineClassifier(path: string): OfflineClassifier {
  const st = statSync(path);
  const hit = loaded.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.model;
  const model = new OfflineClassifier(parseOfflineModel(JSON.parse(readFileSync(path, "utf8"))));
  loaded.set(path, { mtimeMs: st.mtimeMs, size: st.size, model });
  return model;
}

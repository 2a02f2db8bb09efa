/**
 * A linear model over sparse text features: per feature one weight per class, so scoring a
 * message is a handful of sparse dot products (microseconds). The offline classifier runs
 * two of them (intent, category); the trainers in offline-training.ts produce them.
 */

export interface LinearModel {
  labels: string[];
  bias: number[];
  /** feature → weight per label (same order as `labels`). */
  weights: Record<string, number[]>;
  /** Softmax temperature fitted on held-out data (>1 softens over-confident scores). */
  temperature: number;
}

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

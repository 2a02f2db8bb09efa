/**
 * The answer from one passage (or two that together answer), or a plain refusal that
 * offers the closest passage as related information.
 */
import { syllables } from "../text/vietnamese.ts";
import { notFoundAnswer, singleAnswer, whatIsMissing } from "./compose.ts";
import type { Locator, Unit } from "./locate.ts";
import { boundEvidence, unitEvidence, type Routed } from "./routed.ts";

/** Minimum share of the question's weighted terms the evidence must contain. */
export const FOUND_THRESHOLD = 0.45;
/** A passage this close to the question is worth offering as related information. */
const RELATED_THRESHOLD = 0.3;

/** The same content reached twice (a task row and its table section): most of the shorter one is in the longer. */
function nearlySame(a: string, b: string): boolean {
  if (a.includes(b) || b.includes(a)) return true;
  const pairs = (s: string) => {
    const w = syllables(s);
    return new Set(w.slice(1).map((x, i) => `${w[i]}_${x}`));
  };
  const sa = pairs(a);
  const sb = pairs(b);
  let inter = 0;
  for (const w of sa) if (sb.has(w)) inter++;
  return inter / (Math.min(sa.size, sb.size) || 1) >= 0.9;
}

/** The best fitting passage and up to two more nearly as good and saying something else. */
export function pickUnits(units: readonly Unit[], threshold = FOUND_THRESHOLD): Unit[] {
  const fit = units.filter((u) => u.fits);
  const best = fit[0];
  if (!best || best.score < threshold) return [];
  const picked: Unit[] = [best];
  for (const u of fit.slice(1)) {
    if (picked.length >= 3) break;
    if (u.score < Math.max(threshold, best.score * 0.75)) break;
    const same = picked.findIndex((p) => nearlySame(p.text, u.text));
    if (same >= 0) {
      // The same content twice: keep the fuller wording, unless it loses the row's columns.
      if (u.text.length > picked[same]!.text.length * 1.3 && (u.task || !picked[same]!.task)) picked[same] = u;
      continue;
    }
    picked.push(u);
  }
  return picked;
}

/** Evidence for the model: the passages picked, then the next best ones. */
export function unitsEvidence(picked: readonly Unit[], units: readonly Unit[]) {
  return boundEvidence([...picked, ...units.slice(0, 8)].map(unitEvidence));
}

export function singleRoute(loc: Locator, units: readonly Unit[]): Routed {
  const picked = pickUnits(units);
  if (picked.length > 0) {
    return {
      answer: singleAnswer(loc.kb, picked, loc.asks.columns),
      items: picked.map((u) => u.itemId).filter((x): x is string => x !== null),
      focus: picked[0]!.itemId,
      evidence: unitsEvidence(picked, units),
      llm: true,
    };
  }
  return refusal(loc, units);
}

/**
 * No passage answers. When passages on the topic exist but none states the kind of fact
 * asked (an amount, a day…), the refusal is certain and names what is missing; otherwise it
 * is a plain "not found" that an LLM, reading the same passages, may still overturn.
 */
export function refusal(loc: Locator, units: readonly Unit[], what?: string): Routed {
  const topical = units.filter((u) => u.topicOnly && u.score >= FOUND_THRESHOLD);
  // No passage near the topic states the kind of fact asked: rephrasing cannot find it.
  const factAbsent = loc.asks.fact !== null && !units.some((u) => u.fits && u.score >= RELATED_THRESHOLD);
  const certain = topical.length > 0 || factAbsent || what !== undefined;
  const related = (topical.length > 0 ? topical : units.filter((u) => u.score >= RELATED_THRESHOLD)).slice(0, 1);
  return {
    answer: notFoundAnswer(loc.kb, whatIsMissing(certain ? loc.asks.fact : null, what), related),
    items: [],
    focus: null,
    evidence: certain ? [] : unitsEvidence([], units),
    llm: !certain,
  };
}

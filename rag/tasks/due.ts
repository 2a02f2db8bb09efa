/**
 * Which tasks are due in a period. One rule for every period size: a task is due when
 * one of its time windows (see `timeframeWindows`) overlaps the period. Undated tasks
 * (thường xuyên, hằng năm, theo kỳ họp, theo tiến độ cấp trên) are listed separately.
 */
import { foldCollapsed } from "../text/vietnamese.ts";
import type { MonthRange, Timeframe } from "./types.ts";
import { UNDATED_KINDS } from "./types.ts";
import { timeframeWindows } from "./timeframe.ts";

/** The fields a due query needs; satisfied by stored and freshly extracted tasks. */
export interface DueCandidate {
  doc: string;
  timeframe: Timeframe;
}

export function overlaps(a: MonthRange, b: MonthRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

export function isDueIn(task: DueCandidate, period: MonthRange): boolean {
  const windows = timeframeWindows(task.timeframe);
  return windows !== null && windows.some((w) => overlaps(w, period));
}

export function isOngoing(task: DueCandidate): boolean {
  return UNDATED_KINDS.has(task.timeframe.kind);
}

/** Filters by the documents' ward/commune and issuing body (folded comparison). */
export interface DocFilter {
  ward?: string | null;
  issuerBody?: string | null;
}

export interface DocInfo {
  file: string;
  ward: string;
  issuerBody: string;
}

export function docMatches(doc: DocInfo, filter: DocFilter): boolean {
  if (filter.ward && foldCollapsed(doc.ward) !== foldCollapsed(filter.ward)) return false;
  if (filter.issuerBody && doc.issuerBody !== filter.issuerBody) return false;
  return true;
}

/** The first month index a task falls due in the period (for ordering answers). */
export function firstDueMonth(task: DueCandidate, period: MonthRange): number {
  const windows = timeframeWindows(task.timeframe) ?? [];
  let best = Number.POSITIVE_INFINITY;
  for (const w of windows) if (overlaps(w, period)) best = Math.min(best, Math.max(w.from, period.from));
  return best;
}

/**
 * Periods (quarter, month, half-year, year) and their resolution from CLI arguments
 * ("2026-Q2", "2026-05", "2026") and from Vietnamese phrases ("quý này", "quy 3",
 * "tháng tới", "6 tháng cuối năm"), relative to today in Asia/Ho_Chi_Minh.
 */
import { foldForMatching } from "../text/vietnamese.ts";
import { monthIndex, type MonthRange } from "../tasks/types.ts";

import { localDate, parseIsoDay } from "../../lib/time.ts";
export { TIME_ZONE, localDate } from "../../lib/time.ts";

export type PeriodKind = "quarter" | "month" | "half" | "year";

export interface Period extends MonthRange {
  kind: PeriodKind;
  year: number;
  /** Quarter (1-4), month (1-12) or half (1-2); null for a year. */
  index: number | null;
  /** Canonical id: 2026-Q2, 2026-05, 2026-H2, 2026. */
  id: string;
  /** Vietnamese label for replies: "Quý II/2026", "tháng 5/2026". */
  label: string;
}

/** A clock returning "now"; injectable for tests. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();


const ROMAN = ["I", "II", "III", "IV"] as const;

export function quarterPeriod(year: number, quarter: number): Period {
  const from = monthIndex(year, (quarter - 1) * 3 + 1);
  return { kind: "quarter", year, index: quarter, from, to: from + 2, id: `${year}-Q${quarter}`, label: `Quý ${ROMAN[quarter - 1]}/${year}` };
}

export function monthPeriod(year: number, month: number): Period {
  const from = monthIndex(year, month);
  return { kind: "month", year, index: month, from, to: from, id: `${year}-${String(month).padStart(2, "0")}`, label: `tháng ${month}/${year}` };
}

export function halfPeriod(year: number, half: number): Period {
  const from = monthIndex(year, half === 1 ? 1 : 7);
  return { kind: "half", year, index: half, from, to: from + 5, id: `${year}-H${half}`, label: `6 tháng ${half === 1 ? "đầu" : "cuối"} năm ${year}` };
}

export function yearPeriod(year: number): Period {
  return { kind: "year", year, index: null, from: monthIndex(year, 1), to: monthIndex(year, 12), id: String(year), label: `năm ${year}` };
}

/** Parses the CLI form: 2026-Q2, 2026-05, 2026-H2, 2026. Returns null when malformed. */
export function parsePeriodId(id: string): Period | null {
  const s = id.trim().toUpperCase();
  let m = /^(\d{4})-Q([1-4])$/.exec(s);
  if (m) return quarterPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-H([12])$/.exec(s);
  if (m) return halfPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})$/.exec(s);
  if (m) return yearPeriod(Number(m[1]));
  return null;
}

const ROMAN_FOLDED: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** Shifts a month by n, returning [year, month]. */
function addMonths(year: number, month: number, n: number): [number, number] {
  const idx = year * 12 + (month - 1) + n;
  return [Math.floor(idx / 12), (idx % 12) + 1];
}

/**
 * Finds a period named in a Vietnamese question, with or without diacritics.
 * Absolute forms win over relative ones ("quý 3 năm 2027" → 2027-Q3); a quarter or month
 * without a year means the current year. Returns null when the text names no period.
 */
export function resolvePeriodPhrase(text: string, now: Date): Period | null {
  const t = foldForMatching(text);
  const today = localDate(now);
  const yearIn = (s: string): number | null => {
    const m = /(?:nam |\/)(\d{4})\b/.exec(s) ?? /\b(20\d{2})\b/.exec(s);
    return m ? Number(m[1]) : null;
  };
  const relYear = (): number => {
    if (/ nam (sau|toi|ke tiep|moi) /.test(t)) return today.year + 1;
    if (/ nam (truoc|ngoai|qua) /.test(t)) return today.year - 1;
    return yearIn(t) ?? today.year;
  };

  // Half-years: "6 tháng đầu/cuối năm", "nửa đầu năm".
  let m = / (?:6 thang|sau thang|nua) (dau|cuoi) nam /.exec(t);
  if (m) return halfPeriod(relYear(), m[1] === "dau" ? 1 : 2);

  // Quarter with a number: "quý 3", "quy III/2026", "quý II năm 2027".
  m = / quy ([1-4]|iv|iii|ii|i)\b(?:\s*\/\s*(\d{4}))?/.exec(t);
  if (m) {
    const q = /\d/.test(m[1]!) ? Number(m[1]) : ROMAN_FOLDED[m[1]!]!;
    const y = m[2] ? Number(m[2]) : relYear();
    return quarterPeriod(y, q);
  }
  // Relative quarter.
  const currentQuarter = Math.floor((today.month - 1) / 3) + 1;
  m = / quy (nay|hien tai|nay nam|sau|toi|ke tiep|tiep theo|truoc|vua qua) /.exec(t);
  if (m) {
    const shift = /^(sau|toi|ke tiep|tiep theo)$/.test(m[1]!) ? 1 : /^(truoc|vua qua)$/.test(m[1]!) ? -1 : 0;
    const [y, mo] = addMonths(today.year, (currentQuarter - 1) * 3 + 1, shift * 3);
    return quarterPeriod(y, Math.floor((mo - 1) / 3) + 1);
  }
  // Month with a number: "tháng 5", "tháng 05/2026", "tháng 3 năm 2027".
  m = / thang (\d{1,2})(?:\s*\/\s*(\d{4}))?\b/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) {
    const y = m[2] ? Number(m[2]) : relYear();
    return monthPeriod(y, Number(m[1]));
  }
  // "6 tháng trước ngày 05/6" is a report name, not "last month": no number before "tháng".
  m = /(?<! \d{1,2}) thang (nay|hien tai|sau|toi|ke tiep|tiep theo|truoc|vua qua) /.exec(t);
  if (m) {
    const shift = /^(sau|toi|ke tiep|tiep theo)$/.test(m[1]!) ? 1 : /^(truoc|vua qua)$/.test(m[1]!) ? -1 : 0;
    const [y, mo] = addMonths(today.year, today.month, shift);
    return monthPeriod(y, mo);
  }
  // Years: "năm nay", "năm sau", "năm 2027".
  m = / nam (nay|sau|toi|ke tiep|truoc|ngoai|qua|(\d{4})) /.exec(t);
  if (m) {
    if (m[2]) return yearPeriod(Number(m[2]));
    if (/^(sau|toi|ke tiep)$/.test(m[1]!)) return yearPeriod(today.year + 1);
    if (/^(truoc|ngoai|qua)$/.test(m[1]!)) return yearPeriod(today.year - 1);
    return yearPeriod(today.year);
  }
  return null;
}

/** "2026-05-10" → an instant at noon in Asia/Ho_Chi_Minh that day (for --date). */
export function dateFromIso(iso: string): Date | null {
  const start = parseIsoDay(iso); // null when malformed or not a real day (2026-02-30)
  return start && new Date(start.getTime() + 12 * 3600_000);
}

/**
 * Periods (week, quarter, month, half-year, year) and their resolution from CLI arguments
 * ("2026-Q2", "2026-05", "2026", "2026-W49") and from Vietnamese phrases ("quý này",
 * "quy 3", "tháng tới", "6 tháng cuối năm", "tuần này"), relative to today in
 * Asia/Ho_Chi_Minh or, in a follow-up ("còn quý sau?"), to the period asked before.
 */
import { foldForMatching } from "../text/vietnamese.ts";
import { monthIndex, type MonthRange } from "../tasks/types.ts";

import { localDate, parseIsoDay } from "../../lib/time.ts";
export { TIME_ZONE, localDate } from "../../lib/time.ts";

export type PeriodKind = "week" | "quarter" | "month" | "half" | "year";

export interface Period extends MonthRange {
  kind: PeriodKind;
  year: number;
  /** ISO week (1-53), quarter (1-4), month (1-12) or half (1-2); null for a year. */
  index: number | null;
  /** Canonical id: 2026-W49, 2026-Q2, 2026-05, 2026-H2, 2026. */
  id: string;
  /** Vietnamese label for replies: "Quý II/2026", "tháng 5/2026". */
  label: string;
  /** A week's first and last day (ISO dates); a week is due-listed by the months it spans. */
  days?: { from: string; to: string };
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

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The ISO week (Monday to Sunday) containing a calendar day, shifted by whole weeks. */
export function weekPeriod(day: { year: number; month: number; day: number }, shift = 0): Period {
  const noon = Date.UTC(day.year, day.month - 1, day.day, 12);
  const monday = new Date(noon - ((new Date(noon).getUTCDay() + 6) % 7) * 86_400_000 + shift * 7 * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  // ISO week number: the week containing the year's first Thursday is week 1.
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1, 12)) / (7 * 86_400_000)) + 1;
  const iso = (d: Date) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const short = (d: Date) => `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}`;
  return {
    kind: "week",
    year: isoYear,
    index: week,
    from: monthIndex(monday.getUTCFullYear(), monday.getUTCMonth() + 1),
    to: monthIndex(sunday.getUTCFullYear(), sunday.getUTCMonth() + 1),
    id: `${isoYear}-W${pad2(week)}`,
    label: `tuần ${short(monday)}–${short(sunday)}/${sunday.getUTCFullYear()}`,
    days: { from: iso(monday), to: iso(sunday) },
  };
}

/** Parses the CLI form: 2026-Q2, 2026-05, 2026-H2, 2026, 2026-W49. Returns null when malformed. */
export function parsePeriodId(id: string): Period | null {
  const s = id.trim().toUpperCase();
  let m = /^(\d{4})-W(\d{1,2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 53) {
    // Week 1 holds 4 January.
    const w = weekPeriod({ year: Number(m[1]), month: 1, day: 4 }, Number(m[2]) - 1);
    return w.year === Number(m[1]) ? w : null;
  }
  m = /^(\d{4})-Q([1-4])$/.exec(s);
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

/** Relative words: "sau/tới/tiếp theo" (+1), "trước/vừa qua" (−1), otherwise this one. */
const shiftOf = (w: string) => (/^(sau|toi|ke tiep|tiep theo)$/.test(w) ? 1 : /^(truoc|vua qua|ngoai|qua)$/.test(w) ? -1 : 0);

/**
 * Finds a period named in a Vietnamese question, with or without diacritics.
 * Absolute forms win over relative ones ("quý 3 năm 2027" → 2027-Q3); a quarter or month
 * without a year means the current year. "Sau/tới/trước" count from `base` when it is a
 * period of the same size (a follow-up: "còn quý sau?" after Quý III/2027 is Quý IV/2027),
 * otherwise from today. Returns null when the text names no period.
 */
export function resolvePeriodPhrase(text: string, now: Date, base: Period | null = null): Period | null {
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
    const shift = shiftOf(m[1]!);
    const from = shift !== 0 && base?.kind === "quarter" ? { year: base.year, quarter: base.index! } : { year: today.year, quarter: currentQuarter };
    const [y, mo] = addMonths(from.year, (from.quarter - 1) * 3 + 1, shift * 3);
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
    const shift = shiftOf(m[1]!);
    const from = shift !== 0 && base?.kind === "month" ? { year: base.year, month: base.index! } : today;
    const [y, mo] = addMonths(from.year, from.month, shift);
    return monthPeriod(y, mo);
  }
  m = / tuan (nay|hien tai|sau|toi|ke tiep|tiep theo|truoc|vua qua) /.exec(t);
  if (m) {
    const shift = shiftOf(m[1]!);
    if (shift !== 0 && base?.kind === "week" && base.days) {
      const [y, mo, d] = base.days.from.split("-").map(Number) as [number, number, number];
      return weekPeriod({ year: y, month: mo, day: d }, shift);
    }
    return weekPeriod(today, shift);
  }
  // Years: "năm nay", "năm sau", "năm 2027".
  m = / nam (nay|sau|toi|ke tiep|truoc|ngoai|qua|(\d{4})) /.exec(t);
  if (m) {
    if (m[2]) return yearPeriod(Number(m[2]));
    const shift = shiftOf(m[1]!);
    return yearPeriod((shift !== 0 && base?.kind === "year" ? base.year : today.year) + shift);
  }
  return null;
}

/**
 * The words of a message that are neither a period phrase nor filler: "quý 1 năm sau",
 * "còn tháng sau thì sao?" and "tuần này có việc gì" leave nothing, so such a message asks
 * for that period's tasks.
 */
export function wordsBesidesPeriod(text: string): string[] {
  const t = foldForMatching(text)
    .replace(/ (6|sau) thang (dau|cuoi) nam( \d{4})? /g, " ")
    .replace(/ nua (dau|cuoi) nam( \d{4})? /g, " ")
    .replace(/ (quy|thang|tuan|nam) ([0-9]{1,4}|i{1,3}|iv|nay|hien tai|sau|toi|ke tiep|tiep theo|truoc|vua qua|ngoai|qua)( ?\/ ?\d{4})?( nam (\d{4}|nay|sau|toi|truoc|ngoai))? /g, " ")
    .replace(/ (quy|thang|tuan|nam) ([0-9]{1,4}|i{1,3}|iv|nay|hien tai|sau|toi|ke tiep|tiep theo|truoc|vua qua|ngoai|qua)( ?\/ ?\d{4})?( nam (\d{4}|nay|sau|toi|truoc|ngoai))? /g, " ");
  const FILLER = new Set(
    "con thi sao the nao vay nhi a oi voi cho hoi xem nua tiep co gi viec nhung cac nhiem vu cong viec noi dung hoat dong can lam phai duoc den han trong vao la day ko khong k j gi ha ah nhe nha di ban minh em toi chung ta ke liet danh sach".split(" "),
  );
  return t.split(" ").filter((w) => w && !FILLER.has(w));
}

/** "2026-05-10" → an instant at noon in Asia/Ho_Chi_Minh that day (for --date). */
export function dateFromIso(iso: string): Date | null {
  const start = parseIsoDay(iso); // null when malformed or not a real day (2026-02-30)
  return start && new Date(start.getTime() + 12 * 3600_000);
}

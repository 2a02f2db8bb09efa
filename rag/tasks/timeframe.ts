/**
 * Timeframe parsing: the raw "THỜI GIAN THỰC HIỆN" strings of the corpus → normalised
 * `Timeframe`, and the month windows in which a task is due.
 *
 * Parsing works on folded text (no diacritics, lower case) so "Quý", "Qúy", "quy" and
 * "QUÝ" read the same; the cleaned original is kept as `raw`.
 */
import { foldVietnamese, normalizeVietnamese } from "../text/vietnamese.ts";
import { monthIndex, type MonthRange, type Timeframe, type TimeframeKind } from "./types.ts";

export interface TimeframeContext {
  /** The plan's term; recurring timeframes apply in every year of it. */
  term: { from: number; to: number | null };
  /** Year of the document, used when a quarter or month is written without a year. */
  docYear: number;
}

/** Recurring windows with an open-ended term are projected this many years ahead. */
const OPEN_TERM_YEARS = 10;

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * Cleans a timeframe as written: NFC/typo repair, whitespace (line breaks included)
 * collapsed, no space just inside brackets, no trailing list punctuation.
 * Typos such as "I//2026" are kept: `raw` must stay what the document says.
 */
export function cleanTimeframeText(raw: string): string {
  return normalizeVietnamese(raw)
    .replace(/\s+/g, " ")
    .replace(/\(\s+/g, "(")
    .replace(/\s+\)/g, ")")
    .replace(/\s+([,;.])/g, "$1")
    .replace(/[\s,;.]+$/u, "")
    .trim();
}

/** Folded form used for matching: dashes unified, slash runs ("//") and their spacing collapsed. */
function foldForParse(clean: string): string {
  return foldVietnamese(clean)
    .replace(/[–—]/g, "-")
    .replace(/\s*\/+\s*/g, "/")
    .replace(/\s+/g, " ")
    .trim();
}

function toYear(s: string | undefined): number | null {
  if (!s) return null;
  const n = Number(s);
  if (!Number.isFinite(n)) return null;
  // Two-digit years ("Quý I/26") only ever mean this century in these plans.
  return s.length === 2 ? 2000 + n : n;
}

function quarterNumber(token: string): number | null {
  const t = token.toLowerCase();
  if (t in ROMAN) return ROMAN[t]!;
  const n = Number(t);
  return n >= 1 && n <= 4 ? n : null;
}

const Q_NUM = String.raw`(iv|iii|ii|i|[1-4])(?![a-z0-9])`;
const YEAR_AFTER = String.raw`^\s*(?:\/|-|nam)\s*(\d{4}|\d{2})(?!\d)`;

interface QuarterMatch {
  quarters: number[];
  year: number | null;
}

/**
 * Finds "quý X [và quý Y ...] [/YYYY]" in folded text. The second quarter may omit its
 * "quý" ("Quý II và IV hằng năm").
 */
function findQuarters(f: string): QuarterMatch | null {
  const first = new RegExp(String.raw`\bqu[yi]\s*${Q_NUM}`).exec(f);
  if (!first) return null;
  const quarters = [quarterNumber(first[1]!)!];
  let rest = f.slice(first.index + first[0].length);
  // "Quý I - 2026" is not a list: the numeral pattern refuses "2" followed by more digits.
  const more = new RegExp(String.raw`^\s*(?:,|va|&|-|;)\s*(?:qu[yi]\s*)?${Q_NUM}`);
  for (let m = more.exec(rest); m; m = more.exec(rest)) {
    quarters.push(quarterNumber(m[1]!)!);
    rest = rest.slice(m[0].length);
  }
  const y = new RegExp(YEAR_AFTER).exec(rest);
  return { quarters: [...new Set(quarters)].sort((a, b) => a - b), year: y ? toYear(y[1]) : null };
}

/** "tháng 3/2026", "tháng 02 năm 2026", "tháng 3" → month and optional year. */
function findMonth(f: string): { month: number; year: number | null } | null {
  const m = /thang\s*(\d{1,2})(?!\d)(?:\s*(?:\/|-|nam)\s*(\d{4}))?/.exec(f);
  if (m) {
    const month = Number(m[1]);
    if (month >= 1 && month <= 12) return { month, year: toYear(m[2]) };
  }
  // A bare "3/2026".
  const bare = /(?:^|[^\d/])(\d{1,2})\/(\d{4})(?!\d)/.exec(f);
  if (bare) {
    const month = Number(bare[1]);
    if (month >= 1 && month <= 12) return { month, year: toYear(bare[2]) };
  }
  return null;
}

/** "trước ngày 05/6", "trước 10/9", "chậm nhất ngày 10/11/2026". */
function findDeadline(f: string): { day: number; month: number; year: number | null } | null {
  const m = /(?:truoc|cham nhat|han(?: chot)?)(?: ngay)?\s*(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?/.exec(f);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  return { day, month, year: toYear(m[3]) };
}

const EVERY_YEAR = /\b(hang nam|moi nam|cac nam|nam nao cung)\b/;
const ONGOING = /\b(thuong xuyen|lien tuc|hang ngay|hang tuan|hang thang)\b/;

/**
 * Parses a timeframe as written in a plan. Never throws: an unreadable string becomes
 * "thuong_xuyen" (listed as ongoing, so the task is not lost from any report).
 */
export function parseTimeframe(raw: string, ctx: TimeframeContext): Timeframe {
  const clean = cleanTimeframeText(raw ?? "");
  const f = foldForParse(clean);
  const term = { fromYear: ctx.term.from, toYear: ctx.term.to };
  const base = { raw: clean, year: null, quarters: [], month: null, day: null, fromYear: null, toYear: null };
  const make = (kind: TimeframeKind, extra: Partial<Timeframe> = {}): Timeframe => ({ ...base, kind, ...extra });

  // No timeframe written: a standing duty of the term (Nghi Dương duty lists).
  if (!f || /\b(trong|ca|suot) nhiem ky\b|\btoan khoa\b/.test(f)) return make("trong_nhiem_ky", term);

  if (ONGOING.test(f)) {
    // "Thường xuyên (bắt đầu từ quý I/2026)": due in its start quarter, ongoing afterwards.
    const start = /bat dau(?: tu)?\s*(.*)$/.exec(f)?.[1] ?? "";
    if (start) {
      const q = findQuarters(start);
      if (q && q.quarters.length > 0) {
        const year = q.year ?? ctx.docYear;
        return make("bat_dau_thuong_xuyen", { year, quarters: [q.quarters[0]!], fromYear: year, toYear: ctx.term.to });
      }
      const m = findMonth(start);
      if (m) {
        const year = m.year ?? ctx.docYear;
        return make("bat_dau_thuong_xuyen", { year, quarters: [Math.ceil(m.month / 3)], fromYear: year, toYear: ctx.term.to });
      }
      const y = /(?:nam\s*)?(\d{4})/.exec(start);
      if (y) {
        const year = Number(y[1]);
        return make("bat_dau_thuong_xuyen", { year, quarters: [1], fromYear: year, toYear: ctx.term.to });
      }
    }
    return make("thuong_xuyen", term);
  }

  // Before quarters: "(Bắt đầu từ kỳ họp thứ Nhất)" carries no date.
  if (/\bky hop\b/.test(f)) return make("theo_ky_hop", term);

  if (/\btheo (tien do|huong dan|chi dao|yeu cau|lo trinh|ke hoach cua)\b|\btrung uong\b|\bcap tren\b/.test(f)) {
    return make("theo_tien_do_cap_tren", term);
  }

  const deadline = findDeadline(f);
  if (deadline) {
    const years = deadline.year !== null && !EVERY_YEAR.test(f) ? { fromYear: deadline.year, toYear: deadline.year } : term;
    return make("han_bao_cao", { day: deadline.day, month: deadline.month, ...years });
  }

  if (/\bhang quy\b|\bmoi quy\b/.test(f)) return make("quy_hang_nam", { quarters: [1, 2, 3, 4], ...term });

  const q = findQuarters(f);
  if (q) {
    if (q.year !== null) return make("quy_cu_the", { year: q.year, quarters: q.quarters });
    if (EVERY_YEAR.test(f)) return make("quy_hang_nam", { quarters: q.quarters, ...term });
    // A quarter with neither year nor "hằng năm": read it as the document's year.
    return make("quy_cu_the", { year: ctx.docYear, quarters: q.quarters });
  }

  // "6 tháng đầu năm 2026", "cuối năm 2026": halves and ends of a year as quarters.
  const part = /\b(6 thang dau|dau|6 thang cuoi|cuoi) nam\b(?:\s*(\d{4}))?/.exec(f);
  if (part) {
    const quarters = { "6 thang dau": [1, 2], dau: [1], "6 thang cuoi": [3, 4], cuoi: [4] }[part[1]!]!;
    return make("quy_cu_the", { year: toYear(part[2]) ?? ctx.docYear, quarters });
  }

  const month = findMonth(f);
  if (month) {
    const kind: TimeframeKind = /\bhoi nghi\b|\bban chap hanh\b|\bbch\b/.test(f) ? "hoi_nghi_bch" : "thang";
    return make(kind, { year: month.year ?? ctx.docYear, month: month.month });
  }

  if (EVERY_YEAR.test(f) || /\bdinh ky\b/.test(f)) return make("hang_nam", term);

  // "Năm 2027": due somewhere in that year, i.e. in each of its quarters.
  const year = /^(?:nam\s*)?(\d{4})$/.exec(f) ?? /\bnam (\d{4})\b/.exec(f);
  if (year) return make("quy_cu_the", { year: Number(year[1]), quarters: [1, 2, 3, 4] });

  if (/\bnhiem ky\b|\bgiai doan\b/.test(f)) return make("trong_nhiem_ky", term);

  return make("thuong_xuyen", term);
}

function quarterWindow(year: number, quarter: number): MonthRange {
  return { from: monthIndex(year, quarter * 3 - 2), to: monthIndex(year, quarter * 3) };
}

function yearsOf(tf: Timeframe): number[] | null {
  const from = tf.fromYear ?? tf.year;
  if (from === null) return null;
  const to = tf.toYear ?? from + OPEN_TERM_YEARS;
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  return years;
}

/**
 * Month windows in which a task with this timeframe is due, ascending. A task is due in a
 * period when any window overlaps it. Undated kinds and whole-term duties → null.
 */
export function timeframeWindows(tf: Timeframe): MonthRange[] | null {
  switch (tf.kind) {
    case "quy_cu_the":
      if (tf.year === null || tf.quarters.length === 0) return null;
      return tf.quarters.map((q) => quarterWindow(tf.year!, q));
    case "quy_hang_nam": {
      const years = yearsOf(tf);
      if (!years || tf.quarters.length === 0) return null;
      return years.flatMap((y) => [...tf.quarters].sort((a, b) => a - b).map((q) => quarterWindow(y, q)));
    }
    case "thang":
    case "hoi_nghi_bch":
      if (tf.year === null || tf.month === null) return null;
      return [{ from: monthIndex(tf.year, tf.month), to: monthIndex(tf.year, tf.month) }];
    case "han_bao_cao": {
      const years = yearsOf(tf);
      if (!years || tf.month === null) return null;
      return years.map((y) => ({ from: monthIndex(y, tf.month!), to: monthIndex(y, tf.month!) }));
    }
    case "bat_dau_thuong_xuyen":
      if (tf.year === null || tf.quarters.length === 0) return null;
      return [quarterWindow(tf.year, tf.quarters[0]!)];
    default:
      return null;
  }
}

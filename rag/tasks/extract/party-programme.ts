/**
 * Extractor for the "party-programme" layout: a Party committee's whole-term work programme
 * ("Chương trình công tác toàn khóa"). Under each "Năm YYYY" heading it lists the Executive
 * Committee conferences ("1. Hội nghị Ban Chấp hành Đảng bộ phường lần thứ 4 (tháng 3/2026)")
 * and the Standing Committee's months ("1. Tháng 01/2026"), each followed by dash items that
 * end with the preparing unit in parentheses: "- Kế hoạch ... (Ban Xây dựng Đảng chuẩn bị)."
 *
 * The text comes from a PDF: items wrap over lines and pages, page numbers and blank or
 * whitespace-only lines sit between them, a unit or an opening parenthesis can land on its
 * own line, and a wrapped year range can start a line with "- 2030". Headings carry typos
 * (two conferences numbered "4.", "( tháng 6/2028)"), so headings are recognised by shape,
 * never by their running number.
 */
import { foldCollapsed, foldVietnamese } from "../../text/vietnamese.ts";
import type { ExtractedTask, Timeframe } from "../types.ts";
import type { TaskExtractor } from "./types.ts";

type HeadingKind = "thang" | "hoi_nghi_bch";

interface Heading {
  kind: HeadingKind;
  /** Heading text without its running number, spacing cleaned: the `section` leaf. */
  title: string;
  /** The timeframe as written: "Tháng 01/2026" or "tháng 3/2026". */
  raw: string;
  year: number;
  month: number;
}

interface RawItem {
  heading: Heading;
  yearLabel: string | null;
  lines: string[];
}

const YEAR_HEADING = /^Năm\s+(\d{4})$/u;
// Running number optional: numbering in these programmes is unreliable.
const CONFERENCE_HEADING =
  /^(?:\d+\s*\.\s*)?(Hội nghị Ban Chấp hành Đảng bộ.*?lần thứ\s*\d+)\s*\(\s*(tháng\s*(\d{1,2})\s*\/\s*(\d{4}))\s*\)$/iu;
// A bare "Tháng 3/2026" line needs its capital T or a running number, so a wrapped
// item line that happens to read "tháng 3/2026" is not taken for a heading.
const MONTH_HEADING = /^(?:\d+\s*\.\s*(Tháng|tháng)|(Tháng))\s*(\d{1,2})\s*\/\s*(\d{4})$/u;
/** Top-level Roman-numeral part, e.g. "III. TỔ CHỨC THỰC HIỆN": ends the programme. */
const ROMAN_PART = /^([IVX]+)\s*\.\s+\S/u;
/** A page number left by the PDF extraction. Four digits could be a wrapped year, so not those. */
const PAGE_NUMBER = /^\d{1,3}$/u;
const BULLET = /^[-–]\s*/u;

/**
 * Catch-all lines that close every month and conference ("other matters within our remit");
 * they name no work, so they are not tasks. Matched on folded text, anchored at the start.
 */
const CATCH_ALL_RULES: readonly RegExp[] = [
  // "Cho ý kiến (vào) một số nội dung khác thuộc thẩm quyền."
  /^cho y kien (?:vao |ve )?(?:mot so |cac |nhung )?(?:noi dung|van de|viec) khac\b/u,
  // "Quyết định những vấn đề quan trọng khác theo Quy chế làm việc."
  /^quyet dinh (?:mot so |cac |nhung )?(?:noi dung|van de|viec)(?: quan trong)? khac\b/u,
  // Same idea with the other verbs such programmes use.
  /^(?:xem xet|giai quyet|thao luan) (?:mot so |cac |nhung )?(?:noi dung|van de|viec)(?: quan trong)? khac\b/u,
];

export function isCatchAllItem(task: string): boolean {
  const folded = foldCollapsed(task);
  return CATCH_ALL_RULES.some((rule) => rule.test(folded));
}

/** Words a preparing unit starts with, for a final parenthesis that lacks "chuẩn bị". */
const UNIT_START =
  /^(?:ban|van phong|uy ban|ubnd|hdnd|ubkt|mttq|hoi dong|cong an|thuong truc|tieu ban|cac|bch|chi bo|dang uy|dang bo|doan|hoi)\b/u;
const UNIT_VERB_SUFFIX = /\s*(?:chủ trì\s+chuẩn bị|chủ trì|chuẩn bị)\s*$/iu;

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Strips the full stops and stray spaces that trail an item or sit before its unit. */
function trimTrailingPunctuation(text: string): string {
  return text.replace(/[\s.;,]+$/u, "");
}

/**
 * Splits "task (unit chủ trì chuẩn bị)." into task and unit. Only the last, balanced
 * parenthesis counts, and only when it names a unit; "(03/2/1930 - 03/2/2030)" stays.
 */
export function splitLead(item: string): { task: string; lead: string | null } {
  const text = trimTrailingPunctuation(collapse(item));
  if (!text.endsWith(")")) return { task: text, lead: null };
  let depth = 0;
  let open = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ")") depth++;
    else if (ch === "(") {
      depth--;
      if (depth === 0) {
        open = i;
        break;
      }
    }
  }
  if (open <= 0) return { task: text, lead: null };
  const inner = collapse(text.slice(open + 1, -1));
  const folded = foldVietnamese(inner);
  const namesUnit = /\b(?:chu tri|chuan bi)\s*$/u.test(folded) || UNIT_START.test(folded);
  if (!namesUnit) return { task: text, lead: null };
  const lead = trimTrailingPunctuation(inner.replace(UNIT_VERB_SUFFIX, ""));
  const task = trimTrailingPunctuation(text.slice(0, open));
  return { task, lead: lead.length > 0 ? lead : null };
}

function parseHeading(line: string): Heading | null {
  const conf = CONFERENCE_HEADING.exec(line);
  if (conf) {
    const month = Number(conf[3]);
    const year = Number(conf[4]);
    if (month < 1 || month > 12) return null;
    const raw = collapse(conf[2]!);
    return { kind: "hoi_nghi_bch", title: `${collapse(conf[1]!)} (${raw})`, raw, year, month };
  }
  const m = MONTH_HEADING.exec(line);
  if (m) {
    const word = m[1] ?? m[2]!;
    const monthText = m[3]!;
    const month = Number(monthText);
    const year = Number(m[4]);
    if (month < 1 || month > 12) return null;
    const raw = `${word} ${monthText}/${year}`;
    return { kind: "thang", title: raw, raw, year, month };
  }
  return null;
}

/**
 * An all-capital body name such as "BAN THƯỜNG VỤ ĐẢNG UỶ": a group heading, not item text.
 * Limited to body names, since a wrapped line can be all capitals too ("HĐND, UBND, MTTQ").
 */
function isGroupHeading(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, "");
  const allCaps = letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  return allCaps && /^(?:BAN|THƯỜNG TRỰC|ĐẢNG ỦY|ĐẢNG UỶ)\s+\S+\s+\S+/u.test(line);
}

export const extractPartyProgramme: TaskExtractor = ({ entry, text }) => {
  const lines = text.split(/\r?\n/u).map((l) => collapse(l));
  // Tasks live in "II. CHƯƠNG TRÌNH CỤ THỂ"; the preamble's own dash lines ("- Căn cứ ...")
  // are not tasks. Without that part, start at the first year heading.
  let start = lines.findIndex((l) => /^II\s*\.\s/u.test(l));
  if (start < 0) start = lines.findIndex((l) => YEAR_HEADING.test(l));
  if (start < 0) return [];

  const items: RawItem[] = [];
  let yearLabel: string | null = null;
  let heading: Heading | null = null;
  let current: RawItem | null = null;

  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "" || PAGE_NUMBER.test(line)) continue;
    if (ROMAN_PART.test(line) && !/^II\s*\./u.test(line)) break;

    const year = YEAR_HEADING.exec(line);
    if (year) {
      yearLabel = `Năm ${year[1]}`;
      heading = null;
      current = null;
      continue;
    }
    const h = parseHeading(line);
    if (h) {
      heading = h;
      current = null;
      continue;
    }
    if (isGroupHeading(line)) {
      heading = null;
      current = null;
      continue;
    }
    if (!heading) continue;

    const bullet = BULLET.exec(line);
    // "... nhiệm kỳ 2025" + "- 2030 của ..." is a year range wrapped onto a new line.
    const wrappedRange = bullet && current && /^[-–]\s*\d{4}\b/u.test(line) && /\d{4}$/u.test(current.lines.at(-1) ?? "");
    if (bullet && !wrappedRange) {
      current = { heading, yearLabel, lines: [line.slice(bullet[0].length)] };
      items.push(current);
    } else if (current) {
      current.lines.push(line);
    } else {
      // Text right under a heading without a dash still is an item.
      current = { heading, yearLabel, lines: [line] };
      items.push(current);
    }
  }

  const tasks: ExtractedTask[] = [];
  for (const item of items) {
    const { task, lead } = splitLead(item.lines.join(" "));
    if (task.length === 0 || isCatchAllItem(task)) continue;
    const { heading: hd } = item;
    const timeframe: Timeframe = {
      kind: hd.kind,
      raw: hd.raw,
      year: hd.year,
      quarters: [Math.ceil(hd.month / 3)],
      month: hd.month,
      day: null,
      fromYear: null,
      toYear: null,
    };
    tasks.push({
      doc: entry.file,
      section: [item.yearLabel ?? `Năm ${hd.year}`, hd.title].join(" > "),
      ordinal: tasks.length,
      task,
      lead,
      partners: null,
      leader: null,
      output: null,
      timeframe,
    });
  }
  return tasks;
};

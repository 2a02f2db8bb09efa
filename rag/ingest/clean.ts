/**
 * Turns the noisy text extracted from a plan PDF into text for retrieval and reading:
 * one logical unit (heading, bullet, paragraph, table row fragment) per line, units
 * separated by a blank line, PDF wrapping and page furniture removed.
 *
 * The output is stable under a second pass (cleanDocumentText(cleaned) === cleaned), so
 * callers may clean text that is already clean.
 */
import { normalizeVietnamese } from "../text/vietnamese.ts";

/** A line that starts a bullet item: "- ", "+ ", "• ". En dash is excluded: tables wrap "Ban Văn hóa\n– Xã hội". */
const BULLET = /^[-+•]\s*[^\s\-]/u;
const ROMAN_DOT = /^[IVX]+\.\s*\S/u;
/** Roman group rows of appendix tables have no dot: "II HẠ TẦNG, THIẾT BỊ…", "I Thực hiện Chương trình 01-CTr/ĐU". */
const ROMAN_BARE = /^[IVX]+\s+\p{Lu}/u;
const NUMBERED = /^\d+(?:\.\d+)*\.\s*\S/u;
/** Table rows start with their STT: "12 Xem xét, quyết định…". */
const TABLE_ROW = /^\d{1,2}\s+\p{Lu}/u;
const LETTER_ITEM = /^[a-zđ]\)\s*\S/u;
const YEAR_HEADING = /^(?:Năm|NĂM)\s+\d{4}$/u;
const MONTH_HEADING = /^(?:Tháng|THÁNG)\s+\d{1,2}\/\d{4}$/u;
const APPENDIX = /^(?:Phụ lục|PHỤ LỤC)(?:\s|$)/u;
const CLOSING = /^(?:Nơi nhận\s*:|(?:TM|KT|T\/M)\.?\s+\p{Lu})/u;
const SENTENCE_END = /(?:[.!?…]|\.\/\.)["”’)]*$/u;

/** All-caps line of at least two words ("BAN THƯỜNG VỤ ĐẢNG ỦY"); a lone acronym such as "HĐND&UBND" is a wrapped table cell. */
function isCapsLine(line: string): boolean {
  if (/\p{Ll}/u.test(line)) return false;
  return line.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 2;
}

/** Lines that open a new unit: never glued to the previous line. */
export function isStructuralLine(line: string): boolean {
  return BULLET.test(line) || TABLE_ROW.test(line) || isHeadingLike(line);
}

/** Headings, numbered and lettered items, appendix and closing lines. */
const HEADING_LIKE = [ROMAN_DOT, ROMAN_BARE, NUMBERED, LETTER_ITEM, YEAR_HEADING, MONTH_HEADING, APPENDIX, CLOSING];
function isHeadingLike(line: string): boolean {
  return HEADING_LIKE.some((re) => re.test(line)) || isCapsLine(line);
}

/** Heading-like lines; a long one that does not close is a heading wrapped onto the next line. */
function isClosedHeading(line: string): boolean {
  return isHeadingLike(line) && (line.length < 60 || /\)$/.test(line));
}

const openParens = (s: string) => (s.match(/\(/g)?.length ?? 0) - (s.match(/\)/g)?.length ?? 0);

interface Layout {
  /** A blank line after every visual line: blank lines carry no meaning. */
  soft: boolean;
  /** Typical visual line length of documents wrapped by the PDF extractor; Infinity when lines are whole paragraphs. */
  wrapWidth: number;
}

/**
 * Whether line `b` continues the unit `a`. `gap` is the number of blank lines between them;
 * `lastLine` is the unit's last visual line.
 */
function continues(a: string, b: string, gap: number, lastLine: string, layout: Layout): boolean {
  if (isStructuralLine(b)) return false;
  const aEnds = SENTENCE_END.test(a);
  // Only a parenthesis opened in the current sentence counts: a stray "(" must not swallow later paragraphs.
  const inParens = openParens(a.slice(a.search(/[^.!?…]*$/u))) > 0;
  if (/^[\p{Ll},;:.)\]”’]/u.test(b)) return !aEnds || inParens;
  if (inParens) return true;
  if (aEnds || isClosedHeading(a) || /:["”’)]*$/u.test(a)) return false;
  if (gap === 0 || layout.soft) return true;
  // Across a blank line an upper-case start is a new paragraph, unless the previous line was
  // cut after a separator or filled the whole line width (a page break inside a sentence).
  return !/;$/.test(a) && (/[,\-–&]$/.test(a) || lastLine.length >= 0.8 * layout.wrapWidth);
}

function detectLayout(lines: string[]): Layout {
  const nonBlank = lines.map((l, i) => [l, i] as const).filter(([l]) => l !== "");
  if (nonBlank.length === 0) return { soft: false, wrapWidth: Infinity };
  const lengths = nonBlank.map(([l]) => l.length).sort((x, y) => x - y);
  const wrapped = lengths[lengths.length - 1]! < 150;
  const followedByBlank = nonBlank.filter(([, i]) => i + 1 >= lines.length || lines[i + 1] === "").length;
  return {
    soft: wrapped && followedByBlank / nonBlank.length >= 0.9,
    wrapWidth: wrapped ? lengths[Math.floor(lengths.length * 0.95)]! : Infinity,
  };
}

/** Repeated table header block: the first one is kept (as one line), copies at page breaks are dropped. */
function dropRepeatedHeaders(lines: string[]): string[] {
  const start = lines.findIndex((l) => /^STT\s/u.test(l));
  if (start < 0) return lines;
  const template: string[] = [];
  let end = start;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === "") {
      end = i;
      continue;
    }
    if (i > start && (l.length > 40 || /^(?:[IVX]+|\d+)(?:\s|\.|$)/u.test(l))) break;
    template.push(l);
    end = i;
  }
  const out = lines.slice(0, start);
  out.push(template.join(" "), "");
  for (let i = end + 1; i < lines.length; i++) {
    if (lines[i] === template[0]) {
      // Match the template's non-blank lines in order, blank lines in between allowed.
      let j = i;
      let k = 0;
      while (j < lines.length && k < template.length) {
        if (lines[j] === "") j++;
        else if (lines[j] === template[k]) {
          j++;
          k++;
        } else break;
      }
      if (k === template.length) {
        i = j - 1;
        continue;
      }
    }
    out.push(lines[i]!);
  }
  return out;
}

/** A lone 1-3 digit line after a run of blank lines is a page number ("5", "- 14 -", "Trang 3"). */
function dropPageNumbers(lines: string[]): string[] {
  return lines.filter((l, i) => {
    if (!/^(?:[-–]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*[-–])?$/u.test(l)) return true;
    const before = lines.slice(Math.max(0, i - 2), i);
    return !(before.length === 2 && before.every((b) => b === ""));
  });
}

/** Appendix tables put the STT on its own line ("1\n\nTổ chức quán triệt…"): glue it to its row. */
function attachRowNumbers(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\d{1,2}$/.test(l)) {
      let j = i + 1;
      while (j < lines.length && lines[j] === "") j++;
      const next = lines[j];
      if (next !== undefined && /^\p{Lu}/u.test(next)) {
        out.push(`${l} ${next}`);
        i = j;
        continue;
      }
    }
    out.push(l);
  }
  return out;
}

export function cleanDocumentText(raw: string): string {
  let text = normalizeVietnamese(raw)
    .replace(/\r\n?/g, "\n")
    .replace(/[\u200b\ufeff]/g, "")
    .replace(/[\t\u00a0\u2002-\u200a\u202f]/g, " ");
  // Markdown emphasis from the PDF converter: **bold**, *italic*.
  text = text.replace(/\*\*/g, "").replace(/\*([^*\n]+)\*/g, "$1").replace(/(^|\s)\*(?=\s|$)/gm, "$1");
  // Typos of the source: "quý I//2026"; "HĐND&UB\nND" (a word cut by the table layout).
  text = text.replace(/\b([IVX]+)\/\/(\d{4})\b/g, "$1/$2").replace(/&UB\s*\n\s*ND\b/g, "&UBND");
  // Year ranges typed with a one-sided space: "2025 –2030" → "2025 – 2030".
  text = text.replace(/\b(\d{4}) ?([-–]) ?(\d{4})\b/g, (m, a: string, d: string, b: string) => (/\s/.test(m) ? `${a} ${d} ${b}` : m));

  let lines = text.split("\n").map((l) => l.replace(/ {2,}/g, " ").trim());
  lines = lines.filter((l) => !/^[-_=*.]{3,}$/.test(l)); // separator rules such as "-----"
  lines = dropPageNumbers(lines);
  lines = dropRepeatedHeaders(lines);
  lines = attachRowNumbers(lines);

  const layout = detectLayout(lines);
  const units: string[] = [];
  let gap = 0;
  let lastLine = "";
  for (const line of lines) {
    if (line === "") {
      gap++;
      continue;
    }
    const last = units[units.length - 1];
    if (last !== undefined && continues(last, line, gap, lastLine, layout)) units[units.length - 1] = `${last} ${line}`;
    else units.push(line);
    lastLine = line;
    gap = 0;
  }
  return units.map((u) => u.replace(/ {2,}/g, " ").replace(/\( /g, "(").trim()).join("\n\n");
}

/**
 * Splits a cleaned document (output of `cleanDocumentText`: one unit per line, blank lines
 * between units) into retrieval-sized sections, each labelled with its heading path, e.g.
 * "II. CÁC NHIỆM VỤ CỤ THỂ > 2. Thực hiện tốt công tác giám sát".
 *
 * Sections are consecutive slices of the document: every word lands in exactly one section.
 */

export interface Section {
  /** 0-based position in the document (tasks count the same way). */
  ordinal: number;
  /** Heading path; the document title for text before the first heading; " (phần N)" on continuation parts. */
  path: string;
  text: string;
}

/** A heading with its nesting level: a new heading closes every open heading of the same or a deeper level. */
export interface Heading {
  level: number;
  label: string;
}

/** Text under one heading path, before size splitting. `lines` starts with the heading line itself. */
export interface HeadingBlock {
  path: string;
  headings: string[];
  lines: string[];
}

/** Target size of a section; longer blocks are cut at unit (paragraph/bullet) or sentence boundaries. */
export const SECTION_TARGET_CHARS = 1200;
const MAX_HEADING_CHARS = 150;

const stripColon = (s: string) => s.replace(/\s*:$/u, "");
/** Numbered lines ending a sentence are list items ("1. Hằng năm, … thường lệ."), not headings. */
const endsSentence = (s: string) => /[.;!?…]["”’)]*$/u.test(s);

/** Recognises a heading line of the plan documents; null for body text. */
export function parseHeading(line: string): Heading | null {
  if (line.length > MAX_HEADING_CHARS) return null;
  let m: RegExpMatchArray | null;
  if ((m = line.match(/^(?:Phụ lục|PHỤ LỤC)((?:\s+[IVX\d]+)?)$/u))) return { level: 0, label: `Phụ lục${m[1] ?? ""}` };
  if (/^Nơi nhận\s*:?$/u.test(line)) return { level: 0, label: "Nơi nhận" };
  if ((m = line.match(/^([IVX]+)\.\s*(\S.*)$/u)) && !endsSentence(line)) return { level: 1, label: `${m[1]}. ${stripColon(m[2]!)}` };
  // Appendix tables write group rows without the dot: "II HẠ TẦNG, THIẾT BỊ…".
  if ((m = line.match(/^([IVX]+)\s+(\p{Lu}.*)$/u)) && line.length <= 120 && !endsSentence(line)) return { level: 1, label: `${m[1]}. ${m[2]}` };
  if (/^(?:Năm|NĂM)\s+\d{4}$/u.test(line)) return { level: 2, label: line };
  // Party programme bodies: "BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG", "BAN THƯỜNG VỤ ĐẢNG ỦY".
  if (/^BAN\s/u.test(line) && !/\p{Ll}/u.test(line) && line.length <= 60) return { level: 3, label: line };
  if ((m = line.match(/^(\d+(?:\.\d+)*)\.\s*(\S.*)$/u)) && !endsSentence(line)) {
    const depth = m[1]!.split(".").length;
    return { level: 3 + depth, label: `${m[1]}. ${stripColon(m[2]!)}` };
  }
  if (/^Tháng\s+\d{1,2}\/\d{4}$/u.test(line)) return { level: 4, label: line };
  if ((m = line.match(/^([a-zđ])\)\s*(\S.*)$/u)) && !endsSentence(line) && line.length <= 120) return { level: 7, label: `${m[1]}) ${stripColon(m[2]!)}` };
  // Titled lists inside a section: "Danh mục các chuyên đề giám sát trọng tâm nhiệm kỳ 2025 –2030".
  if (/^Danh mục\s/u.test(line) && line.length <= 120 && !endsSentence(line)) return { level: 8, label: stripColon(line) };
  return null;
}

/** Groups the cleaned document's lines under their heading paths. Heading-only blocks are merged into their first child. */
export function outlineBlocks(cleaned: string, title: string): HeadingBlock[] {
  const lines = cleaned.split("\n").filter((l) => l.trim() !== "");
  const stack: Heading[] = [];
  const blocks: HeadingBlock[] = [];
  let current: HeadingBlock = { path: title, headings: [], lines: [] };
  for (const line of lines) {
    const h = parseHeading(line);
    if (h) {
      if (current.lines.length > 0) blocks.push(current);
      while (stack.length > 0 && stack[stack.length - 1]!.level >= h.level) stack.pop();
      stack.push(h);
      const headings = stack.map((s) => s.label);
      current = { path: headings.join(" > "), headings, lines: [] };
    }
    current.lines.push(line);
  }
  if (current.lines.length > 0) blocks.push(current);

  // "II. CHƯƠNG TRÌNH CỤ THỂ" > "Năm 2025" > "BAN CHẤP HÀNH…" with no text of their own: keep
  // those heading lines with their first child instead of making near-empty sections.
  const merged: HeadingBlock[] = [];
  let carry: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const lines = [...carry, ...b.lines];
    carry = [];
    const next = blocks[i + 1];
    const headingOnly = b.headings.length > 0 && b.lines.length === 1;
    if (headingOnly && next && next.path.startsWith(`${b.path} > `)) {
      carry = lines;
      continue;
    }
    merged.push({ ...b, lines });
  }
  return merged;
}

/** Sentences of one over-long unit; never cuts inside a sentence. */
function sentencePieces(unit: string): string[] {
  return unit.split(/(?<=[.!?…]["”’)]*)\s+(?=[\p{Lu}\d“"(])/u).filter((s) => s !== "");
}

/**
 * Cuts a block into consecutive parts at line (or, for an over-long line, sentence) boundaries:
 * the fewest parts of about `target` characters, balanced so that no part is a small leftover.
 */
function cutBlock(lines: string[], target: number): string[] {
  const pieces: { text: string; glue: string }[] = [];
  for (const line of lines) {
    if (line.length <= target) pieces.push({ text: line, glue: "\n" });
    else sentencePieces(line).forEach((s, i) => pieces.push({ text: s, glue: i === 0 ? "\n" : " " }));
  }
  const n = pieces.length;
  const prefix = [0];
  for (const p of pieces) prefix.push(prefix[prefix.length - 1]! + p.text.length + 1);
  const size = (from: number, to: number) => prefix[to]! - prefix[from]! - 1;
  const total = size(0, n);
  const limit = target * 1.25;
  let best: number[] = [];
  for (let k = Math.min(n, Math.ceil(total / target)); k <= n; k++) {
    // Linear partition: cost[j][i] = smallest possible largest part when the first i pieces form j parts.
    const cost = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(Infinity));
    const cut = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(0));
    cost[0]![0] = 0;
    for (let j = 1; j <= k; j++) {
      for (let i = j; i <= n; i++) {
        for (let c = j - 1; c < i; c++) {
          const v = Math.max(cost[j - 1]![c]!, size(c, i));
          if (v < cost[j]![i]!) {
            cost[j]![i] = v;
            cut[j]![i] = c;
          }
        }
      }
    }
    best = [];
    for (let j = k, i = n; j > 0; j--) {
      best.unshift(cut[j]![i]!);
      i = cut[j]![i]!;
    }
    if (cost[k]![n]! <= limit) break;
  }
  const bounds = [...best, n];
  const parts: string[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    const slice = pieces.slice(bounds[b], bounds[b + 1]);
    parts.push(slice.map((p, i) => (i === 0 ? p.text : `${p.glue}${p.text}`)).join(""));
  }
  return parts;
}

export function splitSections(cleaned: string, title: string): Section[] {
  const sections: Section[] = [];
  for (const block of outlineBlocks(cleaned, title)) {
    const text = block.lines.join("\n");
    const parts = text.length > SECTION_TARGET_CHARS ? cutBlock(block.lines, SECTION_TARGET_CHARS) : [text];
    parts.forEach((part, i) => {
      sections.push({ ordinal: sections.length, path: i === 0 ? block.path : `${block.path} (phần ${i + 1})`, text: part });
    });
  }
  return sections;
}

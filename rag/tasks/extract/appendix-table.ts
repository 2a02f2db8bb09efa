/**
 * Extractor for plans whose tasks sit in an appendix table ("Phụ lục – Biểu tiến độ ...")
 * that PDF extraction has flattened (layout "appendix-table", the Phúc Lợi plans).
 *
 * What the flattened text looks like:
 * - cells of one row interleave: a line holds fragments of several cells, in column order
 *   ("Chủ tịch HĐND Quý I/2026 Cuộc bầu cử" = leader | when | output), and a cell's
 *   remaining lines come later, sometimes after other cells' lines;
 * - the header block repeats after each page break, and a row may continue after it;
 * - words are split across lines ("HĐND&UB" / "ND");
 * - group rows ("I Thực hiện Chương trình 01-CTr/ĐU") head the rows below them.
 *
 * Approach: the header names the columns (any subset/order of task, lead, partners,
 * leader, when, output). Structured columns (units, leaders, timeframes) have small token
 * grammars; free columns (task, output) take anything. For each row a beam search assigns
 * every token to a column so that, within a line, columns only move rightwards, every
 * structured cell is a complete phrase of its grammar, and the fewest mid-line column
 * switches are used. Row boundaries come from the STT numbering, not from the content.
 */
import { foldCollapsed, foldVietnamese, normalizeVietnamese } from "../../text/vietnamese.ts";
import { cleanTimeframeText, parseTimeframe } from "../timeframe.ts";
import type { ExtractedTask } from "../types.ts";
import type { TaskExtractor } from "./types.ts";

// ---------------------------------------------------------------------------
// Token grammars: a tiny pattern language compiled to an NFA over folded tokens.
//   words        literal folded tokens     "van phong"
//   [ x ]        optional                   "[cac] ban"
//   ( a | b )    alternation                "(hdnd | ubnd)"
//   { x }        zero or more               "<UNIT> { <COMMA> <UNIT> }"
//   <NAME>       token class or definition  "<YEAR>", "<UNIT>"
// ---------------------------------------------------------------------------

type TokenTest = (fold: string) => boolean;

interface NfaNode {
  test: TokenTest | null; // null: epsilon node
  next: number[];
}

interface Frag {
  start: number;
  end: number; // an epsilon node with no exits yet
}

const CLASSES: Record<string, TokenTest> = {
  ROMAN: (t) => /^(i|ii|iii|iv|v|vi|vii|viii|ix|x)$/.test(t),
  QN: (t) => /^(i|ii|iii|iv|[1-4])$/.test(t),
  NUM: (t) => /^\d{1,2}$/.test(t),
  YEAR: (t) => /^\d{4}$/.test(t),
  COMMA: (t) => t === ",",
  SEMI: (t) => t === ";",
  DASH: (t) => t === "-",
  SL: (t) => t === "/",
  LP: (t) => t === "(",
  RP: (t) => t === ")",
};

class Grammar {
  private readonly nodes: NfaNode[] = [];
  private readonly accept: number;
  /** Interned state sets: a search state stores one small integer per column. */
  private readonly sets: number[][] = [];
  private readonly setIds = new Map<string, number>();
  private readonly transitions = new Map<string, number>();
  readonly start: number;

  constructor(pattern: string, defs: Record<string, string>) {
    const frag = this.compile(pattern, defs, 0);
    this.accept = frag.end;
    this.start = this.intern(this.closure([frag.start]));
  }

  /** State reached after `fold`, or -1 when the token does not fit. */
  step(state: number, fold: string): number {
    const key = `${state} ${fold}`;
    const cached = this.transitions.get(key);
    if (cached !== undefined) return cached;
    const next: number[] = [];
    for (const id of this.sets[state]!) {
      const node = this.nodes[id]!;
      if (node.test && node.test(fold)) next.push(...node.next);
    }
    const out = next.length ? this.intern(this.closure(next)) : -1;
    this.transitions.set(key, out);
    return out;
  }

  accepts(state: number): boolean {
    return this.sets[state]!.includes(this.accept);
  }

  private intern(set: number[]): number {
    const key = set.join(",");
    let id = this.setIds.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.setIds.set(key, id);
    }
    return id;
  }

  /** Epsilon closure, keeping only token-testing nodes and the accept node (canonical, sorted). */
  private closure(ids: number[]): number[] {
    const seen = new Set<number>();
    const out: number[] = [];
    const stack = [...ids];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const node = this.nodes[id]!;
      if (node.test || id === this.accept) out.push(id);
      if (!node.test) stack.push(...node.next);
    }
    return out.sort((a, b) => a - b);
  }

  private node(test: TokenTest | null): number {
    this.nodes.push({ test, next: [] });
    return this.nodes.length - 1;
  }

  private empty(): Frag {
    const n = this.node(null);
    return { start: n, end: n };
  }

  private compile(pattern: string, defs: Record<string, string>, depth: number): Frag {
    if (depth > 20) throw new Error("grammar definitions are recursive");
    const tokens = pattern.match(/<[A-Z]+>|[[\](){}|]|[^\s[\](){}|<]+/g) ?? [];
    let pos = 0;
    const seq = (): Frag => {
      let frag: Frag | null = null;
      while (pos < tokens.length && !["|", "]", ")", "}"].includes(tokens[pos]!)) {
        const item = atom();
        if (frag) {
          this.nodes[frag.end]!.next.push(item.start);
          frag = { start: frag.start, end: item.end };
        } else frag = item;
      }
      return frag ?? this.empty();
    };
    const alt = (): Frag => {
      const options = [seq()];
      while (tokens[pos] === "|") {
        pos++;
        options.push(seq());
      }
      if (options.length === 1) return options[0]!;
      const s = this.node(null);
      const e = this.node(null);
      for (const o of options) {
        this.nodes[s]!.next.push(o.start);
        this.nodes[o.end]!.next.push(e);
      }
      return { start: s, end: e };
    };
    const atom = (): Frag => {
      const tok = tokens[pos++]!;
      if (tok === "[" || tok === "(" || tok === "{") {
        const inner = alt();
        pos++; // closing bracket
        if (tok === "(") return inner;
        const s = this.node(null);
        const e = this.node(null);
        this.nodes[s]!.next.push(inner.start, e);
        this.nodes[inner.end]!.next.push(tok === "{" ? s : e);
        return { start: s, end: e };
      }
      if (tok.startsWith("<")) {
        const name = tok.slice(1, -1);
        const cls = CLASSES[name];
        if (cls) return this.test(cls);
        const def = defs[name];
        if (def === undefined) throw new Error(`unknown grammar name ${name}`);
        return this.compile(def, defs, depth + 1);
      }
      return this.test((t) => t === tok);
    };
    return alt();
  }

  private test(test: TokenTest): Frag {
    const s = this.node(test);
    const e = this.node(null);
    this.nodes[s]!.next.push(e);
    return { start: s, end: e };
  }
}

/**
 * Vocabulary of the structured columns, on folded tokens ("Văn phòng HĐND&UBND" →
 * "van phong hdnd & ubnd"). Broad enough for ward/commune plans, strict enough that a
 * cell must be a whole phrase: that strictness is what separates cells sharing a line.
 */
const DEFS: Record<string, string> = {
  PLACE: "(phuong | xa | thi tran | thanh pho | quan | huyen | tinh)",
  FIELD:
    "(kinh te | ngan sach | van hoa | xa hoi | phap che | do thi | ha tang | tai chinh | ke hoach | noi vu | tu phap | y te | giao duc | quan su | an ninh | quoc phong | dan toc | tong hop | dan van | to chuc | tuyen giao | kiem tra | thong tin | truyen thong)",
  FIELDS: "<FIELD> { (<DASH> | va | <COMMA>) <FIELD> }",
  HDND: "(hdnd | hoi dong nhan dan)",
  UBND: "(ubnd | uy ban nhan dan)",
  UNIT: `(
      [cac] ban [<FIELDS>] [<HDND>] [<PLACE>]
    | thuong truc (<HDND> | <UBND> | dang uy | ubmttq | mttq) [<PLACE>]
    | van phong (<HDND> [(& | va | <DASH>) <UBND>] | <UBND> | dang uy) [<PLACE>]
    | [cac] [to] dai bieu [<HDND>] [<PLACE>]
    | <UBND> [<PLACE>]
    | [ban thuong truc] uy ban (mttq | mat tran to quoc [viet nam] | bau cu | kiem tra [dang uy]) [<PLACE>]
    | (ubmttq | mttq | mat tran to quoc [viet nam]) [<PLACE>]
    | [cac] phong [ban] [<FIELDS>] [<PLACE>]
    | [cac] (don vi | co quan | to chuc | doan the | nganh | ban nganh | to dan pho) [(lien quan | co lien quan)] [<PLACE>]
    | (cong an | ban chi huy quan su | dang uy) [<PLACE>]
    | trung tam <FIELDS> [<PLACE>]
  )`,
  UNITS: "<UNIT> { (<COMMA> | <SEMI> | va) <UNIT> }",
  LEADER: `(
      [cac] [pho] chu tich (<HDND> | <UBND> | ubmttq | mttq | uy ban mttq) [<PLACE>]
    | [pho] truong [cac] ban [<FIELDS>] [<HDND>] [<PLACE>]
    | [pho] bi thu [(dang uy | chi bo)] [<PLACE>]
    | chanh van phong [(<HDND> [(& | va | <DASH>) <UBND>] | <UBND>)] [<PLACE>]
    | to truong [cac] to dai bieu [<HDND>]
  )`,
  LEADERS: "<LEADER> { (<COMMA> | va) <LEADER> }",
  Q: "(quy | qui) <QN>",
  YS: "(<SL> | <DASH> | nam)",
  EVERY: "(hang nam | moi nam | cac nam)",
  LEVEL: "(trung uong | thanh pho | tinh | cap tren | quan | huyen)",
  START: `bat dau [tu] (
      <Q> [<YS> <YEAR>] | thang <NUM> [<YS> <YEAR>] | [nam] <YEAR>
    | ky hop (thu (nhat | <NUM> | <ROMAN>) | dau tien)
  )`,
  WHEN: `(
      <Q> { (va | <COMMA> | <DASH> | &) [(quy | qui)] <QN> } [<YS> <YEAR>] [<EVERY>]
    | thuong xuyen [<COMMA>] [<EVERY>] [<LP> <START> <RP>]
    | <EVERY> [<LP> <START> <RP>]
    | hang (quy | thang) | dinh ky [<EVERY>]
    | theo ke hoach [to chuc] [cac] ky hop [<LP> <START> <RP>]
    | theo (tien do | huong dan | chi dao | yeu cau | lo trinh) [cua] <LEVEL> { (va | <COMMA>) <LEVEL> }
    | [trong] thang <NUM> [<YS> <YEAR>]
    | (truoc | cham nhat) [ngay] <NUM> <SL> <NUM> [<SL> <YEAR>] [<EVERY>]
    | nam <YEAR>
    | (trong | ca | suot) nhiem ky | toan khoa
  )`,
};

const UNITS = new Grammar("<UNITS>", DEFS);
const LEADERS = new Grammar("<LEADERS>", DEFS);
const WHEN = new Grammar("<WHEN>", DEFS);

// ---------------------------------------------------------------------------
// Columns and header
// ---------------------------------------------------------------------------

type Role = "task" | "lead" | "partners" | "leader" | "when" | "output";

interface Column {
  role: Role;
  grammar: Grammar | null; // null: free text
}

/** Header keywords (folded); the earliest match of each role gives the column order. */
const ROLE_KEYWORDS: [Role, RegExp][] = [
  ["task", /\b(nhiem vu|noi dung|giai phap|cong viec)\b/],
  ["lead", /\b(chu tri|tham muu|don vi thuc hien|co quan thuc hien|don vi phu trach)\b/],
  ["partners", /\bphoi hop\b/],
  ["leader", /\blanh dao\b/],
  ["when", /\b(thoi gian|thoi han|tien do)\b/],
  ["output", /\b(ket qua|san pham)\b/],
];

const ROLE_GRAMMAR: Record<Role, Grammar | null> = {
  task: null,
  lead: UNITS,
  partners: UNITS,
  leader: LEADERS,
  when: WHEN,
  output: null,
};

function columnsFromHeader(headerText: string): Column[] {
  const f = fold(headerText);
  const found: { role: Role; at: number }[] = [];
  for (const [role, re] of ROLE_KEYWORDS) {
    const m = re.exec(f);
    if (m) found.push({ role, at: m.index });
  }
  return found.sort((a, b) => a.at - b.at).map(({ role }) => ({ role, grammar: ROLE_GRAMMAR[role] }));
}

// ---------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------

function fold(text: string): string {
  return foldCollapsed(text).replace(/[–—‑]/g, "-");
}

interface Token {
  line: number;
  start: number;
  end: number;
  fold: string;
  lower: boolean; // starts with a lower-case letter
}

const TOKEN_RE = /[\p{L}\p{M}\p{N}]+|\/+|[^\s\p{L}\p{M}\p{N}]/gu;

function foldToken(text: string): string {
  if (/^\/+$/.test(text)) return "/"; // "Quý I//2026" is a typo for "/"
  if (/^[–—‑-]$/.test(text)) return "-";
  return foldVietnamese(text);
}

function tokenize(lines: string[]): Token[] {
  const out: Token[] = [];
  lines.forEach((line, i) => {
    for (const m of line.matchAll(TOKEN_RE)) {
      out.push({ line: i, start: m.index!, end: m.index! + m[0].length, fold: foldToken(m[0]), lower: /^\p{Ll}/u.test(m[0]) });
    }
  });
  return out;
}

/** Collapses whitespace and the spaces a line join leaves before punctuation. */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\s+([,;:.)])/g, "$1")
    .replace(/\(\s+/g, "(")
    .trim();
}

/** Cell text without the list punctuation a table cell often ends with. */
function cellText(text: string): string | null {
  const t = tidy(text).replace(/[\s,;:.]+$/u, "").trim();
  return t.length ? t : null;
}

const ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"];

interface WordStats {
  whole: Set<string>;
  notLast: Set<string>;
  notFirst: Set<string>;
}

function wordStats(lines: string[]): WordStats {
  const stats: WordStats = { whole: new Set(), notLast: new Set(), notFirst: new Set() };
  for (const line of lines) {
    const words = line.trim().split(/\s+/).filter(Boolean);
    words.forEach((w, i) => {
      stats.whole.add(w);
      if (i < words.length - 1) stats.notLast.add(w);
      if (i > 0) stats.notFirst.add(w);
    });
  }
  return stats;
}

/** Abbreviations a PDF line break may split ("HĐND&UB" / "ND"), folded. */
const KNOWN_WORDS = new Set(["hdnd&ubnd", "hdnd-ubnd", "hdnd", "ubnd", "mttq", "ubmttq", "ubmttqvn", "tthdnd"]);

/**
 * Rejoins words the PDF broke across lines ("HĐND&UB" + "ND"): the joined form is a known
 * abbreviation or occurs whole elsewhere in the document, and the pieces never occur
 * except at a line end/start.
 */
function joinSplitWords(lines: string[], stats: WordStats): string[] {
  const out = lines.slice();
  for (let i = 0; i < out.length; i++) {
    const a = out[i]!.trimEnd();
    if (!a) continue;
    let j = i + 1;
    while (j < out.length && !out[j]!.trim()) j++;
    if (j >= out.length) break;
    const head = /^\s*(\S+)/.exec(out[j]!);
    const tail = /(\S+)$/.exec(a);
    if (!head || !tail) continue;
    const joined = tail[1]! + head[1]!;
    const known = KNOWN_WORDS.has(foldVietnamese(joined)) && !KNOWN_WORDS.has(foldVietnamese(tail[1]!));
    if ((known || stats.whole.has(joined)) && !stats.notLast.has(tail[1]!) && !stats.notFirst.has(head[1]!)) {
      out[i] = a + head[1]!;
      out[j] = out[j]!.slice(head.index + head[0].length);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Cell assignment for one row
// ---------------------------------------------------------------------------

/** Costs of the row search; only their order of magnitude matters. */
const COST = {
  /**
   * Bonus for each structured cell recognised, whatever its length: a long unit-looking
   * phrase inside a task sentence is worth no more than a short real cell.
   */
  open: -1.2,
  /** A new cell fragment starting mid-line: cells sharing a line are the exception. */
  switch: 1,
  /** A token of free text (tie-break towards structured readings). */
  free: 0.05,
  /** A cell whose first fragment comes after a later column's cell has begun. */
  order: 1.5,
  /** A cell (other than the task) opening on a lower-case word: cells start with a capital. */
  lowerStart: 1.5,
  /**
   * Free text out of reading order: task text after another cell has begun below the row's
   * first line, or output text before that.
   */
  phase: 0.6,
  /** A line that does not continue the cell the previous line ended in (tie-break only). */
  locality: 0.05,
  /** A structured cell left as a partial phrase. */
  incomplete: 50,
  missingTask: 100,
  missingWhen: 30,
};
/**
 * Beam width, and how far above the best partial reading a state may fall before it is
 * dropped. A row whose best reading is still broken is searched again with WIDE_SEARCH.
 */
const SEARCH = { beam: 200, margin: 8 };
const WIDE_SEARCH = { beam: 4000, margin: 40 };

interface Trail {
  col: number;
  prev: Trail | null;
}

interface SearchState {
  cost: number;
  cur: number; // column of the previous token
  states: number[]; // grammar state per structured column; -1 = empty cell
  filled: number; // bit per column that holds text
  after: boolean; // a structured cell has text below the row's first line: the task block is over
  trail: Trail | null;
}

/** Column per token, and the penalty of broken cells left in the best reading (0 when sound). */
function assignColumns(tokens: Token[], cols: Column[], search: { beam: number; margin: number }): { columns: number[]; broken: number } {
  const hasOutput = cols.some((c) => c.role === "output");
  let beam: SearchState[] = [{ cost: 0, cur: -1, states: cols.map(() => -1), filled: 0, after: false, trail: null }];
  tokens.forEach((tok, i) => {
    const lineStart = i === 0 || tokens[i - 1]!.line !== tok.line;
    const next = new Map<string, SearchState>();
    for (const st of beam) {
      // Within a line cells only move rightwards; a new line may resume any cell.
      const minCol = lineStart ? 0 : st.cur;
      for (let c = minCol; c < cols.length; c++) {
        const col = cols[c]!;
        let cost = st.cost;
        if (!lineStart && c !== st.cur) cost += COST.switch;
        if (lineStart && i > 0 && c !== st.cur) cost += COST.locality;
        const opening = !(st.filled & (1 << c));
        // Cells begin in column order: reading order follows the table left to right.
        if (opening && st.filled >> (c + 1) !== 0) cost += COST.order;
        if (opening && col.role !== "task" && tok.lower) cost += COST.lowerStart;
        let states = st.states;
        if (col.grammar) {
          if (opening) cost += COST.open;
          const s = col.grammar.step(st.states[c]! < 0 ? col.grammar.start : st.states[c]!, tok.fold);
          if (s < 0) continue;
          states = st.states.slice();
          states[c] = s;
        } else {
          cost += COST.free;
          if (lineStart && col.role === "task" && st.after) cost += COST.phase;
          if (lineStart && col.role === "output" && !st.after && hasOutput) cost += COST.phase;
        }
        const after = st.after || (tok.line > 0 && col.grammar !== null);
        const filled = st.filled | (1 << c);
        const key = `${c}|${after ? 1 : 0}|${filled}|${states.join(",")}`;
        const old = next.get(key);
        if (!old || old.cost > cost) next.set(key, { cost, cur: c, states, filled, after, trail: { col: c, prev: st.trail } });
      }
    }
    const sorted = [...next.values()].sort((a, b) => a.cost - b.cost);
    const limit = (sorted[0]?.cost ?? 0) + search.margin;
    beam = sorted.slice(0, search.beam).filter((st) => st.cost <= limit);
  });

  const taskCol = cols.findIndex((c) => c.role === "task");
  const whenCol = cols.findIndex((c) => c.role === "when");
  let best: SearchState | null = null;
  let bestCost = Infinity;
  let bestBroken = Infinity;
  for (const st of beam) {
    let broken = 0;
    cols.forEach((col, c) => {
      const s = st.states[c]!;
      if (col.grammar && s >= 0 && !col.grammar.accepts(s)) broken += COST.incomplete;
    });
    if (taskCol >= 0 && !(st.filled & (1 << taskCol))) broken += COST.missingTask;
    if (whenCol >= 0 && !(st.filled & (1 << whenCol))) broken += COST.missingWhen;
    if (st.cost + broken < bestCost) {
      bestCost = st.cost + broken;
      bestBroken = broken;
      best = st;
    }
  }
  const columns: number[] = new Array(tokens.length).fill(Math.max(taskCol, 0));
  let t = best?.trail ?? null;
  for (let i = tokens.length - 1; i >= 0 && t; i--, t = t.prev) columns[i] = t.col;
  return { columns, broken: best ? bestBroken : Infinity };
}

/** Cell texts of one row, keyed by role: fragments joined in reading order. */
function readRow(lines: string[], cols: Column[]): Partial<Record<Role, string>> {
  const tokens = tokenize(lines);
  if (!tokens.length) return {};
  const narrow = assignColumns(tokens, cols, SEARCH);
  let assigned = narrow.columns;
  // A narrow beam can drop the sound reading of a row with many half-open cells.
  if (narrow.broken > 0) {
    const wide = assignColumns(tokens, cols, WIDE_SEARCH);
    if (wide.broken < narrow.broken) assigned = wide.columns;
  }
  const parts: string[][] = cols.map(() => []);
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    const col = assigned[i]!;
    let j = i;
    while (j + 1 < tokens.length && assigned[j + 1] === col && tokens[j + 1]!.line === first.line) j++;
    parts[col]!.push(lines[first.line]!.slice(first.start, tokens[j]!.end));
    i = j + 1;
  }
  const out: Partial<Record<Role, string>> = {};
  cols.forEach((col, c) => {
    if (parts[c]!.length) out[col.role] = parts[c]!.join(" ");
  });
  return out;
}

// ---------------------------------------------------------------------------
// Table structure: appendix, header, page breaks, group rows, rows
// ---------------------------------------------------------------------------

interface RowDraft {
  section: string;
  lines: string[];
}

const firstFold = (line: string): string => fold(line).split(" ")[0] ?? "";
const isBlank = (line: string): boolean => !line.trim();

/** Folded tokens of a line, counted; used to recognise repeated header blocks. */
function tokenCounts(line: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of fold(line).match(/[a-z0-9]+/g) ?? []) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** "5 Theo dõi..." or a bare "1": a row start when the number is one we expect next. */
function rowStart(line: string, expected: number[]): { n: number; rest: string } | null {
  const m = /^\s*(\d{1,3})\.?(?:\s+(\S.*))?\s*$/.exec(line);
  if (!m) return null;
  const n = Number(m[1]);
  if (!expected.includes(n)) return null;
  const rest = m[2] ?? "";
  // A task starts with a capital; "2 kỳ họp..." would be a wrapped line.
  if (rest && !/^[\p{Lu}“"(]/u.test(rest)) return null;
  return { n, rest };
}

/** "II Thực hiện Chương trình 02-CTr/ĐU": a group row when the numeral is the next one. */
function groupRow(line: string, expected: string): string | null {
  const m = /^\s*([IVX]+)\.?\s+(\S.*?)\s*$/.exec(line);
  if (!m || m[1] !== expected) return null;
  // "III hằng năm" is the tail of a wrapped timeframe, not a group.
  return /^\p{Lu}/u.test(m[2]!) ? m[2]! : null;
}

/** "Phụ lục", "PHỤ LỤC II", "Phụ lục I: Danh mục ..." on a line of its own (folded). */
const APPENDIX_HEADING = /^phu luc(?:\s+([ivx]+|\d+))?\s*(?:[:.-].*)?$/;
const TABLE_END = /^(noi nhan|tren day la|tm\. |t\/m )/;

function appendixName(line: string): string {
  const n = APPENDIX_HEADING.exec(fold(line))?.[1];
  return n ? `Phụ lục ${n.toUpperCase()}` : "Phụ lục";
}

/** Splits one appendix region into row drafts; returns its columns too. */
function readTable(lines: string[], root: string): { cols: Column[]; rows: RowDraft[] } | null {
  const headerAt = lines.findIndex((l) => firstFold(l) === "stt");
  if (headerAt < 0) return null;

  // The first header runs up to the first group row or row 1.
  let bodyAt = headerAt + 1;
  while (bodyAt < lines.length && bodyAt - headerAt < 30) {
    const l = lines[bodyAt]!;
    if (groupRow(l, "I") || rowStart(l, [1])) break;
    bodyAt++;
  }
  const headerText = lines.slice(headerAt, bodyAt).join(" ");
  const cols = columnsFromHeader(headerText);
  if (!cols.some((c) => c.role === "task")) return null;
  const headerCounts = tokenCounts(headerText);

  /** Index after a repeated header block starting at `i`, matched token by token. */
  const skipHeader = (i: number): number => {
    const left = new Map(headerCounts);
    let total = [...left.values()].reduce((a, b) => a + b, 0);
    let j = i;
    while (j < lines.length && total > 0) {
      if (isBlank(lines[j]!)) {
        j++;
        continue;
      }
      const counts = tokenCounts(lines[j]!);
      if ([...counts].some(([t, n]) => (left.get(t) ?? 0) < n)) break;
      for (const [t, n] of counts) {
        left.set(t, left.get(t)! - n);
        total -= n;
      }
      j++;
    }
    return j;
  };
  const nextNonBlank = (i: number): number => {
    let j = i;
    while (j < lines.length && isBlank(lines[j]!)) j++;
    return j;
  };

  const rows: RowDraft[] = [];
  let section = root;
  let groupIndex = 0;
  let lastRow = 0;
  let groupSinceRow = false;
  let current: RowDraft | null = null;
  let groupTitle: string[] | null = null;
  let groupNumeral = "";
  const flushGroup = () => {
    if (groupTitle) section = `${root} > ${groupNumeral}. ${tidy(groupTitle.join(" "))}`;
    groupTitle = null;
  };

  for (let i = bodyAt; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    const f = fold(line);
    if (TABLE_END.test(f)) break;
    if (firstFold(line) === "stt") {
      i = skipHeader(i) - 1;
      continue;
    }
    if (/^\s*\d{1,3}\s*$/.test(line)) {
      // A bare number: a page number when a header follows it or it is not the next STT.
      const n = Number(line.trim());
      const expected = groupSinceRow ? [lastRow + 1, 1] : [lastRow + 1];
      const follower = lines[nextNonBlank(i + 1)];
      if (!expected.includes(n) || (follower !== undefined && firstFold(follower) === "stt")) continue;
    }
    const numeral = ROMANS[groupIndex];
    const group = numeral ? groupRow(line, numeral) : null;
    if (group !== null) {
      flushGroup();
      current = null;
      groupIndex++;
      groupNumeral = numeral!;
      groupTitle = [group];
      groupSinceRow = true;
      continue;
    }
    const start = rowStart(line, groupSinceRow ? [lastRow + 1, 1] : [lastRow + 1]);
    if (start) {
      flushGroup();
      current = { section, lines: start.rest ? [start.rest] : [] };
      rows.push(current);
      lastRow = start.n;
      groupSinceRow = false;
      continue;
    }
    if (groupTitle) groupTitle.push(line);
    else if (current) current.lines.push(line);
  }
  return { cols, rows };
}

/** Appendix regions: from each "Phụ lục" heading line to the next (or the whole text). */
function appendixRegions(lines: string[]): { root: string; lines: string[] }[] {
  const heads: number[] = [];
  lines.forEach((l, i) => {
    if (APPENDIX_HEADING.test(fold(l))) heads.push(i);
  });
  if (!heads.length) return [{ root: "Phụ lục", lines }];
  return heads.map((h, k) => ({ root: appendixName(lines[h]!), lines: lines.slice(h + 1, heads[k + 1] ?? lines.length) }));
}

export const extractAppendixTable: TaskExtractor = ({ entry, text }) => {
  const lines = normalizeVietnamese(text).split(/\r?\n/);
  const stats = wordStats(lines);
  const ctx = { term: entry.term, docYear: entry.year };
  const tasks: ExtractedTask[] = [];
  for (const region of appendixRegions(lines)) {
    const table = readTable(region.lines, region.root);
    if (!table) continue;
    for (const row of table.rows) {
      const cells = readRow(joinSplitWords(row.lines, stats), table.cols);
      const task = cells.task ? cellText(cells.task) : null;
      if (!task) continue;
      const when = cells.when ? cleanTimeframeText(cells.when) : "";
      tasks.push({
        doc: entry.file,
        section: row.section,
        ordinal: tasks.length + 1,
        task,
        lead: cells.lead ? cellText(cells.lead) : null,
        partners: cells.partners ? cellText(cells.partners) : null,
        leader: cells.leader ? cellText(cells.leader) : null,
        output: cells.output ? cellText(cells.output) : null,
        timeframe: parseTimeframe(when, ctx),
      });
    }
  }
  return tasks;
};

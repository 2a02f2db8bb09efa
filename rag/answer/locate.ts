/**
 * Finds where an answer is: scores the retrieved passages (sentences, bullets, table rows,
 * document cards) and the outline's sections against the question, and marks which of them
 * pass the checks that decide whether they answer what is asked.
 */
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { foldKey, type OutlineItem, type OutlineNode } from "../knowledge/outline.ts";
import { describeTask, type PlanTask } from "../knowledge/plan-task.ts";
import { isCatchAllItem } from "../tasks/extract/party-programme.ts";
import type { ScoredChunk } from "../retrieval/types.ts";
import type { Asks, Column } from "./asks.ts";
import { hasFact, ordinalMatches, saidOfOtherBody, statesColumn, yearsFit } from "./checks.ts";
import { buildTermStats, coverage, queryTerms, termsOf, unitsOf, type QueryTerms, type TermStats } from "./evidence.ts";
import { coversYear, namedNumbers, numberKey, type ScopeDoc } from "./scope.ts";
import type { Period } from "../dates/period.ts";
import { canonicalizeNumbers } from "../retrieval/lexical.ts";
import { isDueIn } from "../tasks/due.ts";
import { timeframeWindows } from "../tasks/timeframe.ts";

/** A passage that may answer: a sentence, a bullet, a table row or a document card. */
export interface Unit {
  text: string;
  doc: string;
  /** Heading path cited for it. */
  section: string;
  /** The row behind it, for its columns (a table row, or the task a bullet became). */
  task: PlanTask | null;
  /** Outline item or row id, so a follow-up can come back to it. */
  itemId: string | null;
  score: number;
  rank: number;
  /** Passes the checks on what is asked (numbered event, year, kind of fact, column). */
  fits: boolean;
  /** Fails only the kind-of-fact check: on topic, but without the fact asked. */
  topicOnly: boolean;
  /** Fails only for not stating the column asked (who leads, when…): still on topic. */
  columnMiss?: boolean;
}

export interface NodeMatch {
  node: OutlineNode;
  score: number;
  /** Coverage of the question by the section's headings alone. */
  head: number;
}

export interface Locator {
  kb: KnowledgeBase;
  question: string;
  q: QueryTerms;
  asks: Asks;
  /** Documents the question may be answered from. */
  scope: ReadonlySet<string>;
  /** Documents the question names by title. */
  titled: ReadonlySet<string>;
  /** A quarter, month or week the question is about ("báo cáo quý I"): a passage must be about it too. */
  period: Period | null;
  /** Document numbers the question names ("57-NQ/TW"): a passage must quote one of them. */
  numbers: string[];
}

const statsCache = new WeakMap<KnowledgeBase, TermStats>();
const termCache = new WeakMap<object, Set<string>>();

export function termStats(kb: KnowledgeBase): TermStats {
  let s = statsCache.get(kb);
  if (!s) statsCache.set(kb, (s = buildTermStats(kb.chunkTexts())));
  return s;
}

/** Term set of a node's headings or body, cached per node. */
function nodeTerms(node: OutlineNode, part: "head" | "body"): Set<string> {
  const key = part === "head" ? node.headings : node.items;
  let s = termCache.get(key);
  if (!s) {
    const text = part === "head" ? node.headings.join(" ") : [...node.notes, ...node.items.map((i) => (i.task ? describeTask(i.task) : i.text))].join(" ");
    termCache.set(key, (s = new Set(termsOf(text))));
  }
  return s;
}

export function makeLocator(kb: KnowledgeBase, question: string, asks: Asks, scope: readonly ScopeDoc[], titled: readonly string[], ignore: ReadonlySet<string>, period: Period | null = null): Locator {
  return {
    kb,
    question,
    q: queryTerms(question, termStats(kb), ignore),
    asks,
    scope: new Set(scope.map((d) => d.file)),
    titled: new Set(titled),
    period: period && (period.kind === "quarter" || period.kind === "month" || period.kind === "week") ? period : null,
    // A number that is a document's own selects that document; passages need not quote it.
    numbers: namedNumbers(question)
      .map(numberKey)
      .filter((n) => !kb.documents.some((d) => d.number && numberKey(d.number) === n)),
  };
}

/** The passage is about the quarter or month asked: by its row's timeframe, or by naming it. */
function periodFits(period: Period, text: string, task: PlanTask | null): boolean {
  if (task && timeframeWindows(task.timeframe) !== null) return isDueIn(task, period);
  const t = ` ${canonicalizeNumbers(text).replace(/[^a-z0-9/]+/g, " ")} `;
  if (period.kind === "quarter") return new RegExp(` quy ${period.index}( |/)`).test(t);
  const months = period.kind === "month" ? [period.index!] : [...new Set([period.from, period.to].map((m) => (m % 12) + 1))];
  return months.some((m) => new RegExp(` thang ${m}( |/)| ${m}/${period.year}`).test(t));
}

const titleTermCache = new Map<string, Set<string>>();
/** Words of a document's title and of its own number ("06/KH-TTHĐND"): both name the document. */
export function titleTerms(loc: Locator, doc: string): Set<string> {
  const d = loc.kb.documents.find((x) => x.file === doc);
  const title = `${d?.title ?? ""} ${d?.number ?? ""}`;
  let s = titleTermCache.get(title);
  if (!s) titleTermCache.set(title, (s = new Set(termsOf(title))));
  return s;
}

/** The outline item a retrieved sentence belongs to, for its task and its id. */
const itemKeys = new WeakMap<OutlineItem, string>();
const itemKey = (i: OutlineItem) => {
  let k = itemKeys.get(i);
  if (k === undefined) itemKeys.set(i, (k = foldKey(i.text)));
  return k;
};

function itemOf(kb: KnowledgeBase, doc: string, section: string, text: string): OutlineItem | null {
  const node = kb.outline.node(doc, section);
  if (!node) return null;
  const key = foldKey(text);
  return node.items.find((i) => itemKey(i).includes(key.slice(0, 80)) || key.includes(itemKey(i).slice(0, 80))) ?? null;
}

function docOf(loc: Locator, file: string): ScopeDoc | undefined {
  return loc.kb.documents.find((d) => d.file === file);
}

/** Whether a row states a column (a prose passage is judged on its wording instead). */
function rowHas(task: PlanTask, column: Column): boolean {
  return column === "when" ? true : task[column] !== null;
}

const QUANTITIES: ReadonlySet<string> = new Set(["count", "amount", "percent"]);

export function checkUnit(loc: Locator, u: Omit<Unit, "fits" | "topicOnly" | "score" | "rank">): { fits: boolean; topicOnly: boolean; columnMiss?: boolean } {
  const withHeading = `${u.section} ${u.text}`;
  const { asks } = loc;
  if (!ordinalMatches(withHeading, loc.q.ordinals)) return { fits: false, topicOnly: false };
  if (loc.numbers.length > 0 && !loc.numbers.some((n) => numberKey(withHeading).includes(n))) return { fits: false, topicOnly: false };
  if (loc.period && !periodFits(loc.period, withHeading, u.task)) return { fits: false, topicOnly: true };
  if (asks.years.length > 0) {
    const d = docOf(loc, u.doc);
    if (!yearsFit(withHeading, asks.years) || (d && !asks.years.some((y) => coversYear(d, y)))) return { fits: false, topicOnly: false };
  }
  if (asks.columns.length > 0) {
    const ok = u.task ? asks.columns.some((c) => rowHas(u.task!, c)) : asks.columns.some((c) => statesColumn(c, u.text));
    if (!ok) return { fits: false, topicOnly: false, columnMiss: true };
  }
  if (asks.fact) {
    const text = u.task ? describeTask(u.task) : u.text;
    const terms = new Set(loc.q.terms.keys());
    // A row is one task: a date or sum in its columns is that task's, however far from its words.
    if (!hasFact(asks.fact, text, { countNoun: asks.countNoun, terms, question: loc.question, wholeUnit: u.task !== null })) return { fits: false, topicOnly: true };
    // A quantity the passage says of another body (the Ban's count for a Tổ đại biểu question).
    if (QUANTITIES.has(asks.fact) && saidOfOtherBody(loc.question, u.text)) return { fits: false, topicOnly: true };
  }
  return { fits: true, topicOnly: false };
}

/**
 * Coverage of the question by a passage. The words of the passage's document title are set
 * aside (they say which document, not where in it), except in a document the question names
 * by its title: there they are satisfied by the document itself.
 */
function contentCoverage(loc: Locator, doc: string, present: Set<string>): number {
  const title = titleTerms(loc, doc);
  if (!loc.titled.has(doc)) return coverage(present, loc.q, title);
  const withTitle = new Set(present);
  for (const t of title) withTitle.add(t);
  return coverage(withTitle, loc.q);
}

/** Every passage of the retrieved chunks, scored and checked, best first. */
export function scoreUnits(loc: Locator, results: readonly ScoredChunk[]): Unit[] {
  const out: Unit[] = [];
  const seen = new Set<string>();
  results.forEach((r, rank) => {
    const doc = r.chunk.doc;
    const taskId = typeof r.chunk.meta?.taskId === "number" ? r.chunk.meta.taskId : null;
    const chunkTask = taskId !== null ? (loc.kb.taskById(taskId) ?? null) : null;
    // An appendix table's raw lines interleave cells: its rows stand in for them.
    const node = chunkTask ? undefined : loc.kb.outline.node(doc, r.chunk.section);
    const rows = node?.items.filter((i) => i.kind === "row" && i.task) ?? [];
    const pieces: Array<{ text: string; task: PlanTask | null; id: string | null }> =
      chunkTask !== null
        ? [{ text: describeTask(chunkTask), task: chunkTask, id: r.chunk.id }]
        : rows.length > 0
          ? rows.map((i) => ({ text: describeTask(i.task!), task: i.task, id: i.id }))
          : unitsOf(r).map((text) => ({ text, task: null, id: null }));
    for (const piece of pieces) {
      const task = piece.task;
      const text = piece.text;
      // "Cho ý kiến vào một số nội dung khác thuộc thẩm quyền" names no work: never an answer.
      if (isCatchAllItem(text)) continue;
      const item = task ? null : itemOf(loc.kb, doc, r.chunk.section, text);
      const base = {
        text,
        doc,
        section: task ? task.section : r.chunk.section,
        task: task ?? item?.task ?? null,
        itemId: piece.id ?? item?.id ?? null,
      };
      const key = `${doc}|${foldKey(base.text).slice(0, 120)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const score = contentCoverage(loc, doc, new Set(termsOf(`${base.section} ${base.text}`))) - rank * 0.01 + (loc.titled.has(doc) ? 0.05 : 0);
      out.push({ ...base, score, rank, ...checkUnit(loc, base) });
    }
  });
  return out.sort((a, b) => b.score - a.score);
}

/**
 * Parts every administrative document has: a question that names one ("trong phụ lục",
 * "mục đích", "các yêu cầu", "gửi tới những nơi nào") means that part.
 */
const SECTION_CUES: Array<[RegExp, RegExp]> = [
  [/ phu luc /, /^phu luc/],
  [/ (muc dich|muc tieu) (cua|ke hoach|chuong trinh|van ban|la gi|gom)| (cac|nhung) (muc dich|muc tieu) |^ muc dich /, /(^| )muc dich( |$)/],
  [/ (cac|nhung|muc|phan|ve) yeu cau | yeu cau (dat ra|cua ke hoach|cua chuong trinh|la gi|gom|doi voi viec)/, /(^| )yeu cau( |$)/],
  [/ (nhung|cac|muc|mot so|ve) chi tieu | chi tieu (nao|gi|cua ke hoach|dat ra)/, /(^| )chi tieu( |$)/],
  [/ noi nhan | gui (toi|den|cho) (nhung )?(noi|ai|co quan|dau)/, /^noi nhan/],
  [/ kinh phi /, /(^| )kinh phi( |$)/],
];

/** The question names one of a document's standard parts. */
export function asksStandardPart(question: string): boolean {
  const q = ` ${foldKey(question)} `;
  return SECTION_CUES.some(([asked]) => asked.test(q));
}

/** A label's core words: "2. Trách nhiệm của các Ban HĐND xã:" → "ban hdnd". */
const labelCores = new Map<string, string>();
function labelCore(label: string): string {
  let c = labelCores.get(label);
  if (c === undefined) labelCores.set(label, (c = ` ${foldKey(bodyName(label)).replace(/ (va|&) /g, " ").replace(/^cac /, "").replace(/ (phuong|xa)$/, "")} `));
  return c;
}

/** The question names this section by its label ("Văn phòng HĐND&UBND phường", "Mục đích"). */
function namesLabel(q: string, node: OutlineNode): boolean {
  const core = labelCore(node.label);
  return core.trim().split(" ").length >= 1 && core.trim().length >= 5 && q.includes(core);
}

/**
 * A section whose items are a list: not the preamble, and not a part whose own lines are
 * only titles above sub-sections ("Phụ lục" above its tables).
 */
function isList(loc: Locator, n: OutlineNode): boolean {
  if (n.items.length === 0 || isPreamble(loc, n)) return false;
  return n.children.length === 0 || n.items.some((i) => i.kind !== "paragraph");
}

/** The text before a document's first heading (letterhead, preamble): never a list. */
function isPreamble(loc: Locator, n: OutlineNode): boolean {
  return n.headings.length === 1 && n.label === loc.kb.documents.find((d) => d.file === n.doc)?.title;
}

/** Outline sections of the documents in scope, scored by their headings and their items. */
export function scoreNodes(loc: Locator, results: readonly ScoredChunk[], filter: (n: OutlineNode) => boolean = (n) => isList(loc, n), body: (n: OutlineNode) => Set<string> = (n) => nodeTerms(n, "body")): NodeMatch[] {
  // Sections the retriever ranked high get a little credit: headings alone can tie.
  const retrieved = new Map<string, number>();
  results.slice(0, 5).forEach((r, i) => {
    const key = `${r.chunk.doc}|${r.chunk.section.replace(/ \(phần \d+\)$/u, "")}`;
    if (!retrieved.has(key)) retrieved.set(key, i);
  });
  const q = ` ${foldKey(loc.question).replace(/ (va|&) /g, " ")} `;
  const cues = SECTION_CUES.filter(([asked]) => asked.test(q));
  const out: NodeMatch[] = [];
  for (const node of loc.kb.outline.nodes) {
    if (!loc.scope.has(node.doc) || !filter(node)) continue;
    const path = node.headings.join(" > ");
    if (!ordinalMatches(path, loc.q.ordinals)) continue;
    if (loc.asks.years.length > 0 && !yearsFit(path, loc.asks.years)) continue;
    // Headings are judged on every term (a heading that repeats the title's words is still
    // about them), except in a document named by its title, where those words fit every heading.
    let head = loc.titled.has(node.doc) ? coverage(nodeTerms(node, "head"), loc.q, titleTerms(loc, node.doc), false) : coverage(nodeTerms(node, "head"), loc.q);
    if (namesLabel(q, node)) head = Math.max(head, 0.5) + 0.5;
    const fpath = foldKey(path);
    for (const [, part] of cues) head += part.test(fpath) || part.test(foldKey(node.label)) ? 0.35 : -0.3;
    // Columns asked of a list ("mỗi đơn vị tham mưu … là ai") are in table rows.
    if (loc.asks.columns.length > 0 && node.items.length > 0) head += node.items.some((i) => i.task !== null) ? 0.3 : -0.1;
    const content = contentCoverage(loc, node.doc, body(node));
    const rank = retrieved.get(`${node.doc}|${node.path}`);
    const score = 0.55 * head + 0.45 * content + (loc.titled.has(node.doc) ? 0.1 : 0) + (rank === undefined ? 0 : 0.05 - rank * 0.01);
    out.push({ node, score, head });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Words that name a body responsible for something, at the start of a section label. */
const BODY_LABEL = /^(?:\d+[.)]\s*|[a-zđ]\)\s*)?(?:đề nghị\s+)?(?:trách nhiệm của\s+)?(?:các\s+)?(?:thường trực|ban|văn phòng|phòng|ủy ban|uỷ ban|ubnd|hđnd|hội đồng|công an|trạm|đại biểu|cơ quan|đơn vị|mặt trận|tổ|bộ phận)/iu;

/** A section whose sub-sections are the bodies given duties ("IV. TỔ CHỨC THỰC HIỆN"). */
export function bodiesNode(loc: Locator, results: readonly ScoredChunk[]): NodeMatch | null {
  const isBodies = (n: OutlineNode) => n.children.length >= 2 && n.children.filter((c) => BODY_LABEL.test(c.label)).length >= n.children.length / 2;
  // Judged on the bodies' names: the section's own heading ("IV. TỔ CHỨC THỰC HIỆN") says little.
  const labels = (n: OutlineNode) => new Set(termsOf(n.children.map((c) => c.label).join(" ")));
  return scoreNodes(loc, results, isBodies, labels)[0] ?? null;
}

/** "2. Phòng Văn hóa - Xã hội:" → "Phòng Văn hóa - Xã hội". */
export function bodyName(label: string): string {
  return label
    .replace(/^(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVX]+[.)]?)\s+/u, "")
    .replace(/^(?:Đề nghị|Trách nhiệm của)\s+/u, "")
    .replace(/\s+có trách nhiệm.*$/u, "")
    .replace(/[:\s]+$/u, "")
    .replace(/^./u, (c) => c.toUpperCase());
}

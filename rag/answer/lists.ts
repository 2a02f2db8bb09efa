/**
 * Answers that list everything asked for: every item of the section the question is about,
 * every row a column selects ("do Ban Kinh tế – Ngân sách tham mưu"), the bodies given
 * duties, or the number of items — each item numbered and cited.
 */
import { Outline, type OutlineNode } from "../knowledge/outline.ts";
import { describeTask } from "../knowledge/plan-task.ts";
import type { ScoredChunk } from "../retrieval/types.ts";
import { foldKey } from "../knowledge/outline.ts";
import { cite, listAnswer, titleOf, whereOf, type ListEntry } from "./compose.ts";
import { termsOf } from "./evidence.ts";
import { asksStandardPart, bodiesNode, bodyName, scoreNodes, type Locator, type NodeMatch, type Unit } from "./locate.ts";
import { rowsByColumn } from "./row-filter.ts";
import { boundEvidence, listEvidence, unitEvidence, type Routed } from "./routed.ts";

/** A section is the one asked about when its headings carry this much of the question… */
const HEAD_MIN = 0.3;
/** …and headings and items together this much. */
const NODE_MIN = 0.45;
/** Longest list quoted in full; longer ones say how many more there are. */
const MAX_ITEMS = 30;

function entriesOf(node: OutlineNode, items = node.items): ListEntry[] {
  return items.map((i) => ({ id: i.id, doc: i.doc, section: i.node, text: i.text, task: i.kind === "row" ? i.task : null }));
}

const short = (title: string) => (title.length > 90 ? `${title.slice(0, 88).replace(/\s+\S*$/u, "")}…` : title);

function routed(loc: Locator, header: string, entries: ListEntry[], notes: string[] = []): Routed {
  const shown = entries.slice(0, MAX_ITEMS);
  const answer = listAnswer(loc.kb, header, shown, notes);
  if (entries.length > shown.length) answer.answer += `\n… và ${entries.length - shown.length} nội dung khác.`;
  return {
    answer,
    items: shown.map((e) => e.id).filter((x): x is string => x !== null),
    focus: shown.length === 1 ? shown[0]!.id : null,
    evidence: boundEvidence(listEvidence(header, shown, notes)),
    llm: true,
  };
}

/** Most of `text`'s word pairs are already in `known`. */
function addsLittle(text: string, known: string): boolean {
  const pairs = (x: string) => {
    const w = foldKey(x).split(" ");
    return w.slice(1).map((y, i) => `${w[i]} ${y}`);
  };
  const k = new Set(pairs(known));
  const p = pairs(text);
  return p.length > 0 && p.filter((x) => k.has(x)).length / p.length >= 0.85;
}

/**
 * The section a list question is about, if one clearly is: its headings carry the
 * question, or it holds the passage that answers best.
 */
export function listNode(loc: Locator, results: readonly ScoredChunk[], top: Unit | undefined): NodeMatch | null {
  const best = scoreNodes(loc, results)[0];
  if (!best || best.score < NODE_MIN) return null;
  const holdsTop = top !== undefined && top.doc === best.node.doc && top.section.replace(/ \(phần \d+\)$/u, "") === best.node.path;
  return best.head >= HEAD_MIN || (holdsTop && best.node.items.length >= 2) ? best : null;
}

/**
 * "Mục đích của kế hoạch … là gì?": a question about one of a document's standard parts
 * (purpose, requirements, targets, recipients) or naming a section by its label wants all of it.
 */
export function namedSection(loc: Locator, results: readonly ScoredChunk[]): NodeMatch | null {
  const best = scoreNodes(loc, results, (n) => n.items.length >= 2)[0];
  if (!best) return null;
  if (asksStandardPart(loc.question)) return best.head >= 0.75 ? best : null;
  // "trach nhiem dai bieu hdnd xa X": a fragment that is a section's own label (its body named,
  // its heading covering ¾ of the question) wants that section. Head ≥ 1.25 = label named + ¾.
  return best.head >= 1.25 ? best : null;
}

/**
 * Every item of the section. A passage elsewhere that answers better than any item (the
 * list asked for may be spelled out in one sentence) is added after the list.
 */
export function nodeListRoute(loc: Locator, match: NodeMatch, units: readonly Unit[] = []): Routed {
  const { node } = match;
  const rows = node.items.some((i) => i.kind === "row");
  const header = `Mục “${node.label}” của ${short(titleOf(loc.kb, node.doc))} có ${node.items.length} ${rows ? "nhiệm vụ" : "nội dung"}:`;
  const notes = node.notes.join(" ").length <= 700 ? node.notes : [];
  const r = routed(loc, header, entriesOf(node), notes.map((n) => `Ghi chú: ${n}`));
  // Already said by an item unless it says more (a bullet that spells out what a row only names).
  const inList = (u: Unit) => (u.doc === node.doc && u.section.replace(/ \(phần \d+\)$/u, "") === node.path) || node.items.some((i) => addsLittle(u.text, i.task ? describeTask(i.task) : i.text));
  // From the same document, or one the question names: a list about one plan is not padded from another.
  const sameDoc = (u: Unit) => u.doc === node.doc || loc.titled.has(u.doc);
  // A sibling section is about something else of the same kind (another body's duties).
  const sibling = (u: Unit) => node.parent !== null && u.doc === node.doc && u.section.replace(/ \(phần \d+\)$/u, "").startsWith(`${node.parent.path} > `);
  // Only when the section was chosen for its content rather than named by the question.
  const top = match.head >= 0.6 ? undefined : units.find((u) => (u.fits || u.columnMiss) && u.score >= 0.6 && sameDoc(u) && !sibling(u) && !inList(u));
  if (top) {
    r.answer.answer += `\n\nNgoài ra: ${top.text.trim()} (${whereOf(loc.kb, top.doc, top.section)})`;
    r.answer.citations.push(cite(top.doc, top.section, top.text));
    r.evidence = boundEvidence([unitEvidence(top), ...r.evidence]);
  }
  return r;
}

/** "Những nhiệm vụ nào do X chủ trì/phụ trách", "những việc làm theo kế hoạch kỳ họp". */
export function columnListRoute(loc: Locator): Routed | null {
  const f = rowsByColumn(loc);
  if (!f) return null;
  const label = { lead: "do", leader: "do", partners: "có phối hợp của", when: "có thời gian", output: "có sản phẩm" }[f.column];
  const verb = { lead: "chủ trì/tham mưu", leader: "phụ trách", partners: "", when: "", output: "" }[f.column];
  const what = f.column === "when" ? `có thời gian thực hiện “${f.rows[0]!.when}” hoặc tương tự` : `${label} ${f.value}${verb ? ` ${verb}` : ""}`;
  const docs = [...new Set(f.rows.map((r) => r.doc))];
  const header = `Có ${f.rows.length} nhiệm vụ ${what} trong ${docs.map((d) => short(titleOf(loc.kb, d))).join("; ")}:`;
  return routed(
    loc,
    header,
    f.rows.map((t) => ({ id: `t:${t.doc}:${t.ordinal}`, doc: t.doc, section: t.section, text: t.task, task: t })),
  );
}

/** "Những cơ quan, phòng ban nào được giao trách nhiệm": the sub-sections named after bodies. */
export function bodiesRoute(loc: Locator, results: readonly ScoredChunk[]): Routed | null {
  const match = bodiesNode(loc, results);
  if (!match || match.score < 0.25) return null;
  const node = match.node;
  const entries: ListEntry[] = node.children.map((c) => ({
    id: Outline.nodeRef(c),
    doc: c.doc,
    section: c.path,
    text: `${bodyName(c.label)}${c.items[0] ? `: ${c.items[0].text.replace(/[.;]\s*$/u, "")}${c.items.length > 1 ? "; …" : ""}` : ""}`,
    task: null,
  }));
  const header = `${short(titleOf(loc.kb, node.doc))} giao trách nhiệm cho ${entries.length} cơ quan, đơn vị (mục “${node.label}”):`;
  return routed(loc, header, entries);
}

/** "Phụ lục … có bao nhiêu nhiệm vụ": counts the items of the section and its sub-sections. */
export function countRoute(loc: Locator, results: readonly ScoredChunk[]): Routed | null {
  const outline = loc.kb.outline;
  const nodes = scoreNodes(loc, results, (n) => outline.itemsUnder(n).length > 0);
  const top = nodes[0];
  if (!top || top.head < HEAD_MIN) return null;
  // Among sections whose headings match as well, the widest one holds them all…
  const alike = nodes.filter((m) => m.head >= top.head - 0.01 && m.node.doc === top.node.doc).sort((a, b) => a.node.headings.length - b.node.headings.length);
  // …unless it is named by more than the noun counted ("CHỈ TIÊU, NHIỆM VỤ") and a part of it by the noun ("Một số chỉ tiêu").
  const noun = ` ${loc.asks.countNoun.join(" ")} `;
  const labelled = (m: NodeMatch) => ` ${foldKey(bodyName(m.node.label))} `.includes(noun);
  const wider = alike[0]!;
  const part = noun.trim() && labelled(wider) && / [a-z]+ [a-z]+ /.test(` ${foldKey(bodyName(wider.node.label)).replace(noun.trim(), "")} `) ? alike.find((m) => m !== wider && labelled(m) && m.node.path.startsWith(`${wider.node.path} > `)) : undefined;
  const node = (part ?? wider).node;
  const all = outline.itemsUnder(node);
  // A table's own title lines are not items when it has rows.
  const rows = all.some((i) => i.kind === "row");
  const items = rows ? all.filter((i) => i.kind === "row") : all;
  const itemNoun = rows ? "nhiệm vụ" : "nội dung";
  const groups = node.children.filter((c) => outline.itemsUnder(c).some((i) => !rows || i.kind === "row"));
  const header =
    groups.length > 1
      ? `Mục “${node.label}” của ${short(titleOf(loc.kb, node.doc))} có ${items.length} ${itemNoun}, chia thành ${groups.length} nhóm:`
      : `Mục “${node.label}” của ${short(titleOf(loc.kb, node.doc))} có ${items.length} ${itemNoun}:`;
  if (groups.length > 1) {
    const entries: ListEntry[] = groups.map((g) => ({ id: Outline.nodeRef(g), doc: g.doc, section: g.path, text: `${g.label}: ${outline.itemsUnder(g).length} ${itemNoun}`, task: null }));
    const r = routed(loc, header, entries);
    // The model sees the items themselves, not only the counts.
    r.evidence = boundEvidence([...listEvidence(header, entries), ...groups.flatMap((g) => listEvidence(g.label, entriesOf(g, outline.itemsUnder(g))))]);
    return r;
  }
  return routed(loc, header, entriesOf(node, items));
}

/**
 * "Phụ lục … gồm những nhóm nhiệm vụ nào", "kế hoạch gồm những phần nào": the sub-sections
 * of the part asked about (or the document's top-level parts), each with how many items it holds.
 */
export function partsRoute(loc: Locator, results: readonly ScoredChunk[]): Routed | null {
  const outline = loc.kb.outline;
  // A part is judged on its own lines (a table's title) and its sub-sections' names.
  const labels = (n: OutlineNode) => new Set(termsOf([...n.items.map((i) => i.text), ...n.children.map((c) => c.label)].join(" ")));
  // "Những chương trình nào": a part named by a content noun is one whose sub-sections carry it.
  const noun = / (?:nhung|cac|may|bao nhieu) (chuong trinh|nhom nhiem vu|nhom viec) (?:nao|gi|lon|chinh) /.exec(` ${foldKey(loc.question)} `)?.[1];
  const carries = (n: OutlineNode) => n.children.filter((c) => foldKey(c.label).includes(noun!)).length >= 2;
  const named = noun ? scoreNodes(loc, results, carries, labels)[0] : undefined;
  const best = named ?? scoreNodes(loc, results, (n) => n.children.length >= 2, labels)[0];
  let parts: OutlineNode[] = [];
  let label = "";
  let doc = "";
  const ofNode = (m: NodeMatch) => {
    parts = m.node.children;
    label = `Mục “${m.node.label}”`;
    doc = m.node.doc;
  };
  if (best && (best.head >= HEAD_MIN || (named && best.score >= 0.2))) ofNode(best);
  else if (loc.titled.size === 1) {
    // "Kế hoạch … gồm những phần nào": the document's own top-level parts, without letterhead and recipients.
    doc = [...loc.titled][0]!;
    const title = titleOf(loc.kb, doc);
    parts = outline.nodesOf(doc).filter((n) => n.headings.length === 1 && n.label !== title && !/^Nơi nhận/u.test(n.label));
    label = "Văn bản";
  } else if (best && best.score >= 0.2) ofNode(best);
  else return null;
  if (parts.length < 2) return null;
  const entries: ListEntry[] = parts.map((p) => {
    const items = outline.itemsUnder(p);
    const rows = items.filter((i) => i.kind === "row").length;
    const count = rows > 0 ? `${rows} nhiệm vụ` : items.length > 0 ? `${items.length} nội dung` : "";
    return { id: Outline.nodeRef(p), doc: p.doc, section: p.path, text: `${p.label}${count ? ` (${count})` : ""}`, task: null };
  });
  const header = `${label} của ${short(titleOf(loc.kb, doc))} gồm ${entries.length} phần:`;
  const r = routed(loc, header, entries);
  r.evidence = boundEvidence([...listEvidence(header, entries), ...parts.flatMap((p) => listEvidence(p.label, entriesOf(p, outline.itemsUnder(p))))]);
  return r;
}

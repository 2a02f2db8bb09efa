/**
 * The documents' outline, derived in memory when the knowledge base loads (nothing is
 * stored): the heading tree (section → sub-sections), the list items of every section
 * (bullets, numbered sentences, paragraphs), the table rows with their columns (the
 * extracted tasks) and the signature blocks. Answers use it to quote a whole list, a row's
 * column or a signer instead of one retrieved passage.
 */
import { parseHeading } from "../ingest/sections.ts";
import { isCatchAllItem } from "../tasks/extract/party-programme.ts";
import { foldVietnamese } from "../text/vietnamese.ts";
import type { PlanTask } from "./plan-task.ts";

export type ItemKind = "bullet" | "numbered" | "paragraph" | "row";

export interface OutlineItem {
  /** Table rows reuse their task chunk id ("t:<doc>:<ordinal>"); other items "i:<doc>:<node>:<n>". */
  id: string;
  doc: string;
  /** Path of the node the item belongs to. */
  node: string;
  /** 1-based position in its node. */
  index: number;
  text: string;
  kind: ItemKind;
  /** The row itself, or the task extracted from this bullet (for its columns). */
  task: PlanTask | null;
}

export interface OutlineNode {
  doc: string;
  /** "IV. TỔ CHỨC THỰC HIỆN > 2. Các Ban HĐND phường" (continuation parts merged). */
  path: string;
  label: string;
  headings: string[];
  /** Position of the node's first section in its document (document order). */
  ordinal: number;
  /** Paragraphs around a list: the lead-in ("… gồm:") and closing remarks. */
  notes: string[];
  items: OutlineItem[];
  children: OutlineNode[];
  parent: OutlineNode | null;
}

export interface Signature {
  doc: string;
  /** "THƯỜNG TRỰC HĐND", "ỦY BAN NHÂN DÂN", "BAN CHẤP HÀNH". */
  org: string;
  /** "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "BÍ THƯ". */
  role: string;
  /** "KT. CHỦ TỊCH": signed on behalf of that role. */
  onBehalfOf: string | null;
  name: string;
}

export interface OutlineSection {
  doc: string;
  ordinal: number;
  path: string;
  text: string;
}

export interface OutlineDoc {
  file: string;
  title: string;
}

const PART_SUFFIX = / \(phần \d+\)$/u;
const BULLET = /^[-–•+*]\s*/u;
const NUMBERED_ITEM = /^(?:\d+|[a-zđ])[.)]\s+\S/u;
const SIGN_ORG = /^(?:TM|T\/M)\.?\s+(.+)$/u;
const SIGN_BEHALF = /^KT\.?\s+(.+)$/u;
/** A person's name: 2–5 capitalised words, no digits ("Nguyễn Thế Thạch"). */
const PERSON_NAME = /^(?:\p{Lu}\p{Ll}*)(?:\s+\p{Lu}\p{Ll}*){1,4}$/u;
const UPPER_LINE = (s: string) => /\p{L}/u.test(s) && !/\p{Ll}/u.test(s);

export const foldKey = (s: string) => foldVietnamese(s).replace(/[^a-z0-9%/]+/g, " ").replace(/\s+/g, " ").trim();

export class Outline {
  readonly nodes: OutlineNode[];
  readonly signatures: Signature[];
  private readonly byKey = new Map<string, OutlineNode>();
  private readonly items = new Map<string, OutlineItem>();

  constructor(nodes: OutlineNode[], signatures: Signature[]) {
    this.nodes = nodes;
    this.signatures = signatures;
    for (const n of nodes) {
      this.byKey.set(`${n.doc}\u0000${n.path}`, n);
      for (const it of n.items) this.items.set(it.id, it);
    }
  }

  node(doc: string, path: string): OutlineNode | undefined {
    return this.byKey.get(`${doc}\u0000${path.replace(PART_SUFFIX, "")}`);
  }

  item(id: string): OutlineItem | undefined {
    return this.items.get(id);
  }

  /** Every item of a node and of the nodes under it, in document order. */
  itemsUnder(node: OutlineNode): OutlineItem[] {
    const out: OutlineItem[] = [...node.items];
    for (const c of node.children) out.push(...this.itemsUnder(c));
    return out;
  }

  nodesOf(doc: string): OutlineNode[] {
    return this.nodes.filter((n) => n.doc === doc);
  }

  /** Stable reference to a node, for conversation context: "n:<doc>:<first section ordinal>". */
  static nodeRef(node: OutlineNode): string {
    return `n:${node.doc}:${node.ordinal}:${node.headings.length}`;
  }

  nodeByRef(ref: string): OutlineNode | undefined {
    const m = /^n:(.+):(\d+):(\d+)$/.exec(ref);
    return m ? this.nodes.find((n) => n.doc === m[1] && n.ordinal === Number(m[2]) && n.headings.length === Number(m[3])) : undefined;
  }
}

/**
 * Builds the outline from the stored sections (in document order) and tasks. Appendix
 * table sections take their rows from the tasks; other sections take their items from
 * their lines.
 */
export function buildOutline(docs: readonly OutlineDoc[], sections: readonly OutlineSection[], tasks: readonly PlanTask[]): Outline {
  const titleOf = new Map(docs.map((d) => [d.file, d.title]));
  const nodes: OutlineNode[] = [];
  const byKey = new Map<string, OutlineNode>();
  const linesOf = new Map<OutlineNode, string[]>();
  const signatures: Signature[] = [];

  const ensure = (doc: string, headings: string[], ordinal: number): OutlineNode => {
    const path = headings.join(" > ");
    const key = `${doc}\u0000${path}`;
    let n = byKey.get(key);
    if (n) return n;
    const parent = headings.length > 1 ? ensure(doc, headings.slice(0, -1), ordinal) : null;
    n = { doc, path, label: headings[headings.length - 1]!, headings, ordinal, notes: [], items: [], children: [], parent };
    parent?.children.push(n);
    byKey.set(key, n);
    nodes.push(n);
    return n;
  };

  for (const s of sections) {
    const base = s.path.replace(PART_SUFFIX, "");
    // Text before the first heading is labelled with the title: one node, not a path.
    const headings = base === titleOf.get(s.doc) ? [base] : base.split(" > ");
    const node = ensure(s.doc, headings, s.ordinal);
    linesOf.set(node, [...(linesOf.get(node) ?? []), ...s.text.split("\n")]);
  }

  const tasksByDoc = new Map<string, PlanTask[]>();
  for (const t of tasks) tasksByDoc.set(t.doc, [...(tasksByDoc.get(t.doc) ?? []), t]);

  for (const node of nodes) {
    const lines = (linesOf.get(node) ?? []).map((l) => l.trim()).filter(Boolean);
    const docTasks = tasksByDoc.get(node.doc) ?? [];
    // Appendix tables: the extracted rows are the items (the raw lines interleave cells).
    const rows = /^Phụ lục/iu.test(node.headings[0]!) ? docTasks.filter((t) => t.section === node.path) : [];
    if (rows.length > 0) {
      node.items = rows.map((t, i) => ({ id: `t:${t.doc}:${t.ordinal}`, doc: t.doc, node: node.path, index: i + 1, text: t.task, kind: "row" as const, task: t }));
      continue;
    }
    const body: Array<{ text: string; kind: ItemKind }> = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (parseHeading(line)) continue;
      const sig = signatureAt(lines, i);
      if (sig) {
        signatures.push({ doc: node.doc, ...sig.signature });
        i = sig.end;
        continue;
      }
      if (BULLET.test(line)) body.push({ text: line.replace(BULLET, "").trim(), kind: "bullet" });
      else if (NUMBERED_ITEM.test(line)) body.push({ text: line, kind: "numbered" });
      else body.push({ text: line, kind: "paragraph" });
    }
    // A list is the bullets (or numbered sentences) when there are several; the paragraphs
    // around them are its lead-in and closing notes. Otherwise every paragraph is an item.
    const listed = body.filter((b) => b.kind !== "paragraph" && !isCatchAllItem(b.text));
    const chosen = listed.length >= 2 ? listed : body.filter((b) => !isCatchAllItem(b.text));
    node.notes = listed.length >= 2 ? body.filter((b) => b.kind === "paragraph").map((b) => b.text) : [];
    const ord = byKey.get(`${node.doc}\u0000${node.path}`)!.ordinal;
    node.items = chosen.map((b, i) => ({
      id: `i:${node.doc}:${ord}:${i + 1}`,
      doc: node.doc,
      node: node.path,
      index: i + 1,
      text: b.text,
      kind: b.kind,
      task: taskFor(b.text, taskKeys(docTasks)),
    }));
  }
  return new Outline(nodes, signatures);
}

// Folded task prefixes per document, computed once: every bullet is matched against every
// task of its document, and folding is the expensive part of opening the knowledge base.
const keyCache = new WeakMap<readonly PlanTask[], { task: PlanTask; prefix: string }[]>();
function taskKeys(tasks: readonly PlanTask[]): { task: PlanTask; prefix: string }[] {
  let keys = keyCache.get(tasks);
  if (!keys) {
    keys = tasks.map((task) => ({ task, prefix: foldKey(task.task) })).filter((k) => k.prefix.length >= 12).map((k) => ({ task: k.task, prefix: k.prefix.slice(0, 80) }));
    keyCache.set(tasks, keys);
  }
  return keys;
}

/** The extracted task a bullet became (tasks drop the trailing "(… chuẩn bị)"). */
function taskFor(text: string, keys: readonly { task: PlanTask; prefix: string }[]): PlanTask | null {
  const key = foldKey(text);
  for (const k of keys) if (key.startsWith(k.prefix)) return k.task;
  return null;
}

/** "TM. THƯỜNG TRỰC HĐND / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Phạm Thị Thanh" starting at line i. */
function signatureAt(lines: readonly string[], i: number): { signature: Omit<Signature, "doc">; end: number } | null {
  const org = SIGN_ORG.exec(lines[i]!.replace(/\*/g, "").trim());
  if (!org) return null;
  let j = i + 1;
  let onBehalfOf: string | null = null;
  const behalf = lines[j] ? SIGN_BEHALF.exec(lines[j]!.replace(/\*/g, "").trim()) : null;
  if (behalf) {
    onBehalfOf = behalf[1]!.trim();
    j++;
  }
  const role = lines[j]?.replace(/\*/g, "").trim();
  const name = lines[j + 1]?.trim();
  if (!role || !UPPER_LINE(role) || !name || !PERSON_NAME.test(name)) return null;
  return { signature: { org: org[1]!.trim(), role, onBehalfOf, name }, end: j + 1 };
}

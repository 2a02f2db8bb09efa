/**
 * What every answering route returns: the offline answer, the items it listed (for
 * follow-ups), and the structured evidence it rests on (rows with their columns, list
 * items, passages), which is also what a configured LLM is shown.
 */
import { describeTask, type PlanTask } from "../knowledge/plan-task.ts";
import type { ListEntry } from "./compose.ts";
import type { Unit } from "./locate.ts";
import type { Answer } from "./types.ts";

export interface Evidence {
  doc: string;
  section: string;
  kind: "row" | "list" | "passage";
  /** The excerpt as shown to the LLM: a row with its columns, a numbered list, a passage. */
  text: string;
}

export interface Routed {
  answer: Answer;
  /** Ids of the items the answer lists, in their numbered order. */
  items: string[];
  /** The item the answer is about, when it is about one. */
  focus: string | null;
  evidence: Evidence[];
  /**
   * Whether an LLM may phrase the answer from the evidence. False when the answer is decided
   * without it: due lists, signers, and refusals by the checks (an amount that no passage
   * states cannot be found by rephrasing).
   */
  llm: boolean;
}

/** A row with every column the document gives, one field per line for the model. */
export function rowEvidence(t: PlanTask): string {
  return describeTask(t);
}

export function unitEvidence(u: Unit): Evidence {
  return u.task && u.text === describeTask(u.task)
    ? { doc: u.doc, section: u.section, kind: "row", text: rowEvidence(u.task) }
    : { doc: u.doc, section: u.section, kind: "passage", text: u.task ? `${u.text}\n(${rowEvidence(u.task)})` : u.text };
}

export function listEvidence(header: string, entries: readonly ListEntry[], notes: readonly string[] = []): Evidence[] {
  if (entries.length === 0) return [];
  const lines = [header, ...entries.map((e, i) => `${i + 1}. ${e.task ? rowEvidence(e.task) : e.text}`), ...notes];
  return [{ doc: entries[0]!.doc, section: entries[0]!.section, kind: "list", text: lines.join("\n") }];
}

/** Limits for what the LLM is sent: enough for lists, without flooding the prompt. */
export const EVIDENCE_MAX_EXCERPTS = 8;
export const EVIDENCE_MAX_CHARS = 6000;
const EXCERPT_MAX_CHARS = 2400;

/** The first excerpts that fit the budget, duplicates dropped, long lists cut at an item. */
export function boundEvidence(all: readonly Evidence[]): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  let chars = 0;
  for (const e of all) {
    const key = `${e.doc}|${e.text.slice(0, 160)}`;
    if (seen.has(key) || out.some((o) => o.doc === e.doc && o.text.includes(e.text))) continue;
    let text = e.text;
    // A list is one excerpt and may use the whole budget; a passage is kept short.
    const cap = e.kind === "list" ? EVIDENCE_MAX_CHARS : EXCERPT_MAX_CHARS;
    if (text.length > cap) text = `${text.slice(0, text.lastIndexOf("\n", cap) > 0 ? text.lastIndexOf("\n", cap) : cap)}\n…`;
    if (out.length > 0 && chars + text.length > EVIDENCE_MAX_CHARS) break;
    seen.add(key);
    out.push({ ...e, text });
    chars += text.length;
    if (out.length >= EVIDENCE_MAX_EXCERPTS) break;
  }
  return out;
}

/**
 * Conversation context for follow-up questions. Every answer returns a small JSON object
 * (the period, ward and documents it was about, the items it listed in order, the item in
 * focus); the chat core keeps it in the user's session and passes it back with the next
 * question, so "còn quý sau?", "ai chủ trì việc đó?" and "chi tiết mục 2" can be answered.
 */
import { z } from "zod";
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import type { OutlineItem } from "../knowledge/outline.ts";
import type { PlanTask } from "../knowledge/plan-task.ts";

const ref = z.string().min(1).max(200);

export const answerContextSchema = z.object({
  v: z.literal(1),
  /** The question as last understood (after resolving a follow-up), to re-ask for another ward. */
  question: z.string().max(500).nullable(),
  /** The ward the last answer was about (named, or the bot's own). */
  ward: z.string().max(100).nullable(),
  /** Period id of the last due list ("2027-Q3"), the base for "quý sau". */
  period: z.string().max(20).nullable(),
  /** Documents the last answer cited. */
  docs: z.array(ref).max(10),
  /** Items listed by the last answer, in the order they were numbered. */
  items: z.array(ref).max(60),
  /** The item the conversation is about (a single answer, or "chi tiết mục 2"). */
  focus: ref.nullable(),
});
export type AnswerContext = z.infer<typeof answerContextSchema>;

export const EMPTY_CONTEXT: AnswerContext = { v: 1, question: null, ward: null, period: null, docs: [], items: [], focus: null };

/** Validates a stored context; anything unreadable (an older shape, a tampered session) starts afresh. */
export function readContext(value: unknown): AnswerContext {
  const r = answerContextSchema.safeParse(value);
  return r.success ? r.data : EMPTY_CONTEXT;
}

/** What an item id refers to: a task row ("t:<doc>:<ordinal>") or an outline item ("i:…"). */
export interface ResolvedItem {
  id: string;
  doc: string;
  section: string;
  text: string;
  task: PlanTask | null;
  item: OutlineItem | null;
}

export function resolveItem(kb: KnowledgeBase, id: string): ResolvedItem | null {
  const t = /^t:(.+):(\d+)$/.exec(id);
  if (t) {
    const task = kb.tasks.find((x) => x.doc === t[1] && x.ordinal === Number(t[2]));
    return task ? { id, doc: task.doc, section: task.section, text: task.task, task, item: null } : null;
  }
  const item = kb.outline.item(id);
  return item ? { id, doc: item.doc, section: item.node, text: item.text, task: item.task, item } : null;
}

/** The id under which a task is listed in a context. */
export const taskRef = (t: PlanTask) => `t:${t.doc}:${t.ordinal}`;

/** Keeps a context within its schema's bounds (long lists keep their first items). */
export function boundedContext(c: AnswerContext): AnswerContext {
  return answerContextSchema.parse({
    ...c,
    question: c.question ? c.question.slice(0, 500) : null,
    docs: [...new Set(c.docs)].slice(0, 10),
    items: c.items.slice(0, 60),
  });
}

/**
 * Follow-ups about what the previous answer listed: "chi tiết mục 2", "ai chủ trì việc đó?",
 * "mục 3 khi nào làm?". Period and ward follow-ups ("còn quý sau?", "còn Bạch Đằng thì
 * sao?") are rewritten into full questions by `rewriteFollowUp`.
 */
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { describeTask } from "../knowledge/plan-task.ts";
import { Outline } from "../knowledge/outline.ts";
import { syllables } from "../text/vietnamese.ts";
import { phrase, type Asks } from "./asks.ts";
import { cite, columnSentence, listAnswer, rowLine, whereOf, type ListEntry } from "./compose.ts";
import { resolveItem, type AnswerContext } from "./context.ts";
import { boundEvidence, listEvidence, type Routed } from "./routed.ts";

/** Words a follow-up is made of besides what it refers to. */
const FILLER = new Set(
  (
    "ai don vi nao co quan nao chu tri tham muu phoi hop voi phu trach lanh dao khi nao bao gio thoi gian han ket qua san pham la gi the nao nhu the nao ra sao " +
    "chi tiet cu the noi ro xem them muc so dong viec nhiem vu noi dung cai do nay ay kia tren vua roi thu cho hoi voi vay a nhi oi con thi sao duoc lam thuc hien " +
    "mot hai ba bon nam sau bay tam chin muoi dau tien cuoi cung nua di nhe nha minh em toi ban"
  ).split(" "),
);

/** True when the message is only a reference to something said before ("ai chủ trì việc đó?"). */
export function onlyRefers(question: string): boolean {
  return syllables(question).every((w) => FILLER.has(w) || /^\d{1,2}$/.test(w));
}

function clarify(ctx: AnswerContext): Routed {
  return {
    answer: {
      answer: `Câu trả lời trước liệt kê ${ctx.items.length} mục. Anh/chị hỏi mục nào? Xin ghi số thứ tự, ví dụ: “ai chủ trì mục 2” hoặc “chi tiết mục 1”.`,
      found: false,
      citations: [],
    },
    items: ctx.items,
    focus: null,
    evidence: [],
    llm: false,
  };
}

function itemAnswer(kb: KnowledgeBase, id: string, asks: Asks, position: number | null): Routed | null {
  // A sub-section listed by name ("chi tiết mục 2" after a list of bodies): its items.
  const node = id.startsWith("n:") ? kb.outline.nodeByRef(id) : undefined;
  if (node) {
    const items = kb.outline.itemsUnder(node);
    const entries: ListEntry[] = items.map((i) => ({ id: i.id, doc: i.doc, section: i.node, text: i.text, task: i.kind === "row" ? i.task : null }));
    const header = `Mục “${node.label}” có ${entries.length} nội dung:`;
    return { answer: listAnswer(kb, header, entries), items: entries.map((e) => e.id!).filter(Boolean), focus: Outline.nodeRef(node), evidence: boundEvidence(listEvidence(header, entries)), llm: true };
  }
  const r = resolveItem(kb, id);
  if (!r) return null;
  const where = whereOf(kb, r.doc, r.section);
  const label = position ? `Mục ${position}` : "Nội dung này";
  if (asks.columns.length > 0) {
    const stated = r.task ? columnSentence(r.task, asks.columns) : null;
    if (!stated) {
      return {
        answer: { answer: `${label} không ghi ${asks.columns.map((c) => COLUMN_WORDS[c]).join(", ")} trong văn bản: “${r.text}” (${where}).`, found: false, citations: [cite(r.doc, r.section, r.text)] },
        items: [],
        focus: id,
        evidence: [],
        llm: false,
      };
    }
    return {
      answer: { answer: `${stated}\n${label}: ${r.text} (${where}).`, found: true, citations: [cite(r.doc, r.section, r.task ? describeTask(r.task) : r.text)] },
      items: [],
      focus: id,
      evidence: [{ doc: r.doc, section: r.section, kind: "row", text: r.task ? describeTask(r.task) : r.text }],
      llm: false,
    };
  }
  const detail = r.task ? (r.item && r.item.kind !== "row" ? `${r.text}\n${rowLine(r.task)}` : describeTask(r.task)) : r.text;
  return {
    answer: { answer: `${label}: ${detail}\n(Theo ${where}.)`, found: true, citations: [cite(r.doc, r.section, detail)] },
    items: [],
    focus: id,
    evidence: [{ doc: r.doc, section: r.section, kind: r.task ? "row" : "passage", text: detail }],
    llm: false,
  };
}

const COLUMN_WORDS = { lead: "đơn vị chủ trì", partners: "đơn vị phối hợp", leader: "lãnh đạo phụ trách", when: "thời gian", output: "kết quả, sản phẩm" } as const;

/**
 * Answers a follow-up about the previous answer's items, or returns null when the message
 * is a question of its own.
 */
export function followUpRoute(kb: KnowledgeBase, question: string, asks: Asks, ctx: AnswerContext): Routed | null {
  if (asks.itemRef !== null && ctx.items.length > 0) {
    if (asks.itemRef > ctx.items.length || !onlyRefers(question)) return asks.itemRef > ctx.items.length && onlyRefers(question) ? outOfRange(ctx, asks.itemRef) : null;
    return itemAnswer(kb, ctx.items[asks.itemRef - 1]!, asks, asks.itemRef);
  }
  const refers = asks.anaphora || (asks.columns.length > 0 && onlyRefers(question));
  if (!refers || !onlyRefers(question)) return null;
  if (ctx.focus) return itemAnswer(kb, ctx.focus, asks, null);
  if (ctx.items.length === 1) return itemAnswer(kb, ctx.items[0]!, asks, null);
  if (ctx.items.length > 1) return clarify(ctx);
  return null;
}

function outOfRange(ctx: AnswerContext, n: number): Routed {
  return { answer: { answer: `Câu trả lời trước chỉ có ${ctx.items.length} mục, không có mục ${n}.`, found: false, citations: [] }, items: ctx.items, focus: null, evidence: [], llm: false };
}

/** "còn", "thế còn", "vậy còn", "… thì sao", "… nữa": the message continues the last one. */
export function continues(question: string): boolean {
  return /^ (con|the con|vay con|the|vay|con lai) | thi sao | nua /.test(phrase(question));
}

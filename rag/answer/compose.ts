/**
 * Answer texts: a short first sentence that answers, then the list or details, then where
 * it comes from. When the documents do not contain what is asked, one sentence says so and
 * the nearest passage follows, clearly marked as related information.
 */
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { describeTask, type PlanTask } from "../knowledge/plan-task.ts";
import type { Column, FactKind } from "./asks.ts";
import type { Unit } from "./locate.ts";
import type { Answer, Citation } from "./types.ts";

export const NOT_FOUND_TEXT =
  "Các văn bản hiện có (kế hoạch, chương trình, nghị quyết đã nạp) không có thông tin trả lời câu hỏi này. Anh/chị vui lòng liên hệ Văn phòng HĐND&UBND để được giải đáp.";

const QUOTE_MAX = 400;

export function quoteOf(text: string): string {
  const q = text.replace(/\s+/g, " ").trim();
  return q.length > QUOTE_MAX ? `${q.slice(0, QUOTE_MAX - 1)}…` : q;
}

export function cite(doc: string, section: string, text: string): Citation {
  return { doc, section, quote: quoteOf(text) };
}

export function titleOf(kb: KnowledgeBase, file: string): string {
  return kb.documents.find((d) => d.file === file)?.title ?? file;
}

/** "Kế hoạch … (Phụ lục > III. …)": the title names the ward; otherwise the ward is added. */
export function whereOf(kb: KnowledgeBase, doc: string, section: string): string {
  const d = kb.documents.find((x) => x.file === doc);
  const title = d?.title ?? doc;
  const ward = d && !title.includes(d.ward) ? ` của ${d.unitType} ${d.ward}` : "";
  return `${title}${ward}${section && !section.startsWith(title) ? `, mục ${section}` : ""}`;
}

const COLUMN_LABEL: Record<Column, string> = {
  lead: "Đơn vị chủ trì/tham mưu",
  partners: "Đơn vị phối hợp",
  leader: "Lãnh đạo phụ trách",
  when: "Thời gian thực hiện",
  output: "Kết quả, sản phẩm",
};

function columnValue(t: PlanTask, c: Column): string | null {
  return c === "when" ? t.when : t[c];
}

/** "Đơn vị chủ trì/tham mưu: Ban Kinh tế – Ngân sách; Lãnh đạo phụ trách: Phó Chủ tịch HĐND." */
export function columnSentence(t: PlanTask, columns: readonly Column[]): string | null {
  const parts = columns.map((c) => [c, columnValue(t, c)] as const).filter(([, v]) => v);
  if (parts.length === 0) return null;
  return `${parts.map(([c, v]) => `${COLUMN_LABEL[c]}: ${v}`).join("; ")}.`;
}

/** One row of a list: the task and the columns that help a reader act on it. */
export function rowLine(t: PlanTask): string {
  const cols = [
    `thời gian: ${t.when}`,
    t.lead && `chủ trì/tham mưu: ${t.lead}`,
    t.partners && `phối hợp: ${t.partners}`,
    t.leader && `phụ trách: ${t.leader}`,
    t.output && `sản phẩm: ${t.output}`,
  ].filter(Boolean);
  return `${t.task.replace(/[.;:\s]+$/u, "")} (${cols.join("; ")})`;
}

/** The single-passage answer; a second passage is added when nearly as good and different. */
export function singleAnswer(kb: KnowledgeBase, picked: readonly Unit[], columns: readonly Column[]): Answer {
  const [best, ...more] = picked;
  const lines: string[] = [];
  const columnFirst = best!.task ? columnSentence(best!.task, columns) : null;
  if (columnFirst) {
    lines.push(columnFirst, `Nhiệm vụ: ${describeTask(best!.task!)}`);
  } else {
    lines.push(best!.text.trim());
  }
  lines.push(`(Theo ${whereOf(kb, best!.doc, best!.section)}.)`);
  for (const u of more) lines.push("", `Ngoài ra: ${u.text.trim()}`, `(Theo ${whereOf(kb, u.doc, u.section)}.)`);
  return { answer: lines.join("\n"), found: true, citations: picked.map((u) => cite(u.doc, u.section, u.text)) };
}

export interface ListEntry {
  id: string | null;
  doc: string;
  section: string;
  text: string;
  task: PlanTask | null;
}

/** "Mục … có N nội dung:" then the numbered items, then the source(s). */
export function listAnswer(kb: KnowledgeBase, header: string, entries: readonly ListEntry[], notes: readonly string[] = []): Answer {
  const lines = [header];
  entries.forEach((e, i) => lines.push(`${i + 1}. ${e.task && e.text === e.task.task ? rowLine(e.task) : e.text.replace(/[;,]\s*$/u, "")}`));
  for (const n of notes) lines.push(n);
  const sources = [...new Set(entries.map((e) => `${e.doc}\u0000${e.section}`))];
  if (sources.length <= 2) for (const s of sources) lines.push(`(Theo ${whereOf(kb, ...(s.split("\u0000") as [string, string]))}.)`);
  return { answer: lines.join("\n"), found: true, citations: entries.map((e) => cite(e.doc, e.section, e.text)) };
}

const FACT_WHAT: Record<FactKind, string> = {
  amount: "số tiền, kinh phí cụ thể",
  count: "con số cụ thể",
  percent: "tỷ lệ cụ thể",
  day: "ngày cụ thể",
  contact: "số điện thoại, email hay địa chỉ liên hệ",
  place: "địa điểm",
  outcome: "kết quả thực hiện (các văn bản hiện có là kế hoạch, chưa phải báo cáo kết quả)",
  name: "tên gọi cụ thể",
  person: "tên người giữ chức vụ này",
  vendor: "tên hãng, nhà cung cấp cụ thể",
};

export function whatIsMissing(fact: FactKind | null, extra?: string): string {
  if (extra) return extra;
  return fact ? FACT_WHAT[fact] : "";
}

/**
 * "The documents do not state it", in one sentence, then optionally the closest passage as
 * related information (cited, with found: false).
 */
export function notFoundAnswer(kb: KnowledgeBase, what: string, related: readonly Unit[] = []): Answer {
  const first = what ? `Các văn bản hiện có không có thông tin về ${what} mà câu hỏi nêu.` : NOT_FOUND_TEXT;
  if (related.length === 0) return { answer: first, found: false, citations: [] };
  const lines = [first, "", "Thông tin liên quan (không trả lời trực tiếp câu hỏi):"];
  for (const u of related) lines.push(`- ${u.text.trim()} (${whereOf(kb, u.doc, u.section)})`);
  return { answer: lines.join("\n"), found: false, citations: related.map((u) => cite(u.doc, u.section, u.text)) };
}

/** A ward or commune the corpus has no document for: say so, and which ones it has. */
export function notFoundForPlace(place: string, docs: ReadonlyArray<{ unitType: string; ward: string }>): Answer {
  const covered = [...new Set(docs.map((d) => `${d.unitType} ${d.ward}`))].join(", ");
  return {
    answer: `Các văn bản hiện có không có thông tin về ${place}. Trợ lý hiện có kế hoạch, chương trình của: ${covered}.`,
    found: false,
    citations: [],
  };
}

/** Answers "what is due" questions from extracted tasks, with citations. */
import type { Period } from "../dates/period.ts";
import type { PlanTask } from "../knowledge/plan-task.ts";
import type { Answer, Citation } from "./types.ts";

/** The JSON shape of `npm run due -- --json` (stable interface). */
export interface DueItem {
  doc: string;
  task: string;
  when: string;
  lead: string | null;
  partners: string | null;
  leader: string | null;
  output: string | null;
  section: string;
}

export function toDueItem(t: PlanTask): DueItem {
  return { doc: t.doc, task: t.task, when: t.when, lead: t.lead, partners: t.partners, leader: t.leader, output: t.output, section: t.section };
}

function taskLine(t: PlanTask, n: number): string {
  const who = [t.lead && `chủ trì/tham mưu: ${t.lead}`, t.leader && `phụ trách: ${t.leader}`].filter(Boolean).join("; ");
  return `${n}. ${t.task.replace(/[.;\s]+$/u, "")} (${t.when}${who ? `; ${who}` : ""})`;
}

/** Citation for a task: its document, section and the task text as quoted. */
export function taskCitation(t: PlanTask): Citation {
  return { doc: t.doc, section: t.section, quote: `${t.task} — ${t.when}` };
}

const MAX_LISTED = 40;

export interface DueScope {
  period: Period | null;
  ongoing: boolean;
  ward: string | null;
}

/**
 * The due list as an answer, and the tasks in the order they are numbered in it (a
 * follow-up such as "chi tiết mục 2" refers to that order).
 */
export function dueListAnswer(tasks: PlanTask[], scope: DueScope): { answer: Answer; listed: PlanTask[] } {
  const where = scope.ward ? ` của ${scope.ward}` : "";
  const what = scope.ongoing ? "thực hiện thường xuyên, không gắn thời hạn cụ thể" : `đến hạn trong ${scope.period?.label ?? "kỳ này"}`;
  if (tasks.length === 0) {
    return { answer: { answer: `Không tìm thấy nhiệm vụ nào ${what} trong các kế hoạch${where} hiện có.`, found: false, citations: [] }, listed: [] };
  }
  const byDoc = new Map<string, PlanTask[]>();
  for (const t of tasks) byDoc.set(t.docTitle, [...(byDoc.get(t.docTitle) ?? []), t]);
  const lines: string[] = [`Có ${tasks.length} nhiệm vụ ${what}${where}:`];
  // A week spans months: say which months' tasks are listed.
  if (scope.period?.kind === "week") lines.push("(Các kế hoạch ghi thời hạn theo tháng, quý: đây là các nhiệm vụ của những tháng, quý có tuần này.)");
  const listed: PlanTask[] = [];
  for (const [title, list] of byDoc) {
    if (listed.length >= MAX_LISTED) break;
    lines.push("", `${title}:`);
    for (const t of list) {
      if (listed.length >= MAX_LISTED) break;
      listed.push(t);
      lines.push(taskLine(t, listed.length));
    }
  }
  if (tasks.length > listed.length) lines.push("", `… và ${tasks.length - listed.length} nhiệm vụ khác (dùng lệnh due để xem đủ).`);
  return { answer: { answer: lines.join("\n"), found: true, citations: tasks.map(taskCitation) }, listed };
}

export function answerDueList(tasks: PlanTask[], scope: DueScope): Answer {
  return dueListAnswer(tasks, scope).answer;
}

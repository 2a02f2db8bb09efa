/**
 * Plan tasks in the chat: which are overdue ("việc nào quá hạn / chậm tiến độ?") and
 * recording a task's progress (/tiendo <số> <trạng thái> [ghi chú]). Numbers refer to the
 * tasks last listed to this user (overdue lists, /viecquynay).
 */
import { docMatches } from "../../../rag/tasks/due.ts";
import type { PlanTask } from "../../../rag/knowledge/plan-task.ts";
import { foldVietnamese } from "../../../rag/text/vietnamese.ts";
import { canReport, overdueTasks, parseProgress, progressOf, PROGRESS_LABELS, recordProgress } from "../../plans/progress.ts";
import { planTexts as P } from "../../text/plans.vi.ts";
import { can } from "../roles.ts";
import type { Turn } from "../turn.ts";

const OVERDUE = /\b(qua han|tre han|cham tien do|cham tre|cham (?:hon )?so voi|chua hoan thanh|con ton|bi cham|viec (?:nao|gi) cham|cham)\b/;
const ABOUT_TASKS = /\b(viec|nhiem vu|ke hoach|chuong trinh|cong viec|chi tieu|task)\b/;

/** "việc nào quá hạn?", "nhiệm vụ nào chậm tiến độ", "co viec gi tre han khong". */
export function isOverdueQuestion(text: string): boolean {
  const f = ` ${foldVietnamese(text).replace(/[^a-z0-9 ]+/g, " ").replace(/\s+/g, " ")} `;
  return OVERDUE.test(f) && (ABOUT_TASKS.test(f) || /\b(nao|gi)\b/.test(f)) && !/\bkien nghi\b/.test(f);
}

/** The tasks the bot's ward answers for (its own documents; all when it has none). */
export function wardTasks(turn: Turn): PlanTask[] {
  const { kb, ward } = turn.deps;
  const own = ward ? kb.documents.filter((d) => docMatches(d, { ward })) : [];
  const files = new Set((own.length ? own : kb.documents).map((d) => d.file));
  return kb.tasks.filter((t) => files.has(t.doc));
}

export async function overdueTasksTurn(turn: Turn): Promise<void> {
  const { deps } = turn;
  const tasks = wardTasks(turn);
  const overdue = overdueTasks(tasks, await progressOf(deps.db, tasks), deps.now());
  if (overdue.length === 0) return turn.sink.send({ text: P.noneOverdue(deps.ward) });
  const shown = overdue.slice(0, 15);
  turn.state.listedTasks = shown.map((o) => o.task.id);
  return turn.sink.send({ text: P.overdueList(deps.ward, overdue.length, shown.map((o) => ({ task: o.task, progress: o.progress ? PROGRESS_LABELS[o.progress.status as keyof typeof PROGRESS_LABELS] ?? o.progress.status : null }))) });
}

/** /tiendo <số|#id> <trạng thái> [ghi chú] */
export async function progressCommand(turn: Turn, args: string[]): Promise<void> {
  const { deps, sink } = turn;
  if (!can(turn.role, "task_progress")) return sink.send({ text: P.progressNotAllowed });
  const ref = args[0] ?? "";
  const parsed = parseProgress(args.slice(1).join(" "));
  const n = Number(ref.replace(/^#/, ""));
  if (!ref || !Number.isInteger(n) || n < 1 || !parsed) return sink.send({ text: P.progressUsage });
  const id = ref.startsWith("#") ? n : turn.state.listedTasks[n - 1];
  const task = id === undefined ? undefined : deps.kb.taskById(id);
  if (!task) return sink.send({ text: P.progressUnknownTask(ref) });
  if (!canReport(turn.actor, task)) return sink.send({ text: P.progressNotYours });
  await recordProgress(deps.db, turn.actor, task, parsed.status, parsed.rest || null, deps.now());
  return sink.send({ text: P.progressSaved(task.task, PROGRESS_LABELS[parsed.status], parsed.rest || null) });
}

/** Progress labels of listed tasks, for due lists ("/viecquynay"). */
export async function progressLabels(turn: Turn, tasks: readonly PlanTask[]): Promise<Map<number, string>> {
  const map = await progressOf(turn.deps.db, tasks);
  return new Map([...map].map(([id, p]) => [id, PROGRESS_LABELS[p.status as keyof typeof PROGRESS_LABELS] ?? p.status]));
}

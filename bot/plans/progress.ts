/**
 * Progress of plan tasks (chưa bắt đầu / đang thực hiện / hoàn thành) as staff and
 * delegates report it, and which tasks are overdue: past their deadline and not done.
 * A task is keyed by its document and wording, not by its row id: re-ingesting a changed
 * document replaces Task rows, and reported progress must survive that.
 */
import { createHash } from "node:crypto";
import { isoDay, localDate } from "../../lib/time.ts";
import { foldVietnamese } from "../../rag/text/vietnamese.ts";
import { timeframeWindows } from "../../rag/tasks/timeframe.ts";
import { monthIndex } from "../../rag/tasks/types.ts";
import type { PlanTask } from "../../rag/knowledge/plan-task.ts";
import type { TaskProgressRow } from "../../store/repos/plans.ts";
import { domainError } from "../errors.ts";
import { actorKey } from "../petitions/history.ts";
import { ROLE_RANK } from "../petitions/roles.ts";
import type { Actor, DbClient } from "../petitions/types.ts";

export const PROGRESS_STATUSES = ["not_started", "in_progress", "done"] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const PROGRESS_LABELS: Readonly<Record<ProgressStatus, string>> = { not_started: "Chưa bắt đầu", in_progress: "Đang thực hiện", done: "Hoàn thành" };

/** Folded words staff type for each status ("dang lam", "xong", "chua trien khai"). */
const STATUS_WORDS: Array<[RegExp, ProgressStatus]> = [
  [/^(chua (bat dau|thuc hien|trien khai|lam)|not_started)\b/, "not_started"],
  [/^(dang (thuc hien|lam|trien khai|tien hanh)|dang|in_progress)\b/, "in_progress"],
  [/^(hoan thanh|xong|da (xong|hoan thanh|thuc hien)|done)\b/, "done"],
];

/** The status a typed phrase names and the rest of the text (the note); null when none. */
export function parseProgress(text: string): { status: ProgressStatus; rest: string } | null {
  const folded = foldVietnamese(text).trim();
  for (const [re, status] of STATUS_WORDS) {
    const m = re.exec(folded);
    if (m) return { status, rest: text.trim().slice(m[0].length).replace(/^[\s,:;.-]+/u, "") };
  }
  return null;
}

export function taskKey(task: Pick<PlanTask, "doc" | "task">): string {
  const wording = foldVietnamese(task.task).replace(/[^a-z0-9]+/g, " ").trim();
  return `${task.doc}#${createHash("sha1").update(wording).digest("hex").slice(0, 16)}`;
}

/** Bodies of the council: a delegate may report the progress of tasks they lead or take part in. */
const COUNCIL = /\b(hdnd|hoi dong nhan dan|thuong truc|dai bieu|cac ban|ban kinh te|ban van hoa|ban phap che|to dai bieu)\b/;

export function canReport(actor: Actor, task: Pick<PlanTask, "lead" | "leader" | "partners">): boolean {
  if (ROLE_RANK[actor.role] >= ROLE_RANK.staff) return true;
  if (actor.role !== "delegate") return false;
  return COUNCIL.test(foldVietnamese([task.lead, task.leader, task.partners].filter(Boolean).join(" ")));
}

export async function recordProgress(db: DbClient, actor: Actor, task: PlanTask, status: ProgressStatus, note: string | null, at: Date, asOf: Date = at): Promise<TaskProgressRow> {
  if (!canReport(actor, task)) throw domainError("FORBIDDEN", { task: task.id, role: actor.role });
  const row: TaskProgressRow = { taskKey: taskKey(task), status, note: note?.trim() || null, asOf: isoDay(asOf), actor: actorKey(actor), at };
  await db.plans.addProgress(row);
  return row;
}

/** The newest progress of each task given, by task id. */
export async function progressOf(db: DbClient, tasks: readonly PlanTask[]): Promise<Map<number, TaskProgressRow>> {
  const byKey = await db.plans.latestProgress(tasks.map(taskKey));
  const out = new Map<number, TaskProgressRow>();
  for (const t of tasks) {
    const p = byKey.get(taskKey(t));
    if (p) out.set(t.id, p);
  }
  return out;
}

export interface OverdueTask {
  task: PlanTask;
  /** The last month (index) of the window that has passed. */
  deadlineMonth: number;
  progress: TaskProgressRow | null;
}

/**
 * Tasks whose latest window ended before today (within the past `lookbackMonths`) and that
 * are not reported done since that window began (tasks that start and then continue: not
 * reported started). Recurring tasks ("Quý IV hằng năm") are judged on their most recent occurrence.
 */
export function overdueTasks(tasks: readonly PlanTask[], progress: ReadonlyMap<number, TaskProgressRow>, today: Date, lookbackMonths = 12): OverdueTask[] {
  const d = localDate(today);
  const current = monthIndex(d.year, d.month);
  const out: OverdueTask[] = [];
  for (const task of tasks) {
    const windows = timeframeWindows(task.timeframe);
    if (!windows) continue;
    const past = windows.filter((w) => w.to < current && w.to >= current - lookbackMonths);
    const last = past.at(-1);
    if (!last) continue;
    const p = progress.get(task.id) ?? null;
    const windowStart = `${Math.floor(last.from / 12)}-${String((last.from % 12) + 1).padStart(2, "0")}-01`;
    // "Thường xuyên (bắt đầu từ quý I/2026)" is due to start, then ongoing: started is on time.
    const met = p?.status === "done" || (task.timeframe.kind === "bat_dau_thuong_xuyen" && p?.status === "in_progress");
    if (p && met && p.asOf >= windowStart) continue;
    out.push({ task, deadlineMonth: last.to, progress: p });
  }
  return out.sort((a, b) => a.deadlineMonth - b.deadlineMonth || a.task.doc.localeCompare(b.task.doc) || a.task.ordinal - b.task.ordinal);
}

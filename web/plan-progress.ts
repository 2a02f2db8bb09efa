/**
 * Progress of plan tasks, as the public page and the console show it: the latest report
 * staff or delegates recorded (/tiendo in chat; bot/plans/progress.ts).
 */
import { PROGRESS_LABELS, progressOf, type ProgressStatus } from "../bot/plans/progress.ts";
import type { DbClient } from "../bot/petitions/types.ts";
import type { PlanTask } from "../rag/knowledge/plan-task.ts";
export interface PlanProgress {
  /** chua_bat_dau | dang_thuc_hien | hoan_thanh (or the label the recorder uses). */
  status: string;
  /** Vietnamese label shown as is. */
  label: string;
  note: string | null;
  at: Date | null;
}

export interface PlanProgressReader {
  /** Progress of each task id that has any; missing ids have none recorded. */
  progressOf(taskIds: number[]): Promise<Map<number, PlanProgress>>;
}

/** Reads the progress recorded for the knowledge base's tasks. */
export function storePlanProgress(db: DbClient, taskById: (id: number) => PlanTask | undefined): PlanProgressReader {
  return {
    async progressOf(taskIds) {
      const tasks = taskIds.map(taskById).filter((t): t is PlanTask => t !== undefined);
      const rows = await progressOf(db, tasks);
      const out = new Map<number, PlanProgress>();
      for (const [id, p] of rows) {
        const label = PROGRESS_LABELS[p.status as ProgressStatus] ?? p.status;
        out.set(id, { status: p.status, label: p.note ? `${label} (${p.note})` : label, note: p.note, at: p.at });
      }
      return out;
    },
  };
}

/** No progress recorded anywhere (tests of pages that do not read it). */
export const noPlanProgress: PlanProgressReader = {
  async progressOf() {
    return new Map();
  },
};

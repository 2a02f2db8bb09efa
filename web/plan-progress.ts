/**
 * Progress of plan tasks, as the public page and the console show it. The lead is adding
 * progress records (issue 11, case 11); until a reader is wired in, every task shows
 * "chưa cập nhật".
 */
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

/** No progress recorded anywhere. */
export const noPlanProgress: PlanProgressReader = {
  async progressOf() {
    return new Map();
  },
};

/** A stored task joined with its document, as the query layer uses it. */
import type { TaskInsert, TaskRow } from "../../store/repos/plans.ts";
import type { Timeframe, TimeframeKind } from "../tasks/types.ts";

export interface PlanTask extends Pick<TaskInsert, "ordinal" | "section" | "task" | "lead" | "partners" | "leader" | "output"> {
  id: number;
  doc: string;
  docTitle: string;
  ward: string;
  issuerBody: string;
  /** Raw timeframe as written. */
  when: string;
  timeframe: Timeframe;
}

export function planTaskFromRow(row: TaskRow): PlanTask {
  return {
    id: row.id,
    doc: row.document.file,
    docTitle: row.document.title,
    ward: row.document.ward,
    issuerBody: row.document.issuerBody,
    ordinal: row.ordinal,
    section: row.section,
    task: row.task,
    lead: row.lead,
    partners: row.partners,
    leader: row.leader,
    output: row.output,
    when: row.whenRaw,
    timeframe: {
      kind: row.kind as TimeframeKind,
      raw: row.whenRaw,
      year: row.year,
      quarters: row.quarters ? row.quarters.split(",").map(Number) : [],
      month: row.month,
      day: row.day,
      fromYear: row.fromYear,
      toYear: row.toYear,
    },
  };
}

/** One line describing a task with every field the document gives (used in chunks and answers). */
export function describeTask(t: PlanTask): string {
  const parts = [t.task.replace(/[.;:\s]+$/u, "")];
  if (t.lead) parts.push(`Đơn vị chủ trì/tham mưu: ${t.lead}`);
  if (t.partners) parts.push(`Phối hợp: ${t.partners}`);
  if (t.leader) parts.push(`Lãnh đạo phụ trách: ${t.leader}`);
  parts.push(`Thời gian: ${t.when}`);
  if (t.output) parts.push(`Kết quả, sản phẩm: ${t.output}`);
  return parts.join(". ") + ".";
}

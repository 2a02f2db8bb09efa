/** A stored task joined with its document, as the query layer uses it. */
import type { Timeframe, TimeframeKind } from "../tasks/types.ts";

export interface PlanTask {
  id: number;
  doc: string;
  docTitle: string;
  ward: string;
  issuerBody: string;
  ordinal: number;
  section: string;
  task: string;
  lead: string | null;
  partners: string | null;
  leader: string | null;
  output: string | null;
  /** Raw timeframe as written. */
  when: string;
  timeframe: Timeframe;
}

interface TaskRow {
  id: number;
  ordinal: number;
  section: string;
  task: string;
  lead: string | null;
  partners: string | null;
  leader: string | null;
  output: string | null;
  whenRaw: string;
  kind: string;
  year: number | null;
  quarters: string;
  month: number | null;
  day: number | null;
  fromYear: number | null;
  toYear: number | null;
  document: { file: string; title: string; ward: string; issuerBody: string };
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

/**
 * Rows a question selects by a column it names ("do Ban Kinh tế – Ngân sách tham mưu",
 * "Chủ tịch HĐND phụ trách", "làm theo kế hoạch tổ chức kỳ họp"): the list it asks for.
 */
import { foldKey } from "../knowledge/outline.ts";
import type { PlanTask } from "../knowledge/plan-task.ts";
import type { Column } from "./asks.ts";
import type { Locator } from "./locate.ts";

/**
 * Verbs that tie a named body to a column: "do X chủ trì", "X trực tiếp phụ trách". A body
 * that is the subject of an action ("Ban Kinh tế – Ngân sách giám sát những gì") leads it.
 */
const COLUMN_VERBS: Array<[Column, string]> = [
  ["leader", "phu trach|chi dao"],
  ["partners", "phoi hop"],
  ["lead", "chu tri|tham muu|chuan bi|dam nhiem|giam sat|khao sat"],
];

/** Timeframe phrases of a question and the timeframe kinds they select. */
const WHEN_KINDS: Array<[RegExp, readonly string[]]> = [
  [/ theo (ke hoach to chuc )?ky hop /, ["theo_ky_hop"]],
  [/ thuong xuyen /, ["thuong_xuyen", "bat_dau_thuong_xuyen"]],
  [/ theo tien do (cua )?(trung uong|cap tren)/, ["theo_tien_do_cap_tren"]],
  [/ hang nam | hang quy /, ["hang_nam", "quy_hang_nam"]],
];

export interface RowFilter {
  column: Column;
  value: string;
  rows: PlanTask[];
}

/**
 * Rows selected by a column the question names: "do Ban Kinh tế – Ngân sách tham mưu",
 * "Chủ tịch HĐND phụ trách", "làm theo kế hoạch tổ chức kỳ họp".
 */
export function rowsByColumn(loc: Locator): RowFilter | null {
  const q = ` ${foldKey(loc.question)} `;
  const rows = loc.kb.tasks.filter((t) => loc.scope.has(t.doc) && (loc.titled.size === 0 || loc.titled.has(t.doc)));
  let best: RowFilter | null = null;
  for (const [column, verb] of COLUMN_VERBS) {
    if (!new RegExp(` (${verb}) `).test(q)) continue;
    const values = new Set<string>();
    for (const t of rows) {
      const v = t[column as "lead" | "leader" | "partners"];
      if (v) for (const part of v.split(/,\s*/u)) values.add(part.trim());
    }
    for (const v of values) {
      const key = foldKey(v);
      // The body, then its verb within a few words: "Ban Kinh tế – Ngân sách tham mưu".
      if (key.split(" ").length < 2 || !new RegExp(` ${key} ([a-z0-9]+ ){0,6}(${verb}) `).test(q)) continue;
      // "chủ tịch hđnd" must not select "phó chủ tịch hđnd".
      const matches = rows.filter((t) => {
        const cell = t[column as "lead" | "leader" | "partners"];
        return cell !== null && cell.split(/,\s*/u).some((p) => foldKey(p) === key);
      });
      if (matches.length > 0 && (!best || key.length > foldKey(best.value).length)) best = { column, value: v, rows: matches };
    }
  }
  if (best) return best;
  for (const [re, kinds] of WHEN_KINDS) {
    if (!re.test(q)) continue;
    const matches = rows.filter((t) => kinds.includes(t.timeframe.kind));
    if (matches.length > 0) return { column: "when", value: re.source.trim(), rows: matches };
  }
  return null;
}

/** The dashboard's and the public page's figures: counts by period, ratings, overdue, per-unit performance, plan tasks. */
import { toNum, toNumOrNull, toStr, toStrOrNull, type Raw } from "../rows.ts";
import { placeholders, type Sql, type SqlValue } from "../sql/types.ts";
import { ROW_COLUMNS, ROW_FROM, webRow, type WebPetitionRow } from "./web-rows.ts";

export function webDashboardRepo(sql: Sql) {
  return {
    async countBy(column: "category" | "status" | "unitId", from: Date, to: Date): Promise<Array<{ key: string | null; count: number }>> {
      const rows = await sql.all<Raw>(`SELECT ${column} AS k, CAST(count(*) AS INTEGER) AS n FROM Petition WHERE createdAt >= ? AND createdAt < ? GROUP BY ${column}`, [from, to]);
      return rows.map((r) => ({ key: r.k == null ? null : toStr(r.k), count: toNum(r.n) }));
    },

    async countCreated(from: Date, to: Date): Promise<number> {
      return toNum((await sql.get<Raw>(`SELECT CAST(count(*) AS INTEGER) AS n FROM Petition WHERE createdAt >= ? AND createdAt < ?`, [from, to]))?.n ?? 0);
    },

    async ratingsIn(from: Date, to: Date): Promise<{ average: number | null; count: number }> {
      const r = await sql.get<Raw>(
        `SELECT CAST(avg(r.score) AS DOUBLE PRECISION) AS a, CAST(count(*) AS INTEGER) AS n FROM Rating r JOIN Petition p ON p.id = r.petitionId WHERE p.createdAt >= ? AND p.createdAt < ?`,
        [from, to],
      );
      return { average: toNumOrNull(r?.a), count: toNum(r?.n ?? 0) };
    },

    /** Open petitions past their due date, soonest due first. */
    async overdue(now: Date, openStatuses: readonly string[], limit: number): Promise<{ rows: WebPetitionRow[]; total: number }> {
      const where = `WHERE p.status IN (${placeholders(openStatuses.length)}) AND p.dueAt < ?`;
      const args = [...openStatuses, now];
      const [rows, total] = await Promise.all([
        sql.all<Raw>(`SELECT ${ROW_COLUMNS} ${ROW_FROM} ${where} ORDER BY p.dueAt, p.id LIMIT ?`, [...args, limit]),
        sql.get<Raw>(`SELECT CAST(count(*) AS INTEGER) AS n FROM Petition p ${where}`, args),
      ]);
      return { rows: rows.map(webRow), total: toNum(total?.n ?? 0) };
    },

    /**
     * Per unit: petitions, resolved ones, resolved on time (first "resolved" no later than
     * the due date) and ratings — of petitions received in [from, to), or of all.
     */
    async unitPerformance(from: Date | null, to: Date | null): Promise<Array<{ unitId: number; total: number; resolved: number; onTime: number; avgRating: number | null; ratings: number }>> {
      const range = from && to ? "AND p.createdAt >= ? AND p.createdAt < ?" : "";
      const args: SqlValue[] = from && to ? [from, to] : [];
      const [work, rated] = await Promise.all([
        sql.all<Raw>(
          `SELECT p.unitId AS unitId, CAST(count(*) AS INTEGER) AS total,
                  CAST(sum(CASE WHEN p.status IN ('resolved', 'closed') THEN 1 ELSE 0 END) AS INTEGER) AS resolved,
                  CAST(sum(CASE WHEN p.status IN ('resolved', 'closed') AND p.dueAt IS NOT NULL AND r.at <= p.dueAt THEN 1 ELSE 0 END) AS INTEGER) AS onTime
             FROM Petition p
             LEFT JOIN (SELECT petitionId, min(at) AS at FROM PetitionStatusChange WHERE toStatus = 'resolved' GROUP BY petitionId) r ON r.petitionId = p.id
            WHERE p.unitId IS NOT NULL ${range} GROUP BY p.unitId`,
          args,
        ),
        sql.all<Raw>(
          `SELECT p.unitId AS unitId, CAST(avg(r.score) AS DOUBLE PRECISION) AS a, CAST(count(*) AS INTEGER) AS n
             FROM Rating r JOIN Petition p ON p.id = r.petitionId WHERE p.unitId IS NOT NULL ${range} GROUP BY p.unitId`,
          args,
        ),
      ]);
      const ratings = new Map(rated.map((r) => [toNum(r.unitId), { a: toNumOrNull(r.a), n: toNum(r.n) }]));
      return work.map((w) => ({
        unitId: toNum(w.unitId),
        total: toNum(w.total),
        resolved: toNum(w.resolved ?? 0),
        onTime: toNum(w.onTime ?? 0),
        avgRating: ratings.get(toNum(w.unitId))?.a ?? null,
        ratings: ratings.get(toNum(w.unitId))?.n ?? 0,
      }));
    },

    async planTasks(ward: string, offset: number, limit: number): Promise<{ rows: Array<{ id: number; task: string; lead: string | null; when: string; doc: string; docTitle: string; section: string }>; total: number }> {
      const [rows, total] = await Promise.all([
        sql.all<Raw>(
          `SELECT t.id, t.task, t.lead, t.whenRaw, t.section, d.file, d.title FROM Task t JOIN Document d ON d.id = t.documentId
            WHERE d.ward = ? ORDER BY t.documentId, t.ordinal LIMIT ? OFFSET ?`,
          [ward, limit, offset],
        ),
        sql.get<Raw>(`SELECT CAST(count(*) AS INTEGER) AS n FROM Task t JOIN Document d ON d.id = t.documentId WHERE d.ward = ?`, [ward]),
      ]);
      return {
        rows: rows.map((r) => ({ id: toNum(r.id), task: toStr(r.task), lead: toStrOrNull(r.lead), when: toStr(r.whenRaw), doc: toStr(r.file), docTitle: toStr(r.title), section: toStr(r.section) })),
        total: toNum(total?.n ?? 0),
      };
    },
  };
}

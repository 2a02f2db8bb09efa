/**
 * Lists of petitions: a voter's own, the staff review queue (paged in SQL, with the true
 * total), periods for reports and exports, counts by category. Every list is bounded.
 */
import { PETITION_COLUMNS, petitionDetailRow, toNum, toStr, type PetitionDetail, type Raw } from "../rows.ts";
import { placeholders, type Sql, type SqlValue } from "../sql/types.ts";

const DETAIL_FROM = `FROM Petition p
  JOIN ChatUser v ON v.id = p.voterId
  LEFT JOIN Unit u ON u.id = p.unitId
  LEFT JOIN Petition o ON o.id = p.duplicateOfId`;
const DETAIL_COLUMNS = `${PETITION_COLUMNS}, u.code AS unitCode, u.name AS unitName, v.channel AS voterChannel, v.externalId AS voterExternalId, o.code AS duplicateOfCode`;


/** Waiting for staff: in one of the statuses, and not a classification staff already confirmed (it waits for a unit, not a review). */
const REVIEW_WHERE = (n: number) => `p.status IN (${placeholders(n)}) AND NOT (p.status = 'classified' AND p.classifierSource = 'staff')`;
export function petitionListsRepo(sql: Sql) {
  const details = async (where: string, args: readonly SqlValue[], tail: string) =>
    (await sql.all<Raw>(`SELECT ${DETAIL_COLUMNS} ${DETAIL_FROM} WHERE ${where} ${tail}`, args)).map(petitionDetailRow);

  return {
    /** A voter's petitions, newest first; `statuses` narrows to those (e.g. the open ones). */
    ofVoter(channel: string, externalId: string, opts: { limit: number; statuses?: readonly string[] }): Promise<PetitionDetail[]> {
      const byStatus = opts.statuses ? ` AND p.status IN (${placeholders(opts.statuses.length)})` : "";
      return details(`v.channel = ? AND v.externalId = ?${byStatus}`, [channel, externalId, ...(opts.statuses ?? [])], `ORDER BY p.createdAt DESC, p.id DESC LIMIT ${Math.max(1, Math.floor(opts.limit))}`);
    },

    /** Code and status of the voter's newest petition (the cheap check before a full lookup). */
    async latestOfVoter(channel: string, externalId: string): Promise<{ code: string; status: string } | null> {
      const r = await sql.get<Raw>(
        `SELECT p.code, p.status FROM Petition p JOIN ChatUser v ON v.id = p.voterId WHERE v.channel = ? AND v.externalId = ? ORDER BY p.createdAt DESC, p.id DESC LIMIT 1`,
        [channel, externalId],
      );
      return r ? { code: toStr(r.code), status: toStr(r.status) } : null;
    },

    /**
     * A page of petitions in `statuses` waiting for staff: urgent first, then oldest. The
     * order is the index's (status, urgent, createdAt), so a page costs the same however
     * long the queue is.
     */
    reviewPage(statuses: readonly string[], offset: number, limit: number): Promise<PetitionDetail[]> {
      return details(REVIEW_WHERE(statuses.length), statuses, `ORDER BY p.urgent DESC, p.createdAt, p.id LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`);
    },

    /** How many petitions reviewPage pages through. */
    async reviewCount(statuses: readonly string[]): Promise<number> {
      const r = await sql.get<Raw>(`SELECT CAST(count(*) AS INTEGER) AS n FROM Petition p WHERE ${REVIEW_WHERE(statuses.length)}`, statuses);
      return r ? toNum(r.n) : 0;
    },

    async countByStatus(statuses?: readonly string[]): Promise<Map<string, number>> {
      const where = statuses ? `WHERE status IN (${placeholders(statuses.length)})` : "";
      const rows = await sql.all<Raw>(`SELECT status, CAST(count(*) AS INTEGER) AS n FROM Petition ${where} GROUP BY status`, statuses ?? []);
      return new Map(rows.map((r) => [toStr(r.status), toNum(r.n)]));
    },

    /** Petitions received in [from, to), oldest first (reports, exports). */
    inPeriod(from: Date, to: Date): Promise<PetitionDetail[]> {
      return details(`p.createdAt >= ? AND p.createdAt < ?`, [from, to], `ORDER BY p.createdAt, p.id`);
    },

    /** Petitions in `statuses` (e.g. every open one, for the overdue list). */
    withStatuses(statuses: readonly string[]): Promise<PetitionDetail[]> {
      return details(`p.status IN (${placeholders(statuses.length)})`, statuses, `ORDER BY p.createdAt, p.id`);
    },

    /** Every petition in id order, a page at a time (exports of the whole store). */
    page(afterId: number, limit: number): Promise<PetitionDetail[]> {
      return details(`p.id > ?`, [afterId], `ORDER BY p.id LIMIT ${Math.floor(limit)}`);
    },

    async countByCategorySince(since: Date): Promise<Map<string, number>> {
      const rows = await sql.all<Raw>(`SELECT category, CAST(count(*) AS INTEGER) AS n FROM Petition WHERE createdAt >= ? GROUP BY category`, [since]);
      return new Map(rows.map((r) => [toStr(r.category), toNum(r.n)]));
    },
  };
}

export type PetitionListsRepo = ReturnType<typeof petitionListsRepo>;

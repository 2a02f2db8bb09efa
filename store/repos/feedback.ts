/** Voters' ratings of resolved petitions and staff corrections of the classifier (training data). */
import { toDate, toNum, toStr, type Raw } from "../rows.ts";
import type { Sql } from "../sql/types.ts";

export interface LabelCorrectionRow {
  id: number;
  petitionId: number;
  text: string;
  oldCategory: string;
  newCategory: string;
  actor: string;
  createdAt: Date;
}

export function feedbackRepo(sql: Sql) {
  return {
    /** When the petition last became resolved (not counting resolved → resolved), or null. */
    async lastResolvedAt(petitionId: number): Promise<Date | null> {
      const r = await sql.get<Raw>(
        `SELECT at FROM PetitionStatusChange WHERE petitionId = ? AND toStatus = 'resolved' AND (fromStatus IS NULL OR fromStatus <> 'resolved') ORDER BY id DESC LIMIT 1`,
        [petitionId],
      );
      return r ? toDate(r.at) : null;
    },

    async ratedSince(petitionId: number, since: Date): Promise<boolean> {
      return Boolean(await sql.get<Raw>(`SELECT 1 AS x FROM Rating WHERE petitionId = ? AND createdAt >= ? LIMIT 1`, [petitionId, since]));
    },

    async addRating(r: { petitionId: number; voterId: number; score: number; comment: string | null; at: Date }): Promise<void> {
      await sql.run(`INSERT INTO Rating (petitionId, voterId, score, comment, createdAt) VALUES (?, ?, ?, ?, ?)`, [r.petitionId, r.voterId, r.score, r.comment, r.at]);
    },

    /** The newest rating of each petition given. */
    async latestRatings(petitionIds: readonly number[]): Promise<Map<number, number>> {
      const out = new Map<number, number>();
      for (let i = 0; i < petitionIds.length; i += 500) {
        const ids = petitionIds.slice(i, i + 500);
        const rows = await sql.all<Raw>(
          `SELECT petitionId, score FROM Rating WHERE id IN (SELECT max(id) FROM Rating WHERE petitionId IN (${ids.map(() => "?").join(", ")}) GROUP BY petitionId)`,
          ids,
        );
        for (const r of rows) out.set(toNum(r.petitionId), toNum(r.score));
      }
      return out;
    },

    async addCorrection(c: Omit<LabelCorrectionRow, "id">): Promise<void> {
      await sql.run(`INSERT INTO LabelCorrection (petitionId, text, oldCategory, newCategory, actor, createdAt) VALUES (?, ?, ?, ?, ?, ?)`, [
        c.petitionId,
        c.text,
        c.oldCategory,
        c.newCategory,
        c.actor,
        c.createdAt,
      ]);
    },

    async corrections(): Promise<LabelCorrectionRow[]> {
      const rows = await sql.all<Raw>(`SELECT id, petitionId, text, oldCategory, newCategory, actor, createdAt FROM LabelCorrection ORDER BY id`);
      return rows.map((r) => ({
        id: toNum(r.id),
        petitionId: toNum(r.petitionId),
        text: toStr(r.text),
        oldCategory: toStr(r.oldCategory),
        newCategory: toStr(r.newCategory),
        actor: toStr(r.actor),
        createdAt: toDate(r.createdAt),
      }));
    },
  };
}

export type FeedbackRepo = ReturnType<typeof feedbackRepo>;

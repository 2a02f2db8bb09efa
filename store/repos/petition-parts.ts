/**
 * What hangs off a petition, beside its row and history: attachments, supplements, place
 * numbers (the duplicate index) with the duplicate candidates they select, and plan-task
 * links. Part of the petitions repo (store/repos/petitions.ts spreads it in).
 */
import { attachmentRow, toDate, toNum, toStr, toStrOrNull, type Attachment, type Raw } from "../rows.ts";
import { placeholders, type Sql, type SqlValue } from "../sql/types.ts";

export interface Supplement {
  id: number;
  petitionId: number;
  inboundId: number | null;
  kind: string;
  text: string;
  at: Date;
}

export interface DuplicateCandidate {
  id: number;
  code: string;
  status: string;
  normalizedText: string;
  summary: string | null;
  location: string | null;
}

export function petitionPartsRepo(sql: Sql) {
  return {
    async addAttachments(petitionId: number, items: readonly { kind: string; ref: string; mime?: string | null; size?: number | null; localPath?: string | null }[], at: Date): Promise<void> {
      if (items.length === 0) return;
      await sql.run(
        `INSERT INTO Attachment (petitionId, kind, ref, mime, size, localPath, createdAt) VALUES ${items.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
        items.flatMap((a) => [petitionId, a.kind, a.ref, a.mime ?? null, a.size ?? null, a.localPath ?? null, at]),
      );
    },

    async attachments(petitionId: number): Promise<Attachment[]> {
      const rows = await sql.all<Raw>(`SELECT id, petitionId, kind, ref, mime, size, localPath, createdAt FROM Attachment WHERE petitionId = ? ORDER BY id`, [petitionId]);
      return rows.map(attachmentRow);
    },

    /** A supplement; false when this chat message was already added (redelivery). */
    async addSupplement(s: { petitionId: number; inboundId: number | null; kind: string; text: string; at: Date }): Promise<boolean> {
      const n = await sql.run(`INSERT INTO PetitionSupplement (petitionId, inboundId, kind, text, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (inboundId) DO NOTHING`, [
        s.petitionId,
        s.inboundId,
        s.kind,
        s.text,
        s.at,
      ]);
      return n === 1;
    },

    async supplements(petitionIds: readonly number[]): Promise<Map<number, Supplement[]>> {
      const out = new Map<number, Supplement[]>();
      for (let i = 0; i < petitionIds.length; i += 500) {
        const ids = petitionIds.slice(i, i + 500);
        const rows = await sql.all<Raw>(`SELECT id, petitionId, inboundId, kind, text, at FROM PetitionSupplement WHERE petitionId IN (${placeholders(ids.length)}) ORDER BY id`, ids);
        for (const r of rows) {
          const s: Supplement = { id: toNum(r.id), petitionId: toNum(r.petitionId), inboundId: r.inboundId == null ? null : toNum(r.inboundId), kind: toStr(r.kind), text: toStr(r.text), at: toDate(r.at) };
          const list = out.get(s.petitionId);
          if (list) list.push(s);
          else out.set(s.petitionId, [s]);
        }
      }
      return out;
    },

    /** Adds place numbers (the duplicate index); existing ones are kept. */
    async addPlaceNumbers(petitionId: number, numbers: readonly string[]): Promise<void> {
      if (numbers.length === 0) return;
      await sql.run(
        `INSERT INTO PetitionPlaceNumber (petitionId, number) VALUES ${numbers.map(() => "(?, ?)").join(", ")} ON CONFLICT (petitionId, number) DO NOTHING`,
        numbers.flatMap((n) => [petitionId, n]),
      );
    },

    async replacePlaceNumbers(petitionId: number, numbers: readonly string[]): Promise<void> {
      await sql.run(`DELETE FROM PetitionPlaceNumber WHERE petitionId = ?`, [petitionId]);
      await this.addPlaceNumbers(petitionId, numbers);
    },

    /** Classified petitions without place numbers (rows written before the index existed). */
    async withoutPlaceNumbers(): Promise<{ id: number; location: string | null }[]> {
      const rows = await sql.all<Raw>(
        `SELECT p.id, p.location FROM Petition p WHERE p.status <> 'received' AND NOT EXISTS (SELECT 1 FROM PetitionPlaceNumber n WHERE n.petitionId = p.id)`,
      );
      return rows.map((r) => ({ id: toNum(r.id), location: toStrOrNull(r.location) }));
    },

    /**
     * Open originals of a category received since `since` that share a place number with the
     * probe (or name none: "*"); every open original of the category when `numbers` is null.
     */
    async duplicateCandidates(probe: { id: number; category: string; numbers: readonly string[] | null }, openStatuses: readonly string[], since: Date): Promise<DuplicateCandidate[]> {
      const filter = `p.category = ? AND p.status IN (${placeholders(openStatuses.length)}) AND p.duplicateOfId IS NULL AND p.createdAt >= ? AND p.id <> ?`;
      const args: SqlValue[] = [probe.category, ...openStatuses, since, probe.id];
      const cols = "p.id, p.code, p.status, p.normalizedText, p.summary, p.location";
      const rows = probe.numbers
        ? await sql.all<Raw>(
            `SELECT DISTINCT ${cols} FROM PetitionPlaceNumber n JOIN Petition p ON p.id = n.petitionId
              WHERE n.number IN (${placeholders(probe.numbers.length)}) AND ${filter} ORDER BY p.id`,
            [...probe.numbers, ...args],
          )
        : await sql.all<Raw>(`SELECT ${cols} FROM Petition p WHERE ${filter} ORDER BY p.id LIMIT 500`, args);
      return rows.map((r) => ({ id: toNum(r.id), code: toStr(r.code), status: toStr(r.status), normalizedText: toStr(r.normalizedText), summary: toStrOrNull(r.summary), location: toStrOrNull(r.location) }));
    },

    /**
     * Links to plan tasks, written once at classification: tasks removed by a re-ingestion
     * since the search are skipped by the join. Resolves with the links stored.
     */
    async addTaskLinks(petitionId: number, links: readonly { taskId: number; score: number }[]): Promise<number> {
      if (links.length === 0) return 0;
      return sql.run(
        `INSERT INTO PetitionTaskLink (petitionId, taskId, score)
         SELECT ?, t.id, CASE t.id ${links.map(() => "WHEN ? THEN CAST(? AS DOUBLE PRECISION)").join(" ")} END FROM Task t WHERE t.id IN (${placeholders(links.length)})
         ON CONFLICT (petitionId, taskId) DO NOTHING`,
        [petitionId, ...links.flatMap((l) => [l.taskId, l.score]), ...links.map((l) => l.taskId)],
      );
    },

    async taskLinks(petitionId: number): Promise<{ taskId: number; score: number; task: string; lead: string | null; whenRaw: string; documentFile: string }[]> {
      const rows = await sql.all<Raw>(
        `SELECT l.taskId, l.score, t.task, t.lead, t.whenRaw, d.file AS documentFile
           FROM PetitionTaskLink l JOIN Task t ON t.id = l.taskId JOIN Document d ON d.id = t.documentId
          WHERE l.petitionId = ? ORDER BY l.score DESC, l.taskId`,
        [petitionId],
      );
      return rows.map((r) => ({ taskId: toNum(r.taskId), score: toNum(r.score), task: toStr(r.task), lead: toStrOrNull(r.lead), whenRaw: toStr(r.whenRaw), documentFile: toStr(r.documentFile) }));
    },
  };
}

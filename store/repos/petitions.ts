/**
 * Petitions and what hangs off them: the voter (ChatUser), tracking-code counter, status
 * history, attachments, supplements, place numbers (duplicate index) and plan-task links.
 * The workflow rules (which transition, which notice) live in bot/petitions; this module
 * only reads and writes rows.
 */
import {
  attachmentRow,
  PETITION_COLUMNS,
  petitionDetailRow,
  petitionRow,
  statusChangeRow,
  toDate,
  toNum,
  toStr,
  toStrOrNull,
  type Attachment,
  type Petition,
  type PetitionDetail,
  type Raw,
  type StatusChange,
} from "../rows.ts";
import { placeholders, type Sql, type SqlValue } from "../sql/types.ts";

export interface PetitionInsert {
  code: string;
  voterId: number;
  inboundId: number | null;
  channel: string;
  chatId: string;
  originalText: string;
  normalizedText: string;
  category: string;
  ward: string | null;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  urgent: boolean;
  collectedBy: string | null;
  at: Date;
}

/** Columns a service may change (the SET list is built from these names only). */
export interface PetitionChanges {
  intent?: string;
  category?: string;
  confidence?: number;
  classifierSource?: string;
  summary?: string | null;
  location?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  urgent?: boolean;
  status?: string;
  statusReason?: string | null;
  unitId?: number | null;
  dueAt?: Date | null;
  duplicateOfId?: number | null;
  originalText?: string;
  normalizedText?: string;
  area?: string | null;
  isPublic?: boolean;
  updatedAt?: Date;
}

const CHANGEABLE = new Set<keyof PetitionChanges>([
  "intent",
  "category",
  "confidence",
  "classifierSource",
  "summary",
  "location",
  "latitude",
  "longitude",
  "urgent",
  "status",
  "statusReason",
  "unitId",
  "dueAt",
  "duplicateOfId",
  "originalText",
  "normalizedText",
  "area",
  "isPublic",
  "updatedAt",
]);

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

const DETAIL_FROM = `FROM Petition p
  JOIN ChatUser v ON v.id = p.voterId
  LEFT JOIN Unit u ON u.id = p.unitId
  LEFT JOIN Petition o ON o.id = p.duplicateOfId`;
const DETAIL_COLUMNS = `${PETITION_COLUMNS}, u.code AS unitCode, u.name AS unitName, v.channel AS voterChannel, v.externalId AS voterExternalId, o.code AS duplicateOfCode`;

export function petitionsRepo(sql: Sql) {
  // The petition row only: the joined unit, voter and original are not locked.
  const lockClause = (lock: boolean) => (lock && sql.dialect.forUpdate ? ` ${sql.dialect.forUpdate} OF p` : "");
  return {
    /** The voter's ChatUser id (created on first petition; a new display name is kept). */
    async voterId(channel: string, externalId: string, displayName: string | null, at: Date): Promise<number> {
      const r = await sql.get<Raw>(
        `INSERT INTO ChatUser (channel, externalId, displayName, createdAt) VALUES (?, ?, ?, ?)
         ON CONFLICT (channel, externalId) DO UPDATE SET displayName = COALESCE(excluded.displayName, ChatUser.displayName)
         RETURNING id`,
        [channel, externalId, displayName, at],
      );
      return toNum(r!.id);
    },

    /** Next number of the year's tracking codes: one statement, so concurrent callers serialise on the row. */
    async nextCodeNumber(year: number): Promise<number> {
      const r = await sql.get<Raw>(
        `INSERT INTO CodeCounter (year, value) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET value = CodeCounter.value + 1 RETURNING value`,
        [year],
      );
      return toNum(r!.value);
    },

    async insert(p: PetitionInsert): Promise<number> {
      const r = await sql.get<Raw>(
        `INSERT INTO Petition (code, voterId, inboundId, channel, chatId, originalText, normalizedText, intent, category, confidence,
                               classifierSource, ward, location, latitude, longitude, urgent, status, collectedBy, createdAt, updatedAt)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'petition', ?, 0, 'pending', ?, ?, ?, ?, ?, 'received', ?, ?, ?) RETURNING id`,
        [p.code, p.voterId, p.inboundId, p.channel, p.chatId, p.originalText, p.normalizedText, p.category, p.ward, p.location, p.latitude, p.longitude, p.urgent, p.collectedBy, p.at, p.at],
      );
      return toNum(r!.id);
    },

    async byInboundId(inboundId: number): Promise<{ id: number; code: string } | null> {
      const r = await sql.get<Raw>(`SELECT id, code FROM Petition WHERE inboundId = ?`, [inboundId]);
      return r ? { id: toNum(r.id), code: toStr(r.code) } : null;
    },

    /** The petition with its unit, voter and original's code; `lock` takes the row lock (PostgreSQL) for a read-then-update. */
    async byId(id: number, lock = false): Promise<PetitionDetail | null> {
      const r = await sql.get<Raw>(`SELECT ${DETAIL_COLUMNS} ${DETAIL_FROM} WHERE p.id = ?${lockClause(lock)}`, [id]);
      return r ? petitionDetailRow(r) : null;
    },

    async byCode(code: string, lock = false): Promise<PetitionDetail | null> {
      const r = await sql.get<Raw>(`SELECT ${DETAIL_COLUMNS} ${DETAIL_FROM} WHERE p.code = ?${lockClause(lock)}`, [code]);
      return r ? petitionDetailRow(r) : null;
    },

    /** Plain rows by id (no joins), in id order. */
    async rowsByIds(ids: readonly number[]): Promise<Petition[]> {
      if (ids.length === 0) return [];
      const rows = await sql.all<Raw>(`SELECT ${PETITION_COLUMNS} FROM Petition p WHERE p.id IN (${placeholders(ids.length)}) ORDER BY p.id`, ids);
      return rows.map(petitionRow);
    },

    /**
     * Changes columns; with `expectStatus` only while the petition still has that status
     * (a concurrent change makes it fail cleanly). Resolves with the rows changed (0 or 1).
     */
    async update(id: number, changes: PetitionChanges, expectStatus?: string): Promise<number> {
      const keys = (Object.keys(changes) as (keyof PetitionChanges)[]).filter((k) => changes[k] !== undefined);
      for (const k of keys) if (!CHANGEABLE.has(k)) throw new Error(`petitions.update: ${k} cannot be changed`);
      if (keys.length === 0) return 0;
      const args: SqlValue[] = keys.map((k) => changes[k] as SqlValue);
      args.push(id);
      if (expectStatus !== undefined) args.push(expectStatus);
      return sql.run(`UPDATE Petition SET ${keys.map((k) => `${k} = ?`).join(", ")} WHERE id = ?${expectStatus !== undefined ? " AND status = ?" : ""}`, args);
    },

    async addHistory(h: { petitionId: number; actor: string; fromStatus: string | null; toStatus: string; note: string | null; at: Date }): Promise<number> {
      const r = await sql.get<Raw>(`INSERT INTO PetitionStatusChange (petitionId, actor, fromStatus, toStatus, note, at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, [
        h.petitionId,
        h.actor,
        h.fromStatus,
        h.toStatus,
        h.note,
        h.at,
      ]);
      return toNum(r!.id);
    },

    async history(petitionId: number): Promise<StatusChange[]> {
      const rows = await sql.all<Raw>(`SELECT id, petitionId, actor, fromStatus, toStatus, note, at FROM PetitionStatusChange WHERE petitionId = ? ORDER BY id`, [petitionId]);
      return rows.map(statusChangeRow);
    },

    /** Histories of many petitions, by petition id (reports, exports). */
    async histories(petitionIds: readonly number[]): Promise<Map<number, StatusChange[]>> {
      const out = new Map<number, StatusChange[]>();
      for (let i = 0; i < petitionIds.length; i += 500) {
        const ids = petitionIds.slice(i, i + 500);
        const rows = await sql.all<Raw>(
          `SELECT id, petitionId, actor, fromStatus, toStatus, note, at FROM PetitionStatusChange WHERE petitionId IN (${placeholders(ids.length)}) ORDER BY id`,
          ids,
        );
        for (const r of rows.map(statusChangeRow)) {
          const list = out.get(r.petitionId);
          if (list) list.push(r);
          else out.set(r.petitionId, [r]);
        }
      }
      return out;
    },

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

    /** Petitions linked to `originalId` as duplicates and still closed as such. */
    async followers(originalId: number): Promise<PetitionDetail[]> {
      const rows = await sql.all<Raw>(`SELECT ${DETAIL_COLUMNS} ${DETAIL_FROM} WHERE p.duplicateOfId = ? AND p.status = 'duplicate' ORDER BY p.id`, [originalId]);
      return rows.map(petitionDetailRow);
    },

    /** Moves petitions linked to `fromId` over to `toId` (a merge). */
    async relinkDuplicates(fromId: number, toId: number): Promise<number> {
      return sql.run(`UPDATE Petition SET duplicateOfId = ? WHERE duplicateOfId = ?`, [toId, fromId]);
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

    /** Ids of petitions in a status, oldest first (start-up recovery of "received"). */
    async idsWithStatus(status: string): Promise<number[]> {
      return (await sql.all<Raw>(`SELECT id FROM Petition WHERE status = ? ORDER BY id`, [status])).map((r) => toNum(r.id));
    },
  };
}

export type PetitionsRepo = ReturnType<typeof petitionsRepo>;

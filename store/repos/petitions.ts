/**
 * Petitions: the voter (ChatUser), tracking-code counter, the petition row and its status
 * history, duplicate links; attachments, supplements, place numbers and plan-task links come
 * from petition-parts.ts. The workflow rules (which transition, which notice) live in
 * bot/petitions; this module only reads and writes rows.
 */
import {
  PETITION_COLUMNS,
  petitionDetailRow,
  petitionRow,
  statusChangeRow,
  toNum,
  toStr,
  type Petition,
  type PetitionDetail,
  type Raw,
  type StatusChange,
} from "../rows.ts";
import { placeholders, type Sql, type SqlValue } from "../sql/types.ts";
import { petitionPartsRepo } from "./petition-parts.ts";

export type { DuplicateCandidate, Supplement } from "./petition-parts.ts";

/** A new petition's row: the fields of Petition known at filing, and its time. */
export type PetitionInsert = Pick<
  Petition,
  "code" | "voterId" | "inboundId" | "channel" | "chatId" | "originalText" | "normalizedText" | "category" | "ward" | "location" | "latitude" | "longitude" | "urgent" | "collectedBy"
> & { at: Date };

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

const DETAIL_FROM = `FROM Petition p
  JOIN ChatUser v ON v.id = p.voterId
  LEFT JOIN Unit u ON u.id = p.unitId
  LEFT JOIN Petition o ON o.id = p.duplicateOfId`;
const DETAIL_COLUMNS = `${PETITION_COLUMNS}, u.code AS unitCode, u.name AS unitName, v.channel AS voterChannel, v.externalId AS voterExternalId, o.code AS duplicateOfCode`;

export function petitionsRepo(sql: Sql) {
  // The petition row only: the joined unit, voter and original are not locked.
  const lockClause = (lock: boolean) => (lock && sql.dialect.forUpdate ? ` ${sql.dialect.forUpdate} OF p` : "");
  return {
    ...petitionPartsRepo(sql),
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

    /** Petitions linked to `originalId` as duplicates and still closed as such. */
    async followers(originalId: number): Promise<PetitionDetail[]> {
      const rows = await sql.all<Raw>(`SELECT ${DETAIL_COLUMNS} ${DETAIL_FROM} WHERE p.duplicateOfId = ? AND p.status = 'duplicate' ORDER BY p.id`, [originalId]);
      return rows.map(petitionDetailRow);
    },

    /** Moves petitions linked to `fromId` over to `toId` (a merge). */
    async relinkDuplicates(fromId: number, toId: number): Promise<number> {
      return sql.run(`UPDATE Petition SET duplicateOfId = ? WHERE duplicateOfId = ?`, [toId, fromId]);
    },

    /** Ids of petitions in a status, oldest first (start-up recovery of "received"). */
    async idsWithStatus(status: string): Promise<number[]> {
      return (await sql.all<Raw>(`SELECT id FROM Petition WHERE status = ? ORDER BY id`, [status])).map((r) => toNum(r.id));
    },
  };
}

export type PetitionsRepo = ReturnType<typeof petitionsRepo>;

/**
 * Chains: several writes that always go together, sent as one statement on PostgreSQL
 * (data-modifying CTEs, atomic on their own, no BEGIN/COMMIT round trips) and run in one
 * transaction on SQLite (in-process, where a statement costs microseconds). Callers see one
 * method either way; inside an open transaction both simply join it.
 */
import { toNum, toStr, type Raw } from "../rows.ts";
import type { Sql } from "../sql/types.ts";
import type { PetitionInsert } from "./petitions.ts";

export interface FileChain extends Omit<PetitionInsert, "code"> {
  /** Tracking code: `prefix` + the year's counter, zero-padded to `digits` (never cut). */
  codeYear: number;
  codePrefix: string;
  codeDigits: number;
  /** The "received" history row. */
  historyActor: string;
  historyNote: string;
  /** The inbound message marked processed with the filing (null: none, e.g. a second petition of a message). */
  markInboundId: number | null;
}

/** `n` zero-padded to `digits`, longer numbers kept whole (as String.padStart). */
export function padCode(prefix: string, n: number, digits: number): string {
  return `${prefix}${String(n).padStart(digits, "0")}`;
}

export function filingRepo(sql: Sql) {
  const pg = sql.dialect.engine === "postgresql";
  return {
    /**
     * Files a petition: the year's next code number, the petition (status received), its
     * history row and its inbound message marked processed. A unique-key conflict (the
     * message filed already) undoes all of it.
     */
    async file(f: FileChain): Promise<{ id: number; code: string }> {
      if (pg) {
        // Parameters outside VALUES get explicit types: PostgreSQL would read them as text.
        const r = await sql.get<Raw>(
          `WITH c AS (INSERT INTO CodeCounter (year, value) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET value = CodeCounter.value + 1 RETURNING value),
           p AS (INSERT INTO Petition (code, voterId, inboundId, channel, chatId, originalText, normalizedText, intent, category, confidence,
                                       classifierSource, ward, location, latitude, longitude, urgent, status, collectedBy, createdAt, updatedAt)
                 VALUES ((SELECT CAST(? AS TEXT) || CASE WHEN length(CAST(value AS TEXT)) >= ? THEN CAST(value AS TEXT) ELSE lpad(CAST(value AS TEXT), ?, '0') END FROM c),
                         ?, ?, ?, ?, ?, ?, 'petition', ?, 0, 'pending', ?, ?, ?, ?, ?, 'received', ?, ?, ?) RETURNING id, code),
           h AS (INSERT INTO PetitionStatusChange (petitionId, actor, fromStatus, toStatus, note, at)
                 SELECT id, CAST(? AS TEXT), NULL, 'received', CAST(? AS TEXT), CAST(? AS TIMESTAMP(3)) FROM p),
           m AS (UPDATE InboundMessage SET status = 'processed', processedAt = ?, error = NULL, leaseUntil = NULL WHERE id = ? AND status <> 'processed')
           SELECT id, code FROM p`,
          [
            f.codeYear,
            f.codePrefix,
            f.codeDigits,
            f.codeDigits,
            f.voterId,
            f.inboundId,
            f.channel,
            f.chatId,
            f.originalText,
            f.normalizedText,
            f.category,
            f.ward,
            f.location,
            f.latitude,
            f.longitude,
            f.urgent,
            f.collectedBy,
            f.at,
            f.at,
            f.historyActor,
            f.historyNote,
            f.at,
            f.at,
            f.markInboundId ?? 0,
          ],
        );
        return { id: toNum(r!.id), code: toStr(r!.code) };
      }
      return sql.transaction(async (tx) => {
        const n = await tx.get<Raw>(`INSERT INTO CodeCounter (year, value) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET value = CodeCounter.value + 1 RETURNING value`, [f.codeYear]);
        const code = padCode(f.codePrefix, toNum(n!.value), f.codeDigits);
        const r = await tx.get<Raw>(
          `INSERT INTO Petition (code, voterId, inboundId, channel, chatId, originalText, normalizedText, intent, category, confidence,
                                 classifierSource, ward, location, latitude, longitude, urgent, status, collectedBy, createdAt, updatedAt)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'petition', ?, 0, 'pending', ?, ?, ?, ?, ?, 'received', ?, ?, ?) RETURNING id`,
          [code, f.voterId, f.inboundId, f.channel, f.chatId, f.originalText, f.normalizedText, f.category, f.ward, f.location, f.latitude, f.longitude, f.urgent, f.collectedBy, f.at, f.at],
        );
        const id = toNum(r!.id);
        await tx.run(`INSERT INTO PetitionStatusChange (petitionId, actor, fromStatus, toStatus, note, at) VALUES (?, ?, NULL, 'received', ?, ?)`, [id, f.historyActor, f.historyNote, f.at]);
        if (f.markInboundId !== null) {
          await tx.run(`UPDATE InboundMessage SET status = 'processed', processedAt = ?, error = NULL, leaseUntil = NULL WHERE id = ? AND status <> 'processed'`, [f.at, f.markInboundId]);
        }
        return { id, code };
      });
    },
  };
}

export type FilingRepo = ReturnType<typeof filingRepo>;

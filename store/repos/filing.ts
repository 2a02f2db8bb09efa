/**
 * Chains: several writes that always go together, sent as one statement on PostgreSQL
 * (data-modifying CTEs, atomic on their own, no BEGIN/COMMIT round trips) and run in one
 * transaction on SQLite (in-process, where a statement costs microseconds). Callers see one
 * method either way; inside an open transaction both simply join it.
 */
import { toNum, toStr, type Raw } from "../rows.ts";
import { placeholders, type Sql, type SqlValue } from "../sql/types.ts";
import type { OutboxInsert } from "./outbox.ts";
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

/** A classification applied to a received petition: its status change and everything written with it. */
export interface ClassifyChain {
  petitionId: number;
  /** The change happens only while the petition is still in this status. */
  fromStatus: string;
  toStatus: string;
  /** Classification columns written with the status. */
  fields: { intent: string; category: string; confidence: number; classifierSource: string; summary: string | null; location: string | null; urgent: boolean; dueAt: Date | null; duplicateOfId: number | null };
  note: string | null;
  actor: string;
  at: Date;
  /** The voter's notice; its dedupe key is `dedupePrefix` + the history row's id. */
  notice: { channel: string; chatId: string; text: string; payload: string; dedupePrefix: string } | null;
  placeNumbers: readonly string[];
  taskLinks: readonly { taskId: number; score: number }[];
  /** Another outbox row (the staff review card). */
  extra: OutboxInsert | null;
}

const CLASSIFY_SET = "intent = ?, category = ?, confidence = ?, classifierSource = ?, summary = ?, location = ?, urgent = ?, dueAt = ?, duplicateOfId = ?, status = ?, statusReason = ?, updatedAt = ?";

function classifySetArgs(c: ClassifyChain): SqlValue[] {
  const f = c.fields;
  return [f.intent, f.category, f.confidence, f.classifierSource, f.summary, f.location, f.urgent, f.dueAt, f.duplicateOfId, c.toStatus, c.note, c.at];
}

const OUTBOX_INSERT = "INSERT INTO Outbox (channel, chatId, text, payload, status, attempts, dedupeKey, availableAt, createdAt)";

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

    /**
     * Applies a classification: the petition's fields and status (only while it is still in
     * `fromStatus`), its history row, the voter's notice, place numbers, plan-task links and
     * the extra outbox row. Null when the petition had left `fromStatus` (nothing written).
     */
    async classify(c: ClassifyChain): Promise<{ changeId: number; taskLinks: number } | null> {
      const links = c.taskLinks;
      const linkCase = `CASE t.id ${links.map(() => "WHEN ? THEN CAST(? AS DOUBLE PRECISION)").join(" ")} END`;
      const linkArgs: SqlValue[] = [...links.flatMap((l) => [l.taskId, l.score]), ...links.map((l) => l.taskId)];
      if (pg) {
        const args: SqlValue[] = [...classifySetArgs(c), c.petitionId, c.fromStatus, c.actor, c.fromStatus, c.toStatus, c.note, c.at];
        let text = `WITH u AS (UPDATE Petition SET ${CLASSIFY_SET} WHERE id = ? AND status = ? RETURNING id),
          h AS (INSERT INTO PetitionStatusChange (petitionId, actor, fromStatus, toStatus, note, at)
                SELECT id, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TIMESTAMP(3)) FROM u RETURNING id)`;
        // Values outside VALUES lists get explicit types: PostgreSQL would read them as text.
        const outboxSelect = `SELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), 'pending', 0`;
        if (c.notice) {
          text += `, o AS (${OUTBOX_INSERT} ${outboxSelect}, CAST(? AS TEXT) || CAST(h.id AS TEXT), CAST(? AS TIMESTAMP(3)), CAST(? AS TIMESTAMP(3)) FROM h ON CONFLICT (dedupeKey) DO NOTHING)`;
          args.push(c.notice.channel, c.notice.chatId, c.notice.text, c.notice.payload, c.notice.dedupePrefix, c.at, c.at);
        }
        if (c.placeNumbers.length) {
          text += `, n AS (INSERT INTO PetitionPlaceNumber (petitionId, number) SELECT u.id, v.n FROM u, (VALUES ${c.placeNumbers.map(() => "(CAST(? AS TEXT))").join(", ")}) v(n) ON CONFLICT (petitionId, number) DO NOTHING)`;
          args.push(...c.placeNumbers);
        }
        if (links.length) {
          text += `, l AS (INSERT INTO PetitionTaskLink (petitionId, taskId, score) SELECT u.id, t.id, ${linkCase} FROM u, Task t WHERE t.id IN (${placeholders(links.length)}) ON CONFLICT (petitionId, taskId) DO NOTHING RETURNING 1)`;
          args.push(...linkArgs);
        }
        if (c.extra) {
          const e = c.extra;
          text += `, x AS (${OUTBOX_INSERT} ${outboxSelect}, CAST(? AS TEXT), CAST(? AS TIMESTAMP(3)), CAST(? AS TIMESTAMP(3)) FROM u ON CONFLICT (dedupeKey) DO NOTHING)`;
          args.push(e.channel, e.chatId, e.text, e.payload, e.dedupeKey, e.availableAt, c.at);
        }
        const linked = links.length ? "CAST((SELECT count(*) FROM l) AS INTEGER)" : "0";
        const r = await sql.get<Raw>(`${text} SELECT id, ${linked} AS links FROM h`, args);
        return r ? { changeId: toNum(r.id), taskLinks: toNum(r.links) } : null;
      }
      return sql.transaction(async (tx) => {
        const n = await tx.run(`UPDATE Petition SET ${CLASSIFY_SET} WHERE id = ? AND status = ?`, [...classifySetArgs(c), c.petitionId, c.fromStatus]);
        if (n !== 1) return null;
        const h = await tx.get<Raw>(`INSERT INTO PetitionStatusChange (petitionId, actor, fromStatus, toStatus, note, at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, [
          c.petitionId,
          c.actor,
          c.fromStatus,
          c.toStatus,
          c.note,
          c.at,
        ]);
        const changeId = toNum(h!.id);
        const rows = [
          ...(c.notice ? [{ ...c.notice, dedupeKey: `${c.notice.dedupePrefix}${changeId}`, availableAt: c.at }] : []),
          ...(c.extra ? [c.extra] : []),
        ];
        for (const o of rows) {
          await tx.run(`${OUTBOX_INSERT} VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (dedupeKey) DO NOTHING`, [o.channel, o.chatId, o.text, o.payload, o.dedupeKey, o.availableAt, c.at]);
        }
        if (c.placeNumbers.length) {
          await tx.run(
            `INSERT INTO PetitionPlaceNumber (petitionId, number) VALUES ${c.placeNumbers.map(() => "(?, ?)").join(", ")} ON CONFLICT (petitionId, number) DO NOTHING`,
            c.placeNumbers.flatMap((x) => [c.petitionId, x]),
          );
        }
        let taskLinks = 0;
        if (links.length) {
          taskLinks = await tx.run(
            `INSERT INTO PetitionTaskLink (petitionId, taskId, score) SELECT ?, t.id, ${linkCase} FROM Task t WHERE t.id IN (${placeholders(links.length)}) ON CONFLICT (petitionId, taskId) DO NOTHING`,
            [c.petitionId, ...linkArgs],
          );
        }
        return { changeId, taskLinks };
      });
    },
  };
}

export type FilingRepo = ReturnType<typeof filingRepo>;

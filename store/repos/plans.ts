/**
 * Plan documents as ingested (Document, Section, Task) and the progress staff and
 * delegates report on plan tasks (TaskProgress, keyed so it survives re-ingestion).
 */
import { toDate, toNum, toNumOrNull, toStr, toStrOrNull, type Raw } from "../rows.ts";
import { isUniqueViolation, placeholders, type Sql } from "../sql/types.ts";

export interface DocumentRow {
  id: number;
  file: string;
  title: string;
  kind: string;
  number: string | null;
  issuer: string;
  issuerBody: string;
  ward: string;
  unitType: string;
  date: string | null;
  year: number;
  termFrom: number | null;
  termTo: number | null;
  contentHash: string;
}

export type DocumentInsert = Omit<DocumentRow, "id">;

export interface SectionInsert {
  ordinal: number;
  path: string;
  text: string;
}

export interface TaskInsert {
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
  /** Comma-separated quarters. */
  quarters: string;
  month: number | null;
  day: number | null;
  fromYear: number | null;
  toYear: number | null;
}

export interface TaskRow extends TaskInsert {
  id: number;
  document: { file: string; title: string; ward: string; issuerBody: string };
}

export interface SectionRow {
  doc: string;
  ordinal: number;
  path: string;
  text: string;
}

export interface TaskProgressRow {
  taskKey: string;
  status: string;
  note: string | null;
  asOf: string;
  actor: string;
  at: Date;
}

const DOC_COLUMNS = "id, file, title, kind, number, issuer, issuerBody, ward, unitType, date, year, termFrom, termTo, contentHash";

function documentRow(r: Raw): DocumentRow {
  return {
    id: toNum(r.id),
    file: toStr(r.file),
    title: toStr(r.title),
    kind: toStr(r.kind),
    number: toStrOrNull(r.number),
    issuer: toStr(r.issuer),
    issuerBody: toStr(r.issuerBody),
    ward: toStr(r.ward),
    unitType: toStr(r.unitType),
    date: toStrOrNull(r.date),
    year: toNum(r.year),
    termFrom: toNumOrNull(r.termFrom),
    termTo: toNumOrNull(r.termTo),
    contentHash: toStr(r.contentHash),
  };
}

/** Rows per multi-row INSERT (SQLite allows 32,766 parameters; PostgreSQL 65,535). */
const BATCH = 200;

export function plansRepo(sql: Sql) {
  return {
    async documents(): Promise<DocumentRow[]> {
      return (await sql.all<Raw>(`SELECT ${DOC_COLUMNS} FROM Document ORDER BY file`)).map(documentRow);
    },

    /**
     * Replaces a document with its sections and tasks in one transaction, unless the stored
     * one already has `doc.contentHash` (another process ingested it meanwhile) and `force`
     * is off. Resolves false when nothing was written.
     */
    async replaceDocument(doc: DocumentInsert, sections: readonly SectionInsert[], tasks: readonly TaskInsert[], force: boolean): Promise<boolean> {
      try {
        return await sql.transaction(async (tx) => {
          const current = await tx.get<Raw>(`SELECT id, contentHash FROM Document WHERE file = ?`, [doc.file]);
          if (current && toStr(current.contentHash) === doc.contentHash && !force) return false;
          // Sections, tasks and their petition links go with the document (ON DELETE CASCADE).
          if (current) await tx.run(`DELETE FROM Document WHERE id = ?`, [toNum(current.id)]);
          const id = toNum(
            (await tx.get<Raw>(
              `INSERT INTO Document (file, title, kind, number, issuer, issuerBody, ward, unitType, date, year, termFrom, termTo, contentHash, ingestedAt)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
              [doc.file, doc.title, doc.kind, doc.number, doc.issuer, doc.issuerBody, doc.ward, doc.unitType, doc.date, doc.year, doc.termFrom, doc.termTo, doc.contentHash, new Date()],
            ))!.id,
          );
          for (let i = 0; i < sections.length; i += BATCH) {
            const part = sections.slice(i, i + BATCH);
            await tx.run(
              `INSERT INTO Section (documentId, ordinal, path, text) VALUES ${part.map(() => "(?, ?, ?, ?)").join(", ")}`,
              part.flatMap((s) => [id, s.ordinal, s.path, s.text]),
            );
          }
          for (let i = 0; i < tasks.length; i += BATCH) {
            const part = tasks.slice(i, i + BATCH);
            await tx.run(
              `INSERT INTO Task (documentId, ordinal, section, task, lead, partners, leader, output, whenRaw, kind, year, quarters, month, day, fromYear, toYear)
               VALUES ${part.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
              part.flatMap((t) => [id, t.ordinal, t.section, t.task, t.lead, t.partners, t.leader, t.output, t.whenRaw, t.kind, t.year, t.quarters, t.month, t.day, t.fromYear, t.toYear]),
            );
          }
          return true;
        });
      } catch (err) {
        // Another process inserted this file first: it stored this very version.
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },

    async removeDocument(id: number): Promise<void> {
      await sql.run(`DELETE FROM Document WHERE id = ?`, [id]);
    },

    async tasks(): Promise<TaskRow[]> {
      const rows = await sql.all<Raw>(
        `SELECT t.id, t.ordinal, t.section, t.task, t.lead, t.partners, t.leader, t.output, t.whenRaw, t.kind, t.year, t.quarters, t.month, t.day,
                t.fromYear, t.toYear, d.file, d.title, d.ward, d.issuerBody
           FROM Task t JOIN Document d ON d.id = t.documentId ORDER BY t.documentId, t.ordinal`,
      );
      return rows.map((r) => ({
        id: toNum(r.id),
        ordinal: toNum(r.ordinal),
        section: toStr(r.section),
        task: toStr(r.task),
        lead: toStrOrNull(r.lead),
        partners: toStrOrNull(r.partners),
        leader: toStrOrNull(r.leader),
        output: toStrOrNull(r.output),
        whenRaw: toStr(r.whenRaw),
        kind: toStr(r.kind),
        year: toNumOrNull(r.year),
        quarters: toStr(r.quarters),
        month: toNumOrNull(r.month),
        day: toNumOrNull(r.day),
        fromYear: toNumOrNull(r.fromYear),
        toYear: toNumOrNull(r.toYear),
        document: { file: toStr(r.file), title: toStr(r.title), ward: toStr(r.ward), issuerBody: toStr(r.issuerBody) },
      }));
    },

    async sections(): Promise<SectionRow[]> {
      const rows = await sql.all<Raw>(`SELECT d.file, s.ordinal, s.path, s.text FROM Section s JOIN Document d ON d.id = s.documentId ORDER BY s.documentId, s.ordinal`);
      return rows.map((r) => ({ doc: toStr(r.file), ordinal: toNum(r.ordinal), path: toStr(r.path), text: toStr(r.text) }));
    },

    async addProgress(p: TaskProgressRow): Promise<void> {
      await sql.run(`INSERT INTO TaskProgress (taskKey, status, note, asOf, actor, at) VALUES (?, ?, ?, ?, ?, ?)`, [p.taskKey, p.status, p.note, p.asOf, p.actor, p.at]);
    },

    /** The newest progress report of each task that has one (or of the given keys). */
    async latestProgress(keys?: readonly string[]): Promise<Map<string, TaskProgressRow>> {
      const where = keys ? `WHERE taskKey IN (${placeholders(keys.length)})` : "";
      if (keys && keys.length === 0) return new Map();
      const rows = await sql.all<Raw>(
        `SELECT taskKey, status, note, asOf, actor, at FROM TaskProgress
          WHERE id IN (SELECT max(id) FROM TaskProgress ${where} GROUP BY taskKey)`,
        keys ?? [],
      );
      return new Map(rows.map((r) => [toStr(r.taskKey), { taskKey: toStr(r.taskKey), status: toStr(r.status), note: toStrOrNull(r.note), asOf: toStr(r.asOf), actor: toStr(r.actor), at: toDate(r.at) }]));
    },
  };
}

export type PlansRepo = ReturnType<typeof plansRepo>;

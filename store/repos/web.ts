/**
 * The web face's queries: the staff queue and petition page, the dashboard, the public
 * list, Open311, the derived search index, and the web's own tables (sessions, sign-in
 * challenges, delegate areas, Open311 keys). Raw rows; web/data/store.ts applies the
 * web's rules (areas, anonymisation). Every list is paged or bounded in SQL.
 */
import { toBool, toDate, toDateOrNull, toNum, toNumOrNull, toStr, toStrOrNull, type Raw } from "../rows.ts";
import { placeholders, type Dialect, type Sql, type SqlValue } from "../sql/types.ts";
import type { ChallengeRecord, Open311KeyRow, QueueFilter, SessionRecord } from "./web-types.ts";

/** What a queue, dashboard or public row is built from. */
export interface WebPetitionRow {
  id: number;
  code: string;
  status: string;
  category: string;
  urgent: boolean;
  channel: string;
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date | null;
  summary: string | null;
  originalText: string;
  location: string | null;
  area: string | null;
  unitCode: string | null;
  unitName: string | null;
}

const ROW_COLUMNS =
  "p.id, p.code, p.status, p.category, p.urgent, p.channel, p.createdAt, p.updatedAt, p.dueAt, p.summary, p.originalText, p.location, p.area, u.code AS unitCode, u.name AS unitName";
const ROW_FROM = "FROM Petition p LEFT JOIN Unit u ON u.id = p.unitId";

function webRow(r: Raw): WebPetitionRow {
  return {
    id: toNum(r.id),
    code: toStr(r.code),
    status: toStr(r.status),
    category: toStr(r.category),
    urgent: toBool(r.urgent),
    channel: toStr(r.channel),
    createdAt: toDate(r.createdAt),
    updatedAt: toDate(r.updatedAt),
    dueAt: toDateOrNull(r.dueAt),
    summary: toStrOrNull(r.summary),
    originalText: toStr(r.originalText),
    location: toStrOrNull(r.location),
    area: toStrOrNull(r.area),
    unitCode: toStrOrNull(r.unitCode),
    unitName: toStrOrNull(r.unitName),
  };
}

// ---------------------------------------------------------------- free-text search
//
// PetitionSearchTerm holds each folded word of a petition's search texts once, with a bit
// per text it occurs in. A query word w matches the words it begins: the key range
// [w, upper(w)). Query words are AND-ed. The rarest word (counted on the index, capped)
// drives the search when it is rare enough (searchLimits); otherwise every word is common, the list is
// read in its sort order with each word checked per petition, and the total is counted
// only up to a cap ("more than N").

/** Where a word must occur: the staff text (original, summary, place, area, code) or the anonymised public text. */
export const SCOPE_STAFF = 1;
export const SCOPE_PUBLIC = 2;
/** Longest indexed word; longer words (and query words) are cut to it, so they still match as prefixes. */
export const MAX_TERM_LENGTH = 64;
/**
 * Thresholds of the search plan (tests lower them to reach both plans with few petitions):
 * a word matching at most `driverMaxRows` index rows drives the search; with common words
 * only, the total is counted up to `commonCountCap` petitions (or past the current page).
 */
export const searchLimits = { driverMaxRows: 3000, commonCountCap: 300 };

const TERM_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * The least string above every word beginning with `w`, or null when there is none
 * ("zz…"). Words are [0-9a-z] only and the bound is taken inside that alphabet (never a
 * punctuation or U+FFFF sentinel), so the range means the same under a byte collation and
 * under PostgreSQL's language collations, which order digits before letters but skip
 * punctuation.
 */
export function prefixUpperBound(w: string): string | null {
  let head = w;
  while (head.endsWith("z")) head = head.slice(0, -1);
  if (head === "") return null;
  const last = TERM_ALPHABET.indexOf(head.at(-1)!);
  if (last < 0) throw new Error(`search word outside [0-9a-z]: ${w}`);
  return head.slice(0, -1) + TERM_ALPHABET[last + 1]!;
}

/** The folded search words of a text: letters and digits, each once, cut to MAX_TERM_LENGTH. */
export function searchWords(folded: string): string[] {
  return [...new Set((folded.match(/[a-z0-9]+/g) ?? []).map((w) => w.slice(0, MAX_TERM_LENGTH)))];
}

/** `term` in the range of words beginning with `word` (the column prefixed by `alias`). */
function wordRange(word: string, alias = ""): { sql: string; args: SqlValue[] } {
  const hi = prefixUpperBound(word);
  return hi === null ? { sql: `${alias}term >= ?`, args: [word] } : { sql: `${alias}term >= ? AND ${alias}term < ?`, args: [word, hi] };
}

/** How a list query applies its search words. */
interface TermPlan {
  /** A word matches nothing: the result is empty. */
  empty: boolean;
  /** The rare word whose petitions are the candidates (read by key), or null when every word is common. */
  driver: string | null;
  /** Words checked per petition, rarest first (so most candidates fail on the first). */
  checks: string[];
}

/** A query that had text but no word to search for ("???"): it finds nothing, not everything. */
const NO_MATCH: TermPlan = { empty: true, driver: null, checks: [] };

/** Candidate petitions of the driving word, each read by its primary key (FROM items: `d`, `p`). */
function driverSource(plan: TermPlan, scope: number, dialect: Dialect): { sql: string; args: SqlValue[] } {
  const d = wordRange(plan.driver!);
  return { sql: dialect.lookupJoin(`(SELECT DISTINCT petitionId FROM PetitionSearchTerm WHERE ${d.sql} AND (scopes & ${scope}) <> 0)`, "petitionId", "Petition", "p"), args: d.args };
}

/** The per-petition checks of a plan, for a WHERE clause on `p`. */
function termChecks(plan: TermPlan, scope: number): { parts: string[]; args: SqlValue[] } {
  const parts: string[] = [];
  const args: SqlValue[] = [];
  for (const word of plan.checks) {
    const r = wordRange(word, "t.");
    parts.push(`EXISTS (SELECT 1 FROM PetitionSearchTerm t WHERE t.petitionId = p.id AND ${r.sql} AND (t.scopes & ${scope}) <> 0)`);
    args.push(...r.args);
  }
  return { parts, args };
}

function orderOf(sort: QueueFilter["sort"]): string {
  switch (sort) {
    case "oldest":
      return "p.createdAt, p.id";
    case "due":
      // Undated last on both engines (SQLite sorts NULL first, PostgreSQL last).
      return "CASE WHEN p.dueAt IS NULL THEN 1 ELSE 0 END, p.dueAt, p.id";
    case "urgent":
      return "p.urgent DESC, p.createdAt DESC, p.id DESC";
    default:
      return "p.createdAt DESC, p.id DESC";
  }
}

/** Rows per search-index upsert statement (7 values each) and per word insert (3 values each). */
const UPSERT_SLICE = 1000;
const TERM_SLICE = 2000;

export interface SearchIndexRow {
  petitionId: number;
  staffText: string;
  publicText: string;
  publicSummary: string;
  area: string | null;
  version: number;
  sourceUpdatedAt: Date;
  /** The petition's search words (searchWords) and where each occurs: SCOPE_STAFF | SCOPE_PUBLIC bits. */
  terms: ReadonlyMap<string, number>;
}

export function webRepo(sql: Sql) {
  /**
   * Plans the search words of a list: an index probe per word (at most driverMaxRows + 1
   * rows each, in one statement) picks the rarest as the driver when it is rare enough.
   */
  async function planTerms(words: readonly string[]): Promise<TermPlan> {
    const ranges = words.map((w) => wordRange(w));
    const probe = ranges.map((r, i) => `SELECT ${i} AS i, (SELECT CAST(count(*) AS INTEGER) FROM (SELECT 1 FROM PetitionSearchTerm WHERE ${r.sql} LIMIT ?) x) AS n`).join(" UNION ALL ");
    const rows = await sql.all<Raw>(probe, ranges.flatMap((r) => [...r.args, searchLimits.driverMaxRows + 1]));
    const counted = rows.map((r) => ({ word: words[toNum(r.i)]!, n: toNum(r.n) })).sort((a, b) => a.n - b.n);
    // The probe ignores scopes (an upper bound): a word found only in the other text is caught by the checks.
    if (counted.length === 0 || counted[0]!.n === 0) return { empty: counted.length > 0, driver: null, checks: [] };
    if (counted[0]!.n <= searchLimits.driverMaxRows) return { empty: false, driver: counted[0]!.word, checks: counted.slice(1).map((c) => c.word) };
    return { empty: false, driver: null, checks: counted.map((c) => c.word) };
  }

  /** Total of a filtered list: exact, or — every search word common — counted up to `cap` (then a lower bound). */
  async function countRows(from: string, where: string, args: SqlValue[], cap: number | null): Promise<{ total: number; totalIsLowerBound: boolean }> {
    if (cap === null) return { total: toNum((await sql.get<Raw>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${from} ${where}`, args))?.n ?? 0), totalIsLowerBound: false };
    const n = toNum((await sql.get<Raw>(`SELECT CAST(count(*) AS INTEGER) AS n FROM (SELECT 1 FROM ${from} ${where} LIMIT ?) x`, [...args, cap + 1]))?.n ?? 0);
    return n > cap ? { total: cap, totalIsLowerBound: true } : { total: n, totalIsLowerBound: false };
  }

  /** WHERE clause of the staff queue (and its count); `filtered` when anything narrows it besides the delegate's areas. */
  function queueWhere(f: QueueFilter, plan: TermPlan | null, now: Date, openStatuses: readonly string[]): { where: string; args: SqlValue[]; filtered: boolean } {
    const parts: string[] = [];
    const args: SqlValue[] = [];
    if (plan) {
      const t = termChecks(plan, SCOPE_STAFF);
      parts.push(...t.parts);
      args.push(...t.args);
    }
    if (f.statuses.length) {
      parts.push(`p.status IN (${placeholders(f.statuses.length)})`);
      args.push(...f.statuses);
    }
    if (f.category) parts.push("p.category = ?"), args.push(f.category);
    // By subquery, not through the join: counts then need no join at all.
    if (f.unitCode) parts.push("p.unitId IN (SELECT id FROM Unit WHERE code = ?)"), args.push(f.unitCode);
    if (f.urgent !== null) parts.push("p.urgent = ?"), args.push(f.urgent);
    if (f.channel) parts.push("p.channel = ?"), args.push(f.channel);
    if (f.from) parts.push("p.createdAt >= ?"), args.push(f.from);
    if (f.to) parts.push("p.createdAt < ?"), args.push(f.to);
    if (f.overdue) {
      parts.push(`p.status IN (${placeholders(openStatuses.length)}) AND p.dueAt < ?`);
      args.push(...openStatuses, now);
    }
    if (f.areas) {
      parts.push(f.areas.length ? `s.area IN (${placeholders(f.areas.length)})` : "1 = 0");
      args.push(...f.areas);
    }
    return { where: parts.length ? `WHERE ${parts.join(" AND ")}` : "", args, filtered: parts.length > (f.areas ? 1 : 0) };
  }

  return {
    /**
     * One page of the staff queue, its total and the counts per status. `words`: folded
     * search words (searchWords), every one must begin a word of the petition's staff text.
     */
    async queue(
      f: QueueFilter & { words: string[]; wordless?: boolean },
      now: Date,
      statuses: { open: readonly string[]; all: readonly string[] },
    ): Promise<{ rows: WebPetitionRow[]; total: number; totalIsLowerBound: boolean; counts: Map<string, number> }> {
      const openStatuses = statuses.open;
      const countsQuery = f.areas
        ? sql.all<Raw>(
            `SELECT p.status, CAST(count(*) AS INTEGER) AS n FROM Petition p JOIN PetitionSearch s ON s.petitionId = p.id
              WHERE ${f.areas.length ? `s.area IN (${placeholders(f.areas.length)})` : "1 = 0"} GROUP BY p.status`,
            f.areas,
          )
        : // One index count per status: twice as fast as GROUP BY over the status index at 100,000.
          // The statuses are the code's own names, written as literals (a select-list parameter has no type on PostgreSQL).
          sql.all<Raw>(
            statuses.all
              .map((st) => {
                if (!/^[a-z_]+$/.test(st)) throw new Error(`not a status name: ${st}`);
                return `SELECT '${st}' AS status, (SELECT CAST(count(*) AS INTEGER) FROM Petition WHERE status = '${st}') AS n`;
              })
              .join(" UNION ALL "),
          );
      const plan = f.wordless ? NO_MATCH : f.words.length ? await planTerms(f.words) : null;
      if (plan?.empty) {
        const counts = await countsQuery;
        return { rows: [], total: 0, totalIsLowerBound: false, counts: new Map(counts.filter((c) => toNum(c.n) > 0).map((c) => [toStr(c.status), toNum(c.n)])) };
      }
      const { where, args, filtered } = queueWhere(f, plan, now, openStatuses);
      const source = plan?.driver ? driverSource(plan, SCOPE_STAFF, sql.dialect) : { sql: "Petition p", args: [] };
      const area = f.areas ? " JOIN PetitionSearch s ON s.petitionId = p.id" : "";
      const offset = (f.page - 1) * f.pageSize;
      const [rows, counts] = await Promise.all([
        sql.all<Raw>(`SELECT ${ROW_COLUMNS} FROM ${source.sql} LEFT JOIN Unit u ON u.id = p.unitId${area} ${where} ORDER BY ${orderOf(f.sort)} LIMIT ? OFFSET ?`, [
          ...source.args,
          ...args,
          f.pageSize,
          offset,
        ]),
        countsQuery,
      ]);
      const byStatus = new Map(counts.filter((c) => toNum(c.n) > 0).map((c) => [toStr(c.status), toNum(c.n)]));
      // Nothing narrows the list but the viewer's areas: the status counts add up to the total.
      const total = filtered
        ? await countRows(`${source.sql}${area}`, where, [...source.args, ...args], plan && !plan.driver ? Math.max(searchLimits.commonCountCap, offset + 2 * f.pageSize) : null)
        : { total: [...byStatus.values()].reduce((a, b) => a + b, 0), totalIsLowerBound: false };
      return { rows: rows.map(webRow), ...total, counts: byStatus };
    },

    async rowByCode(code: string): Promise<WebPetitionRow | null> {
      const r = await sql.get<Raw>(`SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE p.code = ?`, [code]);
      return r ? webRow(r) : null;
    },

    async rowsByCodes(codes: readonly string[]): Promise<WebPetitionRow[]> {
      if (codes.length === 0) return [];
      return (await sql.all<Raw>(`SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE p.code IN (${placeholders(codes.length)}) ORDER BY p.id`, codes)).map(webRow);
    },

    /** Petitions linked to `originalId` as duplicates. */
    async duplicatesOf(originalId: number, limit: number): Promise<WebPetitionRow[]> {
      return (await sql.all<Raw>(`SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE p.duplicateOfId = ? ORDER BY p.id LIMIT ?`, [originalId, limit])).map(webRow);
    },

    /** Open or resolved petitions of a category sharing one of `numbers` (the place-number index). */
    async samePlace(exceptId: number, category: string, numbers: readonly string[], statuses: readonly string[], limit: number): Promise<WebPetitionRow[]> {
      if (numbers.length === 0) return [];
      const rows = await sql.all<Raw>(
        `SELECT ${ROW_COLUMNS} ${ROW_FROM}
          WHERE p.id <> ? AND p.category = ? AND p.status IN (${placeholders(statuses.length)})
            AND EXISTS (SELECT 1 FROM PetitionPlaceNumber n WHERE n.petitionId = p.id AND n.number IN (${placeholders(numbers.length)}))
          ORDER BY p.id DESC LIMIT ?`,
        [exceptId, category, ...statuses, ...numbers, limit],
      );
      return rows.map(webRow);
    },

    async placeNumbers(petitionId: number): Promise<string[]> {
      return (await sql.all<Raw>(`SELECT number FROM PetitionPlaceNumber WHERE petitionId = ?`, [petitionId])).map((r) => toStr(r.number));
    },

    async voterName(voterId: number): Promise<string | null> {
      const r = await sql.get<Raw>(`SELECT displayName FROM ChatUser WHERE id = ?`, [voterId]);
      return r ? toStrOrNull(r.displayName) : null;
    },

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

    /**
     * Public petitions (not hidden, not rejected or duplicate), newest first; `words` must
     * each begin a word of the anonymised public text. The count without words reads the
     * (isPublic, status) index alone.
     */
    async publicPage(
      words: readonly string[] | "wordless",
      hiddenStatuses: readonly string[],
      offset: number,
      limit: number,
    ): Promise<{ rows: WebPetitionRow[]; total: number; totalIsLowerBound: boolean }> {
      const plan = words === "wordless" ? NO_MATCH : words.length ? await planTerms(words) : null;
      if (plan?.empty) return { rows: [], total: 0, totalIsLowerBound: false };
      const t = plan ? termChecks(plan, SCOPE_PUBLIC) : { parts: [], args: [] };
      const where = `WHERE ${[...t.parts, `p.isPublic = TRUE`, `p.status NOT IN (${placeholders(hiddenStatuses.length)})`].join(" AND ")}`;
      const args: SqlValue[] = [...t.args, ...hiddenStatuses];
      const source = plan?.driver ? driverSource(plan, SCOPE_PUBLIC, sql.dialect) : { sql: "Petition p", args: [] };
      const [rows, total] = await Promise.all([
        sql.all<Raw>(`SELECT ${ROW_COLUMNS} FROM ${source.sql} LEFT JOIN Unit u ON u.id = p.unitId ${where} ORDER BY p.createdAt DESC, p.id DESC LIMIT ? OFFSET ?`, [
          ...source.args,
          ...args,
          limit,
          offset,
        ]),
        plan
          ? countRows(source.sql, where, [...source.args, ...args], plan.driver ? null : Math.max(searchLimits.commonCountCap, offset + 2 * limit))
          : // All public minus the hidden statuses: two index counts, where "status NOT IN (…)" tested
            // every index entry (23 ms at 100,000 petitions against 6 ms).
            sql
              .get<Raw>(
                `SELECT CAST((SELECT count(*) FROM Petition WHERE isPublic = TRUE) - (SELECT count(*) FROM Petition WHERE isPublic = TRUE AND status IN (${placeholders(hiddenStatuses.length)})) AS INTEGER) AS n`,
                hiddenStatuses,
              )
              .then((r) => ({ total: toNum(r?.n ?? 0), totalIsLowerBound: false })),
      ]);
      return { rows: rows.map(webRow), ...total };
    },

    async publicByCode(code: string, hiddenStatuses: readonly string[]): Promise<WebPetitionRow | null> {
      const r = await sql.get<Raw>(`SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE p.code = ? AND p.isPublic = TRUE AND p.status NOT IN (${placeholders(hiddenStatuses.length)})`, [code, ...hiddenStatuses]);
      return r ? webRow(r) : null;
    },

    /** Open311 requests: public petitions by codes, or received in a range (categories, open/closed). */
    async open311(f: { codes: string[] | null; serviceCodes: string[] | null; from: Date; to: Date; statuses: { in: boolean; list: readonly string[] } | null; limit: number }, hiddenStatuses: readonly string[]): Promise<WebPetitionRow[]> {
      const parts = [`p.isPublic = TRUE`, `p.status NOT IN (${placeholders(hiddenStatuses.length)})`];
      const args: SqlValue[] = [...hiddenStatuses];
      if (f.codes) {
        parts.push(f.codes.length ? `p.code IN (${placeholders(f.codes.length)})` : "1 = 0");
        args.push(...f.codes);
      } else {
        parts.push("p.createdAt >= ? AND p.createdAt < ?");
        args.push(f.from, f.to);
        if (f.serviceCodes) {
          parts.push(f.serviceCodes.length ? `p.category IN (${placeholders(f.serviceCodes.length)})` : "1 = 0");
          args.push(...f.serviceCodes);
        }
        if (f.statuses) {
          parts.push(`p.status ${f.statuses.in ? "IN" : "NOT IN"} (${placeholders(f.statuses.list.length)})`);
          args.push(...f.statuses.list);
        }
      }
      const rows = await sql.all<Raw>(`SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE ${parts.join(" AND ")} ORDER BY p.createdAt DESC, p.id DESC LIMIT ?`, [...args, f.limit]);
      return rows.map(webRow);
    },

    /** The note of the latest move into an outcome status, per petition. */
    async latestOutcomes(ids: readonly number[], outcomeStatuses: readonly string[]): Promise<Map<number, string | null>> {
      const out = new Map<number, string | null>();
      if (ids.length === 0) return out;
      const rows = await sql.all<Raw>(
        `SELECT petitionId, note FROM PetitionStatusChange
          WHERE petitionId IN (${placeholders(ids.length)}) AND toStatus IN (${placeholders(outcomeStatuses.length)})
            AND (fromStatus IS NULL OR fromStatus NOT IN (${placeholders(outcomeStatuses.length)}))
          ORDER BY id DESC`,
        [...ids, ...outcomeStatuses, ...outcomeStatuses],
      );
      for (const r of rows) if (!out.has(toNum(r.petitionId))) out.set(toNum(r.petitionId), toStrOrNull(r.note));
      return out;
    },

    // ---------------------------------------------------------------- search index

    async staleSearchRows(version: number): Promise<number> {
      return toNum((await sql.get<Raw>(`SELECT CAST(count(*) AS INTEGER) AS n FROM PetitionSearch WHERE version <> ?`, [version]))?.n ?? 0);
    },
    async clearSearch(): Promise<void> {
      await sql.transaction(async (tx) => {
        await tx.run(`DELETE FROM PetitionSearchTerm`);
        await tx.run(`DELETE FROM PetitionSearch`);
      });
    },
    async searchHighWater(): Promise<Date | null> {
      return toDateOrNull((await sql.get<Raw>(`SELECT max(sourceUpdatedAt) AS m FROM PetitionSearch`))?.m);
    },
    /** Petitions changed after the cursor (updatedAt, id), oldest first. */
    async changedSince(at: Date, id: number, limit: number): Promise<Array<{ id: number; code: string; originalText: string; summary: string | null; location: string | null; area: string | null; updatedAt: Date }>> {
      // "updatedAt >= ?" first: the index range starts at the cursor (a bare OR scanned the whole index, 12 ms at 100,000).
      const rows = await sql.all<Raw>(
        `SELECT id, code, originalText, summary, location, area, updatedAt FROM Petition
          WHERE updatedAt >= ? AND (updatedAt > ? OR id > ?) ORDER BY updatedAt, id LIMIT ?`,
        [at, at, id, limit],
      );
      return rows.map((r) => ({ id: toNum(r.id), code: toStr(r.code), originalText: toStr(r.originalText), summary: toStrOrNull(r.summary), location: toStrOrNull(r.location), area: toStrOrNull(r.area), updatedAt: toDate(r.updatedAt) }));
    },
    /** Writes the rows and replaces their words (one transaction: a search never sees a petition half indexed). */
    async upsertSearch(rows: readonly SearchIndexRow[]): Promise<void> {
      if (rows.length === 0) return;
      await sql.transaction(async (tx) => {
        // In slices: one statement may bind at most 32,766 values on SQLite (65,535 on PostgreSQL).
        for (let i = 0; i < rows.length; i += UPSERT_SLICE) {
          const slice = rows.slice(i, i + UPSERT_SLICE);
          await tx.run(
            `INSERT INTO PetitionSearch (petitionId, staffText, publicText, publicSummary, area, version, sourceUpdatedAt)
             VALUES ${slice.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}
             ON CONFLICT (petitionId) DO UPDATE SET staffText = excluded.staffText, publicText = excluded.publicText, publicSummary = excluded.publicSummary,
               area = excluded.area, version = excluded.version, sourceUpdatedAt = excluded.sourceUpdatedAt`,
            slice.flatMap((r) => [r.petitionId, r.staffText, r.publicText, r.publicSummary, r.area, r.version, r.sourceUpdatedAt]),
          );
          const ids = slice.map((r) => r.petitionId);
          await tx.run(`DELETE FROM PetitionSearchTerm WHERE petitionId IN (${placeholders(ids.length)})`, ids);
        }
        const terms = rows.flatMap((r) => [...r.terms].map(([term, scopes]) => [term, r.petitionId, scopes] as const));
        for (let i = 0; i < terms.length; i += TERM_SLICE) {
          const slice = terms.slice(i, i + TERM_SLICE);
          await tx.run(`INSERT INTO PetitionSearchTerm (term, petitionId, scopes) VALUES ${slice.map(() => "(?, ?, ?)").join(", ")}`, slice.flat());
        }
      });
    },

    // ---------------------------------------------------------------- web sessions and sign-in

    async createSession(s: { tokenHash: string; channel: string; externalId: string; csrfToken: string; now: Date; expiresAt: Date }): Promise<void> {
      await sql.run(`INSERT INTO WebSession (tokenHash, channel, externalId, csrfToken, createdAt, lastSeenAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        s.tokenHash,
        s.channel,
        s.externalId,
        s.csrfToken,
        s.now,
        s.now,
        s.expiresAt,
      ]);
    },
    async findSession(tokenHash: string, now: Date): Promise<SessionRecord | null> {
      const r = await sql.get<Raw>(`SELECT id, channel, externalId, csrfToken, expiresAt FROM WebSession WHERE tokenHash = ? AND expiresAt > ?`, [tokenHash, now]);
      return r ? { id: toNum(r.id), channel: toStr(r.channel), externalId: toStr(r.externalId), csrfToken: toStr(r.csrfToken), expiresAt: toDate(r.expiresAt) } : null;
    },
    async deleteSession(tokenHash: string): Promise<void> {
      await sql.run(`DELETE FROM WebSession WHERE tokenHash = ?`, [tokenHash]);
    },
    async deleteExpired(now: Date): Promise<number> {
      const a = await sql.run(`DELETE FROM WebSession WHERE expiresAt < ?`, [now]);
      const b = await sql.run(`DELETE FROM WebLoginChallenge WHERE expiresAt < ?`, [new Date(now.getTime() - 86_400_000)]);
      return a + b;
    },
    async createChallenge(c: { challengeHash: string; linkHash: string; codeHash: string | null; channel: string; externalId: string; now: Date; expiresAt: Date }): Promise<void> {
      await sql.run(`INSERT INTO WebLoginChallenge (challengeHash, linkHash, codeHash, channel, externalId, attempts, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, 0, ?, ?)`, [
        c.challengeHash,
        c.linkHash,
        c.codeHash,
        c.channel,
        c.externalId,
        c.now,
        c.expiresAt,
      ]);
    },
    async challengeBy(column: "challengeHash" | "linkHash", hash: string): Promise<ChallengeRecord | null> {
      const r = await sql.get<Raw>(`SELECT id, channel, externalId, codeHash, attempts, expiresAt, usedAt FROM WebLoginChallenge WHERE ${column} = ?`, [hash]);
      return r
        ? { id: toNum(r.id), channel: toStr(r.channel), externalId: toStr(r.externalId), codeHash: toStrOrNull(r.codeHash), attempts: toNum(r.attempts), expiresAt: toDate(r.expiresAt), usedAt: toDateOrNull(r.usedAt) }
        : null;
    },
    async failChallenge(id: number): Promise<number> {
      return toNum((await sql.get<Raw>(`UPDATE WebLoginChallenge SET attempts = attempts + 1 WHERE id = ? RETURNING attempts`, [id]))?.attempts ?? 0);
    },
    async useChallenge(id: number, now: Date): Promise<boolean> {
      return (await sql.run(`UPDATE WebLoginChallenge SET usedAt = ? WHERE id = ? AND usedAt IS NULL`, [now, id])) === 1;
    },
    async recentChallenges(channel: string, externalId: string, since: Date): Promise<number> {
      return toNum((await sql.get<Raw>(`SELECT CAST(count(*) AS INTEGER) AS n FROM WebLoginChallenge WHERE channel = ? AND externalId = ? AND createdAt >= ?`, [channel, externalId, since]))?.n ?? 0);
    },

    // ---------------------------------------------------------------- delegate areas

    async delegateGrants(limit: number): Promise<Array<{ channel: string; externalId: string; note: string | null }>> {
      const rows = await sql.all<Raw>(`SELECT channel, externalId, note FROM RoleGrant WHERE role = 'delegate' ORDER BY channel, externalId LIMIT ?`, [limit]);
      return rows.map((r) => ({ channel: toStr(r.channel), externalId: toStr(r.externalId), note: toStrOrNull(r.note) }));
    },
    async allDelegateAreas(): Promise<Array<{ channel: string; externalId: string; area: string }>> {
      return (await sql.all<Raw>(`SELECT channel, externalId, area FROM DelegateArea ORDER BY id`)).map((r) => ({ channel: toStr(r.channel), externalId: toStr(r.externalId), area: toStr(r.area) }));
    },
    async delegateAreas(channel: string, externalId: string): Promise<string[]> {
      return (await sql.all<Raw>(`SELECT area FROM DelegateArea WHERE channel = ? AND externalId = ? ORDER BY id`, [channel, externalId])).map((r) => toStr(r.area));
    },
    async setDelegateAreas(channel: string, externalId: string, areas: readonly string[], at: Date): Promise<void> {
      await sql.transaction(async (tx) => {
        await tx.run(`DELETE FROM DelegateArea WHERE channel = ? AND externalId = ?`, [channel, externalId]);
        if (areas.length) {
          await tx.run(`INSERT INTO DelegateArea (channel, externalId, area, createdAt) VALUES ${areas.map(() => "(?, ?, ?, ?)").join(", ")}`, areas.flatMap((a) => [channel, externalId, a, at]));
        }
      });
    },

    // ---------------------------------------------------------------- Open311 keys

    async open311Key(keyHash: string): Promise<Open311KeyRow | null> {
      const r = await sql.get<Raw>(`SELECT id, name, prefix, createdAt, revokedAt FROM Open311Key WHERE keyHash = ? AND revokedAt IS NULL`, [keyHash]);
      return r ? keyRow(r) : null;
    },
    async addOpen311Key(k: { name: string; keyHash: string; prefix: string; now: Date }): Promise<Open311KeyRow> {
      const r = await sql.get<Raw>(`INSERT INTO Open311Key (name, keyHash, prefix, createdAt) VALUES (?, ?, ?, ?) RETURNING id, name, prefix, createdAt, revokedAt`, [k.name, k.keyHash, k.prefix, k.now]);
      return keyRow(r!);
    },
    async listOpen311Keys(): Promise<Open311KeyRow[]> {
      return (await sql.all<Raw>(`SELECT id, name, prefix, createdAt, revokedAt FROM Open311Key ORDER BY id`)).map(keyRow);
    },
    async revokeOpen311Key(idOrPrefix: string, now: Date): Promise<number> {
      return /^\d+$/.test(idOrPrefix)
        ? sql.run(`UPDATE Open311Key SET revokedAt = ? WHERE revokedAt IS NULL AND id = ?`, [now, Number(idOrPrefix)])
        : sql.run(`UPDATE Open311Key SET revokedAt = ? WHERE revokedAt IS NULL AND prefix = ?`, [now, idOrPrefix]);
    },
    async petitionCodeByInbound(channel: string, externalId: string): Promise<string | null> {
      const r = await sql.get<Raw>(`SELECT p.code FROM InboundMessage m JOIN Petition p ON p.inboundId = m.id WHERE m.channel = ? AND m.externalId = ?`, [channel, externalId]);
      return r ? toStr(r.code) : null;
    },
  };
}

function keyRow(r: Raw): Open311KeyRow {
  return { id: toNum(r.id), name: toStr(r.name), prefix: toStr(r.prefix), createdAt: toDate(r.createdAt), revokedAt: toDateOrNull(r.revokedAt) };
}

export type WebRepo = ReturnType<typeof webRepo>;

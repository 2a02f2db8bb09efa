/**
 * Free-text search of petitions: the derived word index (PetitionSearch, PetitionSearchTerm)
 * and how a list's search words are planned against it. Both engines; the words are folded
 * (no diacritics, lower case), as staff and the public type them.
 */
import { toDate, toDateOrNull, toNum, toStr, toStrOrNull, type Raw } from "../rows.ts";
import { placeholders, type Dialect, type Sql, type SqlValue } from "../sql/types.ts";

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
export function wordRange(word: string, alias = ""): { sql: string; args: SqlValue[] } {
  const hi = prefixUpperBound(word);
  return hi === null ? { sql: `${alias}term >= ?`, args: [word] } : { sql: `${alias}term >= ? AND ${alias}term < ?`, args: [word, hi] };
}

/** How a list query applies its search words. */
export interface TermPlan {
  /** A word matches nothing: the result is empty. */
  empty: boolean;
  /** The rare word whose petitions are the candidates (read by key), or null when every word is common. */
  driver: string | null;
  /** Words checked per petition, rarest first (so most candidates fail on the first). */
  checks: string[];
}

/** A query that had text but no word to search for ("???"): it finds nothing, not everything. */
export const NO_MATCH: TermPlan = { empty: true, driver: null, checks: [] };

/** Candidate petitions of the driving word, each read by its primary key (FROM items: `d`, `p`). */
export function driverSource(plan: TermPlan, scope: number, dialect: Dialect): { sql: string; args: SqlValue[] } {
  const d = wordRange(plan.driver!);
  return { sql: dialect.lookupJoin(`(SELECT DISTINCT petitionId FROM PetitionSearchTerm WHERE ${d.sql} AND (scopes & ${scope}) <> 0)`, "petitionId", "Petition", "p"), args: d.args };
}

/** The per-petition checks of a plan, for a WHERE clause on `p`. */
export function termChecks(plan: TermPlan, scope: number): { parts: string[]; args: SqlValue[] } {
  const parts: string[] = [];
  const args: SqlValue[] = [];
  for (const word of plan.checks) {
    const r = wordRange(word, "t.");
    parts.push(`EXISTS (SELECT 1 FROM PetitionSearchTerm t WHERE t.petitionId = p.id AND ${r.sql} AND (t.scopes & ${scope}) <> 0)`);
    args.push(...r.args);
  }
  return { parts, args };
}

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

/**
 * Plans the search words of a list: an index probe per word (at most driverMaxRows + 1
 * rows each, in one statement) picks the rarest as the driver when it is rare enough.
 */
export async function planTerms(sql: Sql, words: readonly string[]): Promise<TermPlan> {
  const ranges = words.map((w) => wordRange(w));
  const probe = ranges.map((r, i) => `SELECT ${i} AS i, (SELECT CAST(count(*) AS INTEGER) FROM (SELECT 1 FROM PetitionSearchTerm WHERE ${r.sql} LIMIT ?) x) AS n`).join(" UNION ALL ");
  const rows = await sql.all<Raw>(probe, ranges.flatMap((r) => [...r.args, searchLimits.driverMaxRows + 1]));
  const counted = rows.map((r) => ({ word: words[toNum(r.i)]!, n: toNum(r.n) })).sort((a, b) => a.n - b.n);
  // The probe ignores scopes (an upper bound): a word found only in the other text is caught by the checks.
  if (counted.length === 0 || counted[0]!.n === 0) return { empty: counted.length > 0, driver: null, checks: [] };
  if (counted[0]!.n <= searchLimits.driverMaxRows) return { empty: false, driver: counted[0]!.word, checks: counted.slice(1).map((c) => c.word) };
  return { empty: false, driver: null, checks: counted.map((c) => c.word) };
}

/** The search index's upkeep (web/data/store.ts refreshes it from changed petitions). */
export function webSearchRepo(sql: Sql) {
  return {

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
  };
}

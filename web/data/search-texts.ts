/**
 * The folded texts and words the search reads (staff text with the voter's words, public
 * text anonymised) and the updater that keeps the index in step with changed petitions.
 */
import { redactForPublic } from "../../lib/redact.ts";
import { foldCollapsed } from "../../rag/text/vietnamese.ts";
import type { Store } from "../../store/index.ts";
import { SCOPE_PUBLIC, SCOPE_STAFF, searchWords } from "../../store/repos/web-search.ts";
import { petitionAreaOf } from "../areas.ts";

const fold = foldCollapsed;

/** Bump when the anonymisation, the folded texts or the words change: every row is rebuilt. */
export const SEARCH_INDEX_VERSION = 2;


/** Folded text staff search: code, original text, summary, place, area. */
export function staffSearchText(p: { code: string; originalText: string; summary: string | null; location: string | null }, area: string | null): string {
  return fold([p.code, p.originalText, p.summary ?? "", p.location ?? "", area ?? ""].join(" \n "));
}

/** Folded text the public search matches: only anonymised text, so a name or number finds nothing. */
export function publicSearchText(p: { code: string; originalText: string; summary: string | null; location: string | null }, area: string | null): string {
  return fold([p.code, redactForPublic(p.summary ?? p.originalText), redactForPublic(p.location ?? ""), area ?? ""].join(" \n "));
}

/** Search words of a folded query (at most 8): "KN-2026-000123" is three words, all required. */
export function queryWords(q: string | null): string[] {
  return q ? searchWords(q).slice(0, 8) : [];
}

/** The index words of a petition: each word of its staff and public texts, with the texts it occurs in. */
export function indexTerms(staffText: string, publicText: string): Map<string, number> {
  const terms = new Map<string, number>();
  for (const w of searchWords(staffText)) terms.set(w, SCOPE_STAFF);
  for (const w of searchWords(publicText)) terms.set(w, (terms.get(w) ?? 0) | SCOPE_PUBLIC);
  return terms;
}

/** Indexes petitions changed since the last call, up to `maxRows` at a time (returns how many). */
export function searchIndexUpdater(db: Store): { refresh(maxRows: number): Promise<number> } {
  let cursor: { at: Date; id: number } | null = null;
  return {
    async refresh(maxRows) {
      if (!cursor) {
        // Rows built by older rules are rebuilt from scratch.
        if (await db.web.staleSearchRows(SEARCH_INDEX_VERSION)) await db.web.clearSearch();
        cursor = { at: (await db.web.searchHighWater()) ?? new Date(0), id: 0 };
      }
      const rows = await db.web.changedSince(cursor.at, cursor.id, maxRows);
      if (!rows.length) return 0;
      await db.web.upsertSearch(
        rows.map((p) => {
          const area = petitionAreaOf(p);
          const staffText = staffSearchText(p, area);
          const publicText = publicSearchText(p, area);
          return {
            petitionId: p.id,
            staffText,
            publicText,
            terms: indexTerms(staffText, publicText),
            publicSummary: redactForPublic(p.summary?.trim() || p.originalText).slice(0, 500),
            area,
            version: SEARCH_INDEX_VERSION,
            sourceUpdatedAt: p.updatedAt,
          };
        }),
      );
      const last = rows[rows.length - 1]!;
      cursor = { at: last.updatedAt, id: last.id };
      return rows.length;
    },
  };
}

/**
 * What a petition is about, in a few concepts: the thing ("đèn", "cống", "rác") and what is
 * wrong with it ("hỏng", "tắc", "tồn đọng"). Voters name the same problem in different words
 * ("đèn đường hỏng" / "đèn chiếu sáng tắt, tối om"), which word overlap alone misses.
 * Patterns are on folded text (no diacritics), as voters often type.
 */
import { foldVietnamese } from "../../rag/text/vietnamese.ts";

const CONCEPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ["light", /\b(den (duong|chieu sang|cao ap|ngo|dien|duong pho)|bong den|chieu sang)\b/],
  ["drain", /\b(cong|muong|ranh|thoat nuoc|ho ga)\b/],
  ["garbage", /\b(rac|phe thai|xac dong vat)\b/],
  // Not "đường"/"ngõ" alone: they are in most places' names.
  ["pavement", /\b(mat duong|long duong|via he|le duong)\b/],
  ["noise", /\b(karaoke|hat hoi|loa|on ao|tieng on|am thanh)\b/],
  ["water", /\b(nuoc may|nuoc sach|cap nuoc|mat nuoc|nuoc yeu|nuoc duc)\b/],
  ["power", /\b(mat dien|day dien|cot dien|tram bien ap|chap dien|dien chap)\b/],
  ["tree", /\b(cay xanh|cay|canh cay)\b/],
  ["broken", /\b(hong|hu|tat|khong sang|toi om|chap chon|chay bong|mat sang)\b/],
  ["blocked", /\b(tac|ach tac|un u|ngap|dong nuoc|tran)\b/],
  ["piled", /\b(ton dong|khong (ai )?thu gom|chua thu gom|boc mui|hoi thoi|do trom|vut)\b/],
  ["damaged", /\b(o ga|o voi|sut lun|lun|xuong cap|bong troc|nut|sat lo|sup)\b/],
  ["encroach", /\b(lan chiem|chiem dung|ban hang|de xe|do xe)\b/],
  ["late_night", /\b(dem|khuya|nua dem|sang som|gio sang)\b/],
];

/** Concepts that name a thing (rather than what is wrong with it or when). */
export const THING_CONCEPTS: ReadonlySet<string> = new Set(["light", "drain", "garbage", "noise", "water", "power", "tree"]);

/** The concepts a text names (a set of short ids). */
export function problemConcepts(text: string): Set<string> {
  const f = foldVietnamese(text).replace(/[^a-z0-9 ]+/g, " ").replace(/\s+/g, " ");
  const out = new Set<string>();
  for (const [id, re] of CONCEPTS) if (re.test(f)) out.add(id);
  return out;
}

/**
 * Similarity of two texts by the concepts they share: Jaccard of the concept sets scaled to
 * `weight`, and 0 unless at least two are shared (a thing and what is wrong with it) — one
 * shared word ("đường") says nothing about the problem.
 */
export function conceptSimilarity(a: string, b: string, weight = 0.45): number {
  const ca = problemConcepts(a);
  const cb = problemConcepts(b);
  let shared = 0;
  for (const c of ca) if (cb.has(c)) shared++;
  if (shared < 2) return 0;
  return (weight * shared) / (ca.size + cb.size - shared);
}

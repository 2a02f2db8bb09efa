/**
 * Duplicate detection: a new petition is a duplicate of an open one with the same
 * category, similar text and the same place. Similarity is Jaccard over folded
 * syllables and syllable bigrams, without function words that every petition shares.
 * A wrong match closes a voter's petition, so a missing location demands a much closer
 * text match instead of being treated as "same place".
 */
import type { DuplicateCandidate } from "../../store/repos/petitions.ts";
import { syllablesAndBigrams } from "../../rag/text/vietnamese.ts";
import { conceptSimilarity } from "./problem-concepts.ts";
import { OPEN_STATUSES } from "./status.ts";
import type { Clock, DbClient, DuplicateConfig } from "./types.ts";
import { UNCLASSIFIED } from "./types.ts";

/**
 * Folded function words and petition boilerplate that say nothing about the problem.
 * Folding merges words: "đèn"/"đến", "chợ"/"cho", "đỏ"/"đó", "thẻ"/"thế", "ma túy"/"mà"
 * all fold alike, so those folded forms stay content words.
 */
const TEXT_STOPWORDS = new Set(
  (
    "la o bi cua da dang se rat xin kien nghi phan anh va cac nhung mot co khong duoc nay thi voi tai nhu " +
    "nhieu qua lam roi van cung chung toi em chi ong ba a nhe oi vui long mong muon can giai quyet som " +
    "hien hom ngay tu khi nen vi sao nao gi"
  ).split(/\s+/),
);

/** Words that only say "where" without naming the place. */
const LOCATION_FILLER = new Set("tai o gan truoc canh doi dien khu vuc so nha phuong dia chi cua duong pho the mot day".split(" "));

/**
 * Tokenising is most of a duplicate check's cost, and every open petition of a category is
 * compared with each new one: the terms of recent texts and places are kept (bounded).
 */
function memoized<T>(fn: (s: string) => T, max = 4096): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      cache.set(s, v);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
    }
    return v;
  };
}
const termsOf = memoized(syllablesAndBigrams);

/** Place words that name an area (a residential group, hamlet, ward), not a spot in it. */
const AREA_WORDS = new Set("to khu thon xom ap khom ban phuong xa cum".split(" "));

/** The place is an area and its number ("tổ 7", "khu 3"), nothing finer. */
function areaOnly(terms: ReadonlySet<string>): boolean {
  return [...terms].every((t) => t.split("_").every((w) => AREA_WORDS.has(w) || /^\d+[a-z]?$/.test(w)));
}

/** Share of the smaller set's terms found in the larger. */
function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / small.size;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * Content terms of a petition text: syllables and bigrams, minus any term that contains a
 * stop word or one of the given place words (the place is compared separately; left in, two
 * different problems on the same street look alike).
 */
export function textTerms(text: string, placeWords: ReadonlySet<string> = NO_WORDS): Set<string> {
  const out = new Set<string>();
  for (const { term, syllables } of contentTermsOf(text)) if (placeWords.size === 0 || !syllables.some((s) => placeWords.has(s))) out.add(term);
  return out;
}

const NO_WORDS: ReadonlySet<string> = new Set();

/** Terms without stop words, with their syllables (the place filter depends on the pair, this does not). */
const contentTermsOf = memoized((text: string) =>
  termsOf(text)
    .map((term) => ({ term, syllables: term.split("_") }))
    // "nghi_den" or "bi_hong" add nothing the content words do not already say.
    .filter(({ syllables }) => !syllables.some((s) => TEXT_STOPWORDS.has(s))),
);

/** Folded syllables of the locations, for `textTerms`. */
function placeWords(...locations: (string | null | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const l of locations) for (const t of l ? locationTerms(l) : []) if (!t.includes("_")) out.add(t);
  return out;
}

/** 0..1 similarity of two petition texts, ignoring the words of their locations. */
export function textSimilarity(a: string, b: string, locations: (string | null | undefined)[] = []): number {
  const place = placeWords(...locations);
  return jaccard(textTerms(a, place), textTerms(b, place));
}

/** Place terms: "tổ dân phố 5"/"TDP 5" → "to 5"; filler words dropped; bigrams kept. */
export const locationTerms: (location: string) => Set<string> = memoized(placeTerms);

function placeTerms(location: string): Set<string> {
  const folded = termsOf(location)
    .filter((t) => !t.includes("_"))
    .join(" ")
    .replace(/\bto dan pho\b|\btdp\b/g, "to");
  const words = folded.split(" ").filter((w) => w && !LOCATION_FILLER.has(w));
  return new Set(syllablesAndBigrams(words.join(" ")));
}

/** The whole-number terms of a place ("tổ 5" → ["5"]): decisive when both places have some. */
function numbersIn(terms: ReadonlySet<string>): string[] {
  return [...terms].filter((t) => /^\d+$/.test(t));
}

/** 0..1 similarity of two places, or null when either is missing. */
export function locationSimilarity(a: string | null | undefined, b: string | null | undefined): number | null {
  if (!a?.trim() || !b?.trim()) return null;
  const ta = locationTerms(a);
  const tb = locationTerms(b);
  // House/group numbers are decisive: "tổ 5" and "tổ 15" are different places.
  const na = numbersIn(ta);
  const nb = new Set(numbersIn(tb));
  if (na.length > 0 && nb.size > 0 && !na.some((n) => nb.has(n))) return 0;
  // One voter names more of the same place ("ngõ 14" / "đầu ngõ 14, phố Hoa Lâm"): the shorter
  // one contained in the longer, with a number in common, is close (a little below equal).
  // Only for places finer than an area: "tổ 7" is in "ngõ 11, tổ 7" without being the same place.
  if (na.length > 0 && nb.size > 0 && containment(ta, tb) === 1 && !areaOnly(ta) && !areaOnly(tb)) return Math.max(jaccard(ta, tb), 0.8);
  return jaccard(ta, tb);
}

/** The decision rule, separate from the database so both sides of it can be tested. */
export function isDuplicatePair(textScore: number, locationScore: number | null, cfg: DuplicateConfig): boolean {
  if (locationScore === null) return textScore >= cfg.textOnlyThreshold;
  return locationScore >= cfg.locationThreshold && textScore >= cfg.textThreshold;
}

export interface DuplicateMatch {
  petitionId: number;
  code: string;
  /** The original's status, for the voter's notice. */
  status: string;
  textScore: number;
  locationScore: number | null;
}

/** A new petition as the duplicate check sees it. */
export interface DuplicateProbe {
  id: number;
  category: string;
  normalizedText: string;
  summary: string | null;
  location: string | null;
}

/** An open original that `p` might duplicate, as the store reads it. */
export type { DuplicateCandidate };

/** True when the category can have duplicates at all (unclassified and "khác" cannot). */
export function checksDuplicates(category: string): boolean {
  return Boolean(category) && category !== UNCLASSIFIED && category !== "khac";
}

/** Start of the look-back window for originals. */
export function duplicateSince(cfg: DuplicateConfig, now: Clock): Date {
  return new Date(now().getTime() - cfg.lookbackDays * 86_400_000);
}

/** The best-scoring candidate that passes the rule, or null (pure: both store paths use it). */
export function bestDuplicate(p: DuplicateProbe, candidates: readonly DuplicateCandidate[], cfg: DuplicateConfig): DuplicateMatch | null {
  let best: DuplicateMatch | null = null;
  for (const c of candidates) {
    const locationScore = locationSimilarity(p.location, c.location);
    // Another place can never pass the rule, whatever the texts: skip the costly text scores.
    if (locationScore !== null && locationScore < cfg.locationThreshold) continue;
    // Strip place words only when both places are known and compared on their own;
    // otherwise the place named in the text is all that tells two petitions apart.
    const places = locationScore === null ? [] : [p.location, c.location];
    // Classifier summaries word the same problem alike, where voters' own texts differ.
    // …and in different words ("đèn đường hỏng" / "đèn chiếu sáng tắt, tối om"): shared concepts
    // count only where both places are known and match (never alone).
    const textScore = Math.max(
      textSimilarity(p.normalizedText, c.normalizedText, places),
      p.summary && c.summary ? textSimilarity(p.summary, c.summary, places) : 0,
      locationScore !== null ? conceptSimilarity(p.normalizedText, c.normalizedText) : 0,
    );
    if (!isDuplicatePair(textScore, locationScore, cfg)) continue;
    if (!best || textScore > best.textScore) best = { petitionId: c.id, code: c.code, status: c.status, textScore, locationScore };
  }
  return best;
}

/** What PetitionPlaceNumber holds for a place: its whole numbers, or "*" when it names none. */
export function placeNumbers(location: string | null | undefined): string[] {
  const numbers = location?.trim() ? numbersIn(locationTerms(location)) : [];
  return numbers.length ? numbers : [ANY_PLACE];
}
export const ANY_PLACE = "*";

/**
 * Place numbers an original must have (one of) to be a candidate for `p`, or null when
 * every original is: a place without numbers can be the same as any other.
 */
export function candidateNumbers(location: string | null): string[] | null {
  const own = placeNumbers(location);
  return own[0] === ANY_PLACE ? null : [...own, ANY_PLACE];
}

/** Gives place numbers to classified petitions written before the index existed (start-up). */
export async function backfillPlaceNumbers(db: DbClient): Promise<number> {
  const missing = await db.petitions.withoutPlaceNumbers();
  for (const p of missing) await db.petitions.addPlaceNumbers(p.id, placeNumbers(p.location));
  return missing.length;
}

/**
 * The best open original of the same category for a petition, or null. Only originals
 * sharing a place number (or naming none) are read, through the place-number index.
 */
export async function findDuplicate(tx: DbClient, p: DuplicateProbe, cfg: DuplicateConfig, now: Clock): Promise<DuplicateMatch | null> {
  if (!checksDuplicates(p.category)) return null;
  const candidates = await tx.petitions.duplicateCandidates({ id: p.id, category: p.category, numbers: candidateNumbers(p.location) }, OPEN_STATUSES, duplicateSince(cfg, now));
  return bestDuplicate(p, candidates, cfg);
}

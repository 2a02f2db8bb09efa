/**
 * BM25 over folded Vietnamese syllables and syllable bigrams.
 *
 * Voters type with or without diacritics, so text is folded ("giám sát đất đai" and
 * "giam sat dat dai" give the same tokens). Bigrams make phrases such as "đất đai" or
 * "tiếp xúc cử tri" score above documents that merely contain the syllables apart.
 *
 * Layout is a compressed posting list (CSR): `offsets[t]..offsets[t+1]` index into
 * `postDocs`/`postTf`. BM25 impacts are precomputed per posting so a query is only
 * additions over a few short arrays.
 */
import { z } from "zod";
import { foldVietnamese, syllablesAndBigrams } from "../text/vietnamese.ts";

/**
 * Very frequent function syllables (folded). Kept small on purpose: folding merges
 * syllables ("de" is both "để" and "đề"), so only words that are function words under
 * every reading are listed. Bigrams that contain one of them are still indexed.
 */
export const STOP_SYLLABLES: ReadonlySet<string> = new Set([
  "va", "cua", "cac", "la", "nhung", "mot", "voi", "cho", "thi", "ma", "o", "duoc", "nay", "nhu", "cung", "se",
]);

const ROMAN: Record<string, number> = {
  i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10,
  xi: 11, xii: 12, xiii: 13, xiv: 14, xv: 15, xvi: 16, xvii: 17, xviii: 18, xix: 19, xx: 20,
};

/**
 * Words after which a roman numeral is a number ("Quý III", "khóa I", "lần thứ II").
 * Only in these contexts, because "vi" and "xi" are also syllables ("đơn vị").
 */
const ROMAN_HEAD = /\b(quy|phan|muc|chuong|khoa|dot|thu|dieu|giai doan)\s+(x{0,2}(?:ix|iv|v?i{0,3}))\b/g;

/**
 * Folds and canonicalises numbers so "quy 3" matches "Quý III" and "thang 6" matches
 * "tháng 06".
 */
export function canonicalizeNumbers(text: string): string {
  return foldVietnamese(text)
    .replace(ROMAN_HEAD, (m, head: string, roman: string) => {
      const n = ROMAN[roman];
      return n === undefined ? m : `${head} ${n}`;
    })
    .replace(/\b0+(\d)/g, "$1");
}

export interface AnalyzeOptions {
  bigrams?: boolean;
  stopWords?: ReadonlySet<string>;
}

function isStopToken(token: string, stop: ReadonlySet<string>): boolean {
  const sep = token.indexOf("_");
  if (sep < 0) return stop.has(token);
  return stop.has(token.slice(0, sep)) && stop.has(token.slice(sep + 1));
}

/** Lexical tokens: folded syllables (minus stop syllables) plus adjacent-syllable bigrams. */
export function lexicalTokens(text: string, opts: AnalyzeOptions = {}): string[] {
  const stop = opts.stopWords ?? STOP_SYLLABLES;
  const tokens = syllablesAndBigrams(canonicalizeNumbers(text));
  const out: string[] = [];
  for (const t of tokens) {
    if (opts.bigrams === false && t.includes("_")) continue;
    if (!isStopToken(t, stop)) out.push(t);
  }
  return out;
}

export interface LexicalOptions {
  k1?: number;
  b?: number;
  bigrams?: boolean;
}

const LEXICAL_DEFAULTS = { k1: 1.2, b: 0.75, bigrams: true } as const;

/**
 * What a built lexical index depends on besides its documents: the BM25 parameters and the
 * stop syllables (applied when indexing and again to every query, so a changed list
 * needs a rebuild). Part of the retrieval index hash.
 */
export function lexicalBuildIdentity(opts: LexicalOptions = {}): { k1: number; b: number; bigrams: boolean; stop: string[] } {
  return {
    k1: opts.k1 ?? LEXICAL_DEFAULTS.k1,
    b: opts.b ?? LEXICAL_DEFAULTS.b,
    bigrams: opts.bigrams ?? LEXICAL_DEFAULTS.bigrams,
    stop: [...STOP_SYLLABLES].sort(),
  };
}

export interface LexicalHit {
  id: string;
  /** Position of the document in build order. */
  index: number;
  score: number;
}

const FORMAT_VERSION = 1;

const lexicalJsonSchema = z.object({
  version: z.literal(FORMAT_VERSION),
  k1: z.number(),
  b: z.number(),
  bigrams: z.boolean(),
  ids: z.array(z.string()),
  docLens: z.array(z.number().int().nonnegative()),
  terms: z.array(z.string()),
  offsets: z.array(z.number().int().nonnegative()),
  postDocs: z.array(z.number().int().nonnegative()),
  postTf: z.array(z.number().int().positive()),
});
export type LexicalIndexJSON = z.infer<typeof lexicalJsonSchema>;

export class LexicalIndex {
  readonly k1: number;
  readonly b: number;
  readonly bigrams: boolean;
  private readonly ids: string[];
  private readonly docLens: Uint32Array;
  private readonly terms: string[];
  private readonly termIds: Map<string, number>;
  private readonly offsets: Uint32Array;
  private readonly postDocs: Uint32Array;
  private readonly postTf: Uint16Array;
  /** Precomputed idf · saturated tf per posting. */
  private readonly impacts: Float32Array;
  /** Scratch accumulator reused across queries (search is synchronous, so no sharing issue). */
  private readonly acc: Float64Array;
  private readonly touched: Uint32Array;

  private constructor(p: {
    k1: number; b: number; bigrams: boolean; ids: string[]; docLens: Uint32Array; terms: string[];
    offsets: Uint32Array; postDocs: Uint32Array; postTf: Uint16Array;
  }) {
    this.k1 = p.k1;
    this.b = p.b;
    this.bigrams = p.bigrams;
    this.ids = p.ids;
    this.docLens = p.docLens;
    this.terms = p.terms;
    this.offsets = p.offsets;
    this.postDocs = p.postDocs;
    this.postTf = p.postTf;
    this.termIds = new Map(p.terms.map((t, i) => [t, i]));
    const n = p.ids.length;
    this.acc = new Float64Array(n);
    this.touched = new Uint32Array(n);
    this.impacts = new Float32Array(p.postDocs.length);
    let total = 0;
    for (let d = 0; d < n; d++) total += p.docLens[d]!;
    const avgdl = n > 0 ? Math.max(total / n, 1) : 1;
    for (let t = 0; t < p.terms.length; t++) {
      const start = p.offsets[t]!;
      const end = p.offsets[t + 1]!;
      const df = end - start;
      // Lucene's BM25 idf: always positive, so very common terms still count a little.
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let j = start; j < end; j++) {
        const tf = p.postTf[j]!;
        const norm = p.k1 * (1 - p.b + (p.b * p.docLens[p.postDocs[j]!]!) / avgdl);
        this.impacts[j] = (idf * tf * (p.k1 + 1)) / (tf + norm);
      }
    }
  }

  static build(docs: readonly { id: string; text: string }[], opts: LexicalOptions = {}): LexicalIndex {
    const { k1, b, bigrams } = lexicalBuildIdentity(opts);
    const termIds = new Map<string, number>();
    const terms: string[] = [];
    // Per-term postings collected as growable plain arrays, compacted below.
    const postingsDocs: number[][] = [];
    const postingsTf: number[][] = [];
    const docLens = new Uint32Array(docs.length);
    docs.forEach((doc, d) => {
      const tokens = lexicalTokens(doc.text, { bigrams });
      docLens[d] = tokens.length;
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, c] of tf) {
        let id = termIds.get(t);
        if (id === undefined) {
          id = terms.length;
          termIds.set(t, id);
          terms.push(t);
          postingsDocs.push([]);
          postingsTf.push([]);
        }
        postingsDocs[id]!.push(d);
        postingsTf[id]!.push(Math.min(c, 0xffff));
      }
    });
    const offsets = new Uint32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) offsets[t + 1] = offsets[t]! + postingsDocs[t]!.length;
    const postDocs = new Uint32Array(offsets[terms.length]!);
    const postTf = new Uint16Array(offsets[terms.length]!);
    for (let t = 0; t < terms.length; t++) {
      postDocs.set(postingsDocs[t]!, offsets[t]!);
      postTf.set(postingsTf[t]!, offsets[t]!);
    }
    return new LexicalIndex({ k1, b, bigrams, ids: docs.map((d) => d.id), docLens, terms, offsets, postDocs, postTf });
  }

  get size(): number {
    return this.ids.length;
  }

  get vocabularySize(): number {
    return this.terms.length;
  }

  /**
   * Top-k documents by BM25. `filter` is only consulted for documents good enough to
   * enter the current top k, so an expensive predicate stays cheap.
   */
  search(query: string, k: number, filter?: (id: string, index: number) => boolean): LexicalHit[] {
    if (k <= 0 || this.ids.length === 0) return [];
    const qTerms = new Set(lexicalTokens(query, { bigrams: this.bigrams }));
    const acc = this.acc;
    const touched = this.touched;
    let nTouched = 0;
    for (const term of qTerms) {
      const t = this.termIds.get(term);
      if (t === undefined) continue;
      const end = this.offsets[t + 1]!;
      for (let j = this.offsets[t]!; j < end; j++) {
        const d = this.postDocs[j]!;
        if (acc[d] === 0) touched[nTouched++] = d;
        acc[d] = acc[d]! + this.impacts[j]!;
      }
    }
    // Bounded insertion into a sorted top-k; k is small (tens), so this beats sorting.
    const topDocs: number[] = [];
    const topScores: number[] = [];
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i]!;
      const s = acc[d]!;
      acc[d] = 0;
      if (topDocs.length === k && s <= topScores[k - 1]!) continue;
      if (filter && !filter(this.ids[d]!, d)) continue;
      let pos = topDocs.length;
      // Ties keep build order (lower index first) so results are deterministic.
      while (pos > 0 && (topScores[pos - 1]! < s || (topScores[pos - 1] === s && topDocs[pos - 1]! > d))) pos--;
      topDocs.splice(pos, 0, d);
      topScores.splice(pos, 0, s);
      if (topDocs.length > k) {
        topDocs.pop();
        topScores.pop();
      }
    }
    return topDocs.map((d, i) => ({ id: this.ids[d]!, index: d, score: topScores[i]! }));
  }

  toJSON(): LexicalIndexJSON {
    return {
      version: FORMAT_VERSION,
      k1: this.k1,
      b: this.b,
      bigrams: this.bigrams,
      ids: this.ids,
      docLens: Array.from(this.docLens),
      terms: this.terms,
      offsets: Array.from(this.offsets),
      postDocs: Array.from(this.postDocs),
      postTf: Array.from(this.postTf),
    };
  }

  static fromJSON(input: unknown): LexicalIndex {
    const j = lexicalJsonSchema.parse(input);
    if (j.docLens.length !== j.ids.length || j.offsets.length !== j.terms.length + 1 || j.postDocs.length !== j.postTf.length) {
      throw new Error("lexical index JSON is inconsistent");
    }
    return new LexicalIndex({
      k1: j.k1,
      b: j.b,
      bigrams: j.bigrams,
      ids: j.ids,
      docLens: Uint32Array.from(j.docLens),
      terms: j.terms,
      offsets: Uint32Array.from(j.offsets),
      postDocs: Uint32Array.from(j.postDocs),
      postTf: Uint16Array.from(j.postTf),
    });
  }
}

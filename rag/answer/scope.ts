/**
 * Which documents a question is about: the wards it names (or the bot's own ward and the
 * higher-level documents that apply to it), the plan it names by its title, and whether the
 * years it asks about fall inside those plans' terms.
 */
import { foldVietnamese, syllables } from "../text/vietnamese.ts";
import { phrase } from "./asks.ts";

export interface ScopeDoc {
  file: string;
  title: string;
  ward: string;
  unitType: string;
  issuerBody: string;
  number: string | null;
  date?: string | null;
  year?: number;
  termFrom: number | null;
  termTo: number | null;
}

/** Units above a ward or commune: their documents apply to every ward under them. */
const HIGHER_LEVEL = /^(thanh pho|tinh|quan|huyen|thi xa|trung uong|toan quoc)$/;

const wardKey = (w: string) => foldVietnamese(w).replace(/\s+/g, " ").trim();

/** Every ward the question names, in order of appearance. */
export function namedWards(question: string, docs: ReadonlyArray<{ ward: string }>): string[] {
  const q = phrase(question);
  const found: Array<{ ward: string; at: number }> = [];
  for (const ward of new Set(docs.map((d) => d.ward))) {
    const at = q.indexOf(` ${wardKey(ward)} `);
    if (at >= 0) found.push({ ward, at });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.ward);
}

/**
 * The documents a question may be answered from: those of the wards it names; otherwise
 * the home ward's and the higher-level ones (a document of another ward only when named);
 * with no home ward, every document.
 */
export function scopeDocs(docs: readonly ScopeDoc[], named: readonly string[], home: string | null): ScopeDoc[] {
  if (named.length > 0) return docs.filter((d) => named.includes(d.ward) || HIGHER_LEVEL.test(wardKey(d.unitType)));
  if (home && docs.some((d) => d.ward === home)) return docs.filter((d) => d.ward === home || HIGHER_LEVEL.test(wardKey(d.unitType)));
  return [...docs];
}

/** Words that carry no identity in a title. */
const TITLE_GENERIC = new Set(
  "ke hoach chuong trinh cua cac va ve thuc hien trien khai phuong xa hdnd ubnd tren dia ban nhiem ky giai doan thanh pho so nq kh nghi quyet".split(" "),
);

/**
 * Documents the question names by their title ("kế hoạch chuyển đổi số" → the digital
 * transformation plan): the ones whose distinctive title bigrams it repeats most. Empty when
 * the question names no title.
 */
export function titledDocs(question: string, docs: readonly ScopeDoc[]): string[] {
  const qs = syllables(question);
  const qBigrams = new Set(qs.slice(1).map((w, i) => `${qs[i]}_${w}`));
  const bigramsOf = (d: ScopeDoc) => {
    const ward = new Set(syllables(d.ward));
    const s = syllables(d.title).filter((w) => !ward.has(w));
    const out = new Set<string>();
    for (let i = 0; i + 1 < s.length; i++) if (!(TITLE_GENERIC.has(s[i]!) && TITLE_GENERIC.has(s[i + 1]!))) out.add(`${s[i]}_${s[i + 1]}`);
    return out;
  };
  const all = docs.map((d) => ({ d, b: bigramsOf(d) }));
  const df = new Map<string, number>();
  for (const { b } of all) for (const g of b) df.set(g, (df.get(g) ?? 0) + 1);
  const scored = all.map(({ d, b }) => {
    let score = 0;
    for (const g of b) if (qBigrams.has(g)) score += 1 / (df.get(g) ?? 1);
    return { file: d.file, score };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  // One shared bigram ("đổi mới") names nothing; two distinctive ones name a plan.
  if (best < 1.5) return [];
  return scored.filter((s) => s.score >= best - 0.01).map((s) => s.file);
}

/** A document's years: its term, or from its year on when it has no end. */
export function coversYear(d: ScopeDoc, year: number): boolean {
  const from = d.termFrom ?? d.year ?? year;
  const to = d.termTo ?? Number.POSITIVE_INFINITY;
  return year >= from && year <= to;
}

/** Years asked about that none of the documents covers. */
export function uncoveredYears(years: readonly number[], docs: readonly ScopeDoc[]): number[] {
  return years.filter((y) => !docs.some((d) => coversYear(d, y)));
}

/** Words after "phường"/"xã" that are not a place ("phường mình", "xã hội", "phường có"). */
const NOT_PLACE = new Set(
  (
    "minh toi ta chung nay do kia ay nao khac moi cu ban nha em anh chi hoi hien co khong la thi se da dang can phai duoc bi va voi cho cua ve theo o tai trong ngoai tren duoi tu den de ma nhung cac mot hai ba nhieu it rat qua lam gi sao the nhu khi neu vi nen con truong pho doi dan thon to ap khu ban uy ubnd hdnd tdp can bo cac ta ay day"
  ).split(" "),
);

/**
 * A place typed without capitals after "phường"/"xã" that matches no document's ward
 * ("phuong long bien"). `knownAfter` holds the word pairs that follow "phường"/"xã" in the
 * corpus, so ordinary phrases of the documents never look like a place.
 */
export function unknownPlainPlace(question: string, docs: readonly ScopeDoc[], knownAfter: ReadonlySet<string>): string | null {
  const words = syllables(question);
  const wardStarts = new Set(docs.map((d) => syllables(d.ward)[0]!));
  // Typed with marks, a place is capitalised: "xã họp thường lệ" is the commune meeting.
  const plainTyped = new Set((question.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => /^[a-z0-9]+$/i.test(w)).map((w) => w.toLowerCase()));
  for (let i = 0; i + 2 < words.length + 1; i++) {
    if (words[i] !== "phuong" && words[i] !== "xa") continue;
    const a = words[i + 1];
    const b = words[i + 2];
    if (!a || !b || wardStarts.has(a) || NOT_PLACE.has(a) || NOT_PLACE.has(b) || knownAfter.has(`${a} ${b}`) || /\d/.test(a + b)) continue;
    if (!plainTyped.has(a) && !plainTyped.has(b)) continue;
    return `${words[i] === "xa" ? "xã" : "phường"} ${a} ${b}`;
  }
  return null;
}

/** The two words that follow "phường"/"xã" anywhere in the given texts ("phường lồng ghép" → "long ghep"). */
export function wordsAfterUnit(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    const w = syllables(t);
    for (let i = 0; i + 2 < w.length; i++) if (w[i] === "phuong" || w[i] === "xa") out.add(`${w[i + 1]} ${w[i + 2]}`);
  }
  return out;
}

/** Document numbers a question names ("82/NQ-HĐND", "1155-QĐ/TU", "06/KH-TTHĐND"). */
export function namedNumbers(question: string): string[] {
  return [...question.matchAll(/\b\d+\s*(?:\/\s*[\p{Lu}Đ][\p{L}Đ&]*(?:-[\p{Lu}Đ][\p{L}Đ&]*)*|-[\p{Lu}Đ][\p{L}]*\/[\p{Lu}Đ][\p{L}]*)/gu)].map((m) => m[0]!.replace(/\s+/g, ""));
}

export const numberKey = (n: string) => foldVietnamese(n).replace(/[^a-z0-9]/g, "");

/** Documents a question names by their own number ("Theo Kế hoạch 06/KH-TTHĐND, …"). */
export function numberedDocs(question: string, docs: readonly ScopeDoc[]): string[] {
  const keys = namedNumbers(question).map(numberKey);
  return docs.filter((d) => d.number && keys.includes(numberKey(d.number))).map((d) => d.file);
}

/**
 * Finds the sentences that answer a question inside retrieved chunks, and measures how
 * much of the question they cover. Coverage decides `found`: an answer is only given
 * when the evidence contains the question's distinctive terms.
 */
import { parseHeading } from "../ingest/sections.ts";
import type { ScoredChunk } from "../retrieval/types.ts";
import { syllables } from "../text/vietnamese.ts";

/** Function words and question words that carry no content (folded). */
const STOP = new Set(
  (
    // Only syllables that are function words under every diacritic reading: folding
    // merges "chủ"/"chứ" and "đất"/"đạt", so those stay content words.
    "a ai ay cac cai cho co cua da dang de den deu di do duoc gi ha hay khi khong ko la len ma minh mot nao ne neu nhi nhu nhung o oi ra roi sao se thi toi tren trong tu va vao vay ve voi xin nay kia theo thuoc vui long phai hai"
  ).split(" "),
);

/** Place and document-type words: they pick documents, not answers. */
const GENERIC = new Set("phuong xa hdnd ubnd ke hoach cua thanh pho".split(" "));

export interface TermStats {
  /** Document frequency of folded syllables and bigrams over all chunks. */
  df: Map<string, number>;
  total: number;
}

export function buildTermStats(texts: Iterable<string>): TermStats {
  const df = new Map<string, number>();
  let total = 0;
  for (const text of texts) {
    total++;
    for (const t of new Set(termsOf(text))) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return { df, total };
}

/**
 * Acronyms plans write in place of the name questions spell out (expanded from typed
 * acronyms): a passage saying "Ủy ban MTTQ" also holds the terms of "Mặt trận Tổ quốc".
 */
const ACRONYMS: Record<string, string[]> = {
  mttq: ["mat", "tran", "to", "quoc"],
  ubmttq: ["uy", "ban", "mat", "tran", "to", "quoc"],
};

/** Folded syllables and adjacent-syllable bigrams ("duong", "ngap", "duong_ngap"). */
export function termsOf(text: string): string[] {
  const s = syllables(text).flatMap((w) => ACRONYMS[w] ?? [w]);
  const out = s.slice();
  for (let i = 0; i + 1 < s.length; i++) out.push(`${s[i]}_${s[i + 1]}`);
  return out;
}

export interface QueryTerms {
  terms: Map<string, number>;
  total: number;
  /** Numbered events the question names ("lần thứ 5" → lan: 5). */
  ordinals: Map<string, number>;
}

/** Two-syllable question words: they ask, they are not content ("bao nhiêu" is not "bảo"). */
const QUESTION_PAIRS = new Set(["bao nhieu", "bao gio", "khi nao", "the nao", "la gi", "o dau", "ra sao", "vi sao", "tai sao", "bao lau", "nhu the", "la ai"]);

export function queryTerms(question: string, stats: TermStats, ignore: ReadonlySet<string> = new Set()): QueryTerms {
  // "tháng mấy", "ngày mấy", "lần mấy": "mấy" asks, it is not "máy" (machine).
  const all = syllables(question);
  const asking = new Set<number>();
  for (let i = 0; i + 1 < all.length; i++) if (QUESTION_PAIRS.has(`${all[i]} ${all[i + 1]}`)) asking.add(i).add(i + 1);
  const s = all.filter((w, i) => !asking.has(i) && !(w === "may" && i > 0 && /^(thang|ngay|nam|lan|quy|cuoc|gio|muc|so|bao)$/.test(all[i - 1]!)));
  const content = s.map((w) => (STOP.has(w) || GENERIC.has(w) || ignore.has(w) ? null : w));
  const terms = new Map<string, number>();
  const idf = (t: string) => Math.log(1 + stats.total / (1 + (stats.df.get(t) ?? 0)));
  for (const w of content) if (w && (stats.df.get(w) ?? 0) > 0) terms.set(w, idf(w));
  // Unknown words count too: a question about something the corpus never mentions must not look covered.
  for (const w of content) if (w && !stats.df.has(w) && !/^\d+$/.test(w)) terms.set(w, Math.log(1 + stats.total));
  for (let i = 0; i + 1 < content.length; i++) {
    const a = content[i];
    const b = content[i + 1];
    if (a && b) {
      const bg = `${a}_${b}`;
      // Bigrams only reward phrases the corpus has; an unseen pair is usually two phrases meeting.
      if (stats.df.has(bg)) terms.set(bg, 0.5 * idf(bg));
    }
  }
  let total = 0;
  for (const w of terms.values()) total += w;
  return { terms, total, ordinals: ordinalsOf(question) };
}

const ORDINAL_WORDS: Record<string, number> = { nhat: 1, hai: 2, ba: 3, tu: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10 };
const ROMAN_NUM: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };

/**
 * "lần thứ 5", "kỳ họp thứ hai", "Đại hội lần thứ II": the numbered event a question or a
 * sentence is about, keyed by the word before "thứ".
 */
export function ordinalsOf(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const t = syllables(text).join(" ");
  // "lần 2" says the same as "lần thứ 2"; "2 lần" (a count) does not match.
  for (const m of t.matchAll(/\b(lan|hop|khoa|dot) (?:thu )?([0-9]+|i{1,3}|iv|vi{0,3}|ix|xi{0,3}|nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi)\b/g)) {
    const w = m[2]!;
    const n = /^\d+$/.test(w) ? Number(w) : (ORDINAL_WORDS[w] ?? ROMAN_NUM[w]);
    if (n !== undefined && !out.has(m[1]!)) out.set(m[1]!, n);
  }
  return out;
}

/** Splits a chunk into answerable units: sentences and bullets; a list intro keeps its items. */
export function unitsOf(chunk: ScoredChunk): string[] {
  // A task row and a document card answer as a whole.
  if (chunk.chunk.kind === "task" || chunk.chunk.id.startsWith("m:")) return [chunk.chunk.text.split("\n").slice(-1)[0]!];
  const lines = chunk.chunk.text.split(/\n+/).slice(1); // first line is the heading path
  const units: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    // Heading lines are in the cited section path; alone they answer nothing.
    if (!line || parseHeading(line)) continue;
    if (/:\s*$/.test(line)) {
      // "… gồm:" followed by bullets: the bullets are the answer.
      const items: string[] = [];
      for (let j = i + 1; j < lines.length && items.length < 8 && /^[-–•+*]/.test(lines[j]!.trim()); j++) items.push(lines[j]!.trim());
      units.push([line, ...items].join("\n"));
    }
    for (const sentence of line.split(/(?<=[.;!?])\s+(?=[A-ZĐÂĂÊÔƠƯ\-–•"“(0-9])/u)) {
      // A bullet's marker is layout, not text.
      const unit = sentence.trim().replace(/^[-–•+*]\s*/u, "");
      if (unit.length > 3) units.push(unit);
    }
  }
  return units;
}

/**
 * Share of the question's weighted terms found in a unit. Terms of `exclude` (the words of
 * the unit's document title) are left out of both sides: they tell which document the
 * question is about, not where in it the answer is.
 */
export function coverage(unit: string | ReadonlySet<string>, q: QueryTerms, exclude: ReadonlySet<string> = new Set(), titleFallback = true): number {
  let total = 0;
  for (const [t, w] of q.terms) if (!exclude.has(t)) total += w;
  // A question that only restates the title is judged on every term.
  if (titleFallback && total < q.total * 0.2) {
    exclude = new Set();
    total = q.total;
  }
  if (total === 0) return 0;
  const present = typeof unit === "string" ? new Set(termsOf(unit)) : unit;
  let hit = 0;
  for (const [t, w] of q.terms) if (!exclude.has(t) && present.has(t)) hit += w;
  return hit / total;
}

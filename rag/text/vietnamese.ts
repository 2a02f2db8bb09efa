/**
 * Vietnamese text normalisation shared by ingestion, retrieval and classification.
 *
 * Two canonical forms:
 * - `normalizeVietnamese`: NFC, one tone-mark placement (the "hòa/thủy" style used in
 *   the council's own documents), typo repairs such as "Qúy" → "Quý", collapsed spaces.
 * - `foldVietnamese`: lower-case, diacritics removed, "đ" → "d". Voters often type
 *   without diacritics, so every lexical comparison happens on folded text. The other
 *   folds below build on it, except `foldSameLength`, which must keep string positions.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u;

/** Vowel pairs whose tone sits on the first vowel in open syllables: "hoà" → "hòa". */
const FIRST_VOWEL_PAIRS = new Set(["oa", "oe", "uy"]);

/**
 * Moves a tone mark to the canonical vowel inside one syllable. Works on NFD text where
 * a tone is a combining mark after its base letter.
 */
function canonicalToneSyllable(syllable: string): string {
  const nfd = syllable.normalize("NFD");
  const toneMatch = nfd.match(TONE_MARKS);
  if (!toneMatch) return syllable;
  const tone = toneMatch[0];
  const bare = nfd.replace(TONE_MARKS, "");
  const lower = bare.toLowerCase();
  // Letters with their non-tone diacritics kept (â, ơ, ư...), tone removed.
  const letters = Array.from(bare.normalize("NFC"));
  const lowerLetters = Array.from(lower.normalize("NFC"));
  const isVowel = (c: string) => /[aăâeêioôơuưy]/u.test(c);
  let start = 0;
  // "qu" and "gi" are onsets: their u/i is not part of the nucleus.
  if (lowerLetters[0] === "q" && lowerLetters[1] === "u") start = 2;
  else if (lowerLetters[0] === "g" && lowerLetters[1] === "i" && lowerLetters.length > 2 && isVowel(lowerLetters[2]!)) start = 2;
  let vStart = -1;
  let vEnd = -1;
  for (let i = start; i < lowerLetters.length; i++) {
    if (isVowel(lowerLetters[i]!)) {
      if (vStart < 0) vStart = i;
      vEnd = i;
    } else if (vStart >= 0) break;
  }
  if (vStart < 0) return syllable;
  const nucleus = lowerLetters.slice(vStart, vEnd + 1).join("");
  const hasCoda = vEnd < lowerLetters.length - 1;
  let target: number;
  const withMark = nucleus.search(/[ăâêôơư]/u);
  if (withMark >= 0 && !(nucleus === "ươ" || nucleus === "ươi" || nucleus === "ươu")) {
    target = vStart + withMark;
  } else if (nucleus.startsWith("ươ")) {
    target = vStart + 1;
  } else if (nucleus.length === 1) {
    target = vStart;
  } else if (nucleus.length === 3) {
    target = vStart + 1;
  } else if (hasCoda) {
    target = vStart + 1;
  } else if (FIRST_VOWEL_PAIRS.has(nucleus) || /^(ai|ao|au|ay|eo|eu|ia|iu|oi|ua|ui|ưa|ưi|ưu|êu|âu|ây|ôi|ơi)$/u.test(nucleus)) {
    target = vStart;
  } else {
    target = vStart + 1;
  }
  const out = letters.map((c, i) => (i === target ? (c.normalize("NFD") + tone).normalize("NFC") : c));
  return out.join("");
}

/** Repairs typos seen in the PDF extracts before tone placement ("Qúy" → "Quý"). */
function repairTypos(text: string): string {
  return text.replace(/([Qq])([úùủũụ])([yY])/gu, (_m, q: string, u: string, y: string) => {
    const tone = u.normalize("NFD").slice(1);
    return `${q}u${(y + tone).normalize("NFC")}`;
  });
}

/** NFC + typo repair + canonical tone placement. Keeps case, punctuation and line breaks. */
export function normalizeVietnamese(text: string): string {
  const nfc = repairTypos(text.normalize("NFC"));
  return nfc.replace(/[\p{L}\p{M}]+/gu, (word) => (TONE_MARKS.test(word.normalize("NFD")) ? canonicalToneSyllable(word) : word)).normalize("NFC");
}

/** Lower-case, strip every diacritic, map đ → d. "Đường ngập" → "duong ngap". */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

/**
 * `foldVietnamese` for code that maps positions back to the original: one output UTF-16
 * unit per input unit (a precomposed letter keeps only its base letter), so an index found
 * in the folded text points at the same place in the original. Expects NFC input.
 */
export function foldSameLength(s: string): string {
  let out = "";
  for (const unit of s.split("")) {
    if (unit === "đ" || unit === "Đ") out += "d";
    else out += unit.normalize("NFD")[0]!.toLowerCase();
  }
  return out;
}

/** Folded, white space collapsed to single spaces and trimmed: the form names and filters are compared in. */
export function foldCollapsed(text: string): string {
  return foldVietnamese(text).replace(/\s+/g, " ").trim();
}

/**
 * Folded words (letters, digits and "/") separated by single spaces, with one space at each
 * end, so a pattern can ask for whole words: / quy (nay|toi) /.
 */
export function foldForMatching(text: string): string {
  return ` ${foldVietnamese(text).replace(/[^a-z0-9/]+/g, " ").replace(/\s+/g, " ").trim()} `;
}

/** Folded syllables (letters and digits), in order. */
export function syllables(text: string): string[] {
  return foldVietnamese(text).match(/[a-z0-9]+/g) ?? [];
}

/** Folded syllables plus adjacent-syllable bigrams ("duong", "ngap", "duong_ngap"). */
export function syllablesAndBigrams(text: string): string[] {
  const s = syllables(text);
  const out = s.slice();
  for (let i = 0; i + 1 < s.length; i++) out.push(`${s[i]}_${s[i + 1]}`);
  return out;
}

/** Comparison key for facts: NFC, canonical tones, case-folded, whitespace collapsed. */
export function factKey(text: string): string {
  return normalizeVietnamese(text).toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Text features for the offline classifier.
 *
 * Everything works on folded text (no diacritics, lower case, đ → d) so that
 * "duong ngap nuoc" and "Đường ngập nước" produce the same features; chat
 * shorthand ("ko", "dc", "j", "z", "ntn"...) is expanded after folding, so "ko dc"
 * and "không được" match too.
 */
import { foldVietnamese } from "../../rag/text/vietnamese.ts";

/**
 * Chat shorthand seen in voters' messages, keyed by the folded token. Ambiguous
 * short forms whose readings split between categories ("hong": hỏng/không,
 * "a": anh/ạ) are deliberately left out.
 */
export const TEENCODE: Readonly<Record<string, string>> = {
  // không
  ko: "khong", k: "khong", kg: "khong", khg: "khong", kh: "khong", hok: "khong", hk: "khong", khum: "khong", khong: "khong", kp: "khong phai",
  // được, gì, vậy, rồi...
  dc: "duoc", dk: "duoc", duoc: "duoc", dcj: "duoc gi",
  j: "gi", ji: "gi", z: "vay", v: "vay", vz: "vay", zay: "vay", dzay: "vay", r: "roi", roai: "roi",
  ntn: "nhu the nao", bn: "bao nhieu", bnh: "bao nhieu", bh: "bao gio", bgio: "bao gio", bjo: "bao gio", bjh: "bao gio",
  e: "em", mn: "moi nguoi", mng: "moi nguoi", mk: "minh", mik: "minh", mjk: "minh", ng: "nguoi", ngta: "nguoi ta",
  ad: "admin", add: "admin", ae: "anh em", ace: "anh chi em",
  vs: "voi", nhg: "nhung", nma: "nhung ma", trc: "truoc", ms: "moi", cx: "cung", cg: "cung", wa: "qua", qa: "qua",
  bit: "biet", bik: "biet", nhiu: "nhieu", lm: "lam", ns: "noi", hqua: "hom qua", hnay: "hom nay", hum: "hom",
  nc: "nuoc", dt: "dien thoai", dth: "dien thoai", sdt: "so dien thoai", kq: "ket qua", ktra: "kiem tra", tgian: "thoi gian",
  dky: "dang ky", dki: "dang ky", tks: "cam on", thanks: "cam on", thank: "cam on", thx: "cam on", camon: "cam on",
  oke: "ok", oki: "ok", okie: "ok", okela: "ok", uh: "u", uhm: "u", um: "u", ah: "a", ak: "a", ahh: "a",
  // Administrative abbreviations, normalised to one spelling.
  p: "phuong", x: "xa", tp: "thanh pho", ubnd: "ubnd", hdnd: "hdnd", tdp: "tdp", nvh: "nha van hoa", kn: "kien nghi", nq: "nghi quyet",
  bhyt: "bao hiem y te", bhxh: "bao hiem xa hoi", cccd: "can cuoc", cmnd: "chung minh", dvc: "dich vu cong", gpmb: "giai phong mat bang",
  hs: "hoc sinh", gv: "giao vien", cty: "cong ty", hkd: "ho kinh doanh", kd: "kinh doanh", xd: "xay dung", ttr: "thuong truc",
};

/** Multi-syllable spellings folded into the abbreviation most voters type. */
const PHRASES: ReadonlyArray<[string[], string]> = [
  [["hoi", "dong", "nhan", "dan"], "hdnd"],
  [["uy", "ban", "nhan", "dan"], "ubnd"],
  [["to", "dan", "pho"], "tdp"],
  [["nha", "van", "hoa"], "nha van hoa"],
];

/** Marker token for a petition code ("KN-2026-000123", "mã 000045"). */
export const KN_CODE_TOKEN = "kncode";
const KN_CODE_PATTERNS: RegExp[] = [
  /\bkn[\s\-_.:#/]*(?:\d{4}[\s\-_./]*)?\d{3,6}\b/g,
  /\bma\s*(?:so\s*|la\s*|kien\s*nghi\s*|don\s*)*[:#]?\s*\d{5,6}\b/g,
  /\b0{2,}\d{2,4}\b/g,
];

/** Folded, shorthand-expanded syllables; numbers become "num", petition codes "kncode". */
export function normalizeTokens(text: string): string[] {
  let folded = foldVietnamese(text.normalize("NFC"));
  for (const re of KN_CODE_PATTERNS) folded = folded.replace(re, ` ${KN_CODE_TOKEN} `);
  const raw = folded.match(/[a-z]+|\d+/g) ?? [];
  const expanded: string[] = [];
  for (const t of raw) {
    if (/^\d+$/.test(t)) {
      expanded.push("num");
      continue;
    }
    const mapped = TEENCODE[t];
    if (mapped) expanded.push(...mapped.split(" "));
    else expanded.push(squeezeRepeats(t));
  }
  return collapsePhrases(expanded);
}

/** "quaaa" → "qua", "nguyyy" → "nguy": voters stretch words for emphasis. */
function squeezeRepeats(token: string): string {
  return token.replace(/([a-z])\1{2,}/g, "$1");
}

function collapsePhrases(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let matched = false;
    for (const [seq, rep] of PHRASES) {
      if (seq.every((s, j) => tokens[i + j] === s)) {
        out.push(...rep.split(" "));
        i += seq.length;
        matched = true;
        break;
      }
    }
    if (!matched) out.push(tokens[i++]!);
  }
  return out;
}

/** Normalised text as one string (for rules that match on folded text). */
export function normalizeText(text: string): string {
  return normalizeTokens(text).join(" ");
}

export interface FeatureOptions {
  /** Adjacent-syllable bigrams ("duong_ngap"). */
  bigrams: boolean;
  /** Character n-gram sizes inside each syllable, with boundary marks ("^ng", "ap$"); [] for none. */
  charNgrams: number[];
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { bigrams: true, charNgrams: [] };

/**
 * Distinct features of a message: syllables, bigrams, optional char n-grams, plus
 * a few shape markers (question mark, petition code, length bucket).
 */
export function extractFeatures(text: string, opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS): string[] {
  const toks = normalizeTokens(text);
  const feats = new Set<string>();
  for (const t of toks) feats.add(t);
  if (opts.bigrams) for (let i = 0; i + 1 < toks.length; i++) feats.add(`${toks[i]}_${toks[i + 1]}`);
  if (opts.charNgrams.length) {
    for (const t of toks) {
      if (t.length < 3 || t === "num" || t === KN_CODE_TOKEN) continue;
      const padded = `^${t}$`;
      for (const n of opts.charNgrams) {
        for (let i = 0; i + n <= padded.length; i++) feats.add(`#${padded.slice(i, i + n)}`);
      }
    }
  }
  if (text.includes("?")) feats.add("__qmark");
  // Very short messages are mostly greetings/thanks; long ones mostly petitions.
  feats.add(toks.length <= 3 ? "__len_s" : toks.length <= 12 ? "__len_m" : "__len_l");
  return [...feats];
}

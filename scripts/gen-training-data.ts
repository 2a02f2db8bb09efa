/**
 * Deterministic generator of the offline classifier's training set:
 *   npx tsx scripts/gen-training-data.ts [--out corpus/training/messages.train.jsonl] [--seed 20260323]
 *
 * Messages are composed from hand-written phrases and slots (scripts/training-phrases.ts),
 * plus a hand-written list of whole natural messages, then made chat-like with a
 * seeded noise pass: diacritics stripped (~40%), shorthand ("ko", "dc", "j", "z"),
 * typos, dropped punctuation, capitals, emoji. Same seed → byte-identical file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CategoryId, IntentId } from "../bot/classify/taxonomy.ts";
import {
  CATEGORY_PHRASES,
  GENERIC_ASKS,
  NATURAL,
  OTHER_MESSAGES,
  PETITION_QUESTION_TAILS,
  QUESTION_FRAMES,
  QUESTION_NATURAL,
  SLOTS,
  STATUS_FRAMES,
  STATUS_NATURAL,
  URGENT_TAILS,
  LETTER_OPENERS,
  LETTER_CLOSERS,
  PETITION_OPENERS,
} from "./training-phrases.ts";

export interface TrainingRow {
  id: string;
  text: string;
  intent: IntentId;
  category: CategoryId | null;
}

/** mulberry32: small, fast, good enough for reproducible sampling. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(readonly rnd: () => number) {}
  pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.rnd() * arr.length)]!;
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  /** Replaces {slot} recursively from SLOTS; {n}, {n2}, {small}, {year}... are numbers. */
  fill(template: string, depth = 0): string {
    if (depth > 6) return template;
    return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
      switch (name) {
        case "n":
        case "n2":
          return String(this.int(2, 180));
        case "small":
          return String(this.int(1, 16));
        case "year":
          return String(this.pick([2019, 2020, 2021, 2022, 2023, 2024, 2025]));
        case "age":
          return String(this.int(75, 95));
        case "num6":
          return String(this.int(1, 999)).padStart(6, "0");
        case "day":
          return `${this.int(1, 28)}/${this.int(1, 12)}`;
      }
      const options = SLOTS[name];
      if (!options) throw new Error(`unknown slot {${name}} in "${template}"`);
      return this.fill(this.pick(options), depth + 1);
    });
  }
}

const sentence = (s: string) => {
  const t = s.trim();
  if (!t) return t;
  return t[0]!.toUpperCase() + t.slice(1);
};

const endWith = (s: string, p: string) => (/[.!?…]$/.test(s) ? s : s + p);

function petition(g: Gen, cat: CategoryId): string {
  const ph = CATEGORY_PHRASES[cat];
  let core = g.fill(g.pick(ph.cores));
  const parts: string[] = [];
  const style = g.rnd();
  if (ph.extras.length && g.chance(0.45)) core += `, ${g.fill(g.pick(ph.extras))}`;
  // Hard case: a second, minor topic after the main one (label stays the main one).
  if (g.chance(0.08)) {
    const others = Object.keys(CATEGORY_PHRASES).filter((c) => c !== cat) as CategoryId[];
    const minor = CATEGORY_PHRASES[g.pick(others)].minor;
    if (minor.length) core += `, ${g.pick(["ngoài ra", "thêm nữa là", "còn", "với lại"])} ${g.fill(g.pick(minor))}`;
  }
  const ask = g.chance(0.6) ? g.fill(g.chance(0.7) && ph.asks.length ? g.pick(ph.asks) : g.pick(GENERIC_ASKS)) : "";
  if (style < 0.1) {
    // Formal letter.
    parts.push(g.fill(g.pick(LETTER_OPENERS)));
    parts.push(endWith(sentence(core), "."));
    parts.push(endWith(sentence(ask || g.fill(g.pick(GENERIC_ASKS))), "."));
    if (g.chance(0.7)) parts.push(g.fill(g.pick(LETTER_CLOSERS)));
    return parts.join(" ");
  }
  if (style < 0.22) parts.push(g.fill(g.pick(PETITION_OPENERS)));
  if (ask && g.chance(0.2)) {
    // Request first, then the problem.
    parts.push(`${ask} vì ${core}`);
  } else {
    parts.push(core);
    if (ask) parts.push(ask);
  }
  if (g.chance(0.1)) parts.push(g.fill(g.pick(PETITION_QUESTION_TAILS)));
  if (ph.urgent && g.chance(0.25)) parts.push(g.fill(g.pick(URGENT_TAILS)));
  const sep = g.pick([", ", ". ", " ", ", ", ". "]);
  return parts.map((p, i) => (i === 0 ? sentence(p) : sep === ". " ? sentence(p) : p)).join(sep);
}

function fromFrames(g: Gen, frames: readonly string[]): string {
  return sentence(g.fill(g.pick(frames)));
}

// ---------------------------------------------------------------- noise

/** Strips tone and vowel marks, keeps case: "Đường" → "Duong". */
export function stripDiacritics(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFC");
}

/** Word → shorthand variants voters use; applied on text that still has diacritics. */
const SHORTHAND: ReadonlyArray<[string, string[]]> = [
  ["không", ["ko", "k", "khong", "hông", "hok", "kh", "k0"]],
  ["được", ["đc", "dc", "dk", "đk"]],
  ["gì", ["j", "gi"]],
  ["vậy", ["z", "v", "zậy", "dzậy"]],
  ["như thế nào", ["ntn", "thế nào"]],
  ["bao nhiêu", ["bn", "bnhiu"]],
  ["bao giờ", ["bh", "bgio", "bjo"]],
  ["em", ["e"]],
  ["mọi người", ["mn", "mng"]],
  ["số điện thoại", ["sđt", "sdt"]],
  ["với", ["vs", "vois"]],
  ["người", ["ng"]],
  ["những", ["nhg", "nhữg"]],
  ["nhưng", ["nhg", "nhưg", "nma"]],
  ["rồi", ["r", "rùi", "roài"]],
  ["biết", ["bít", "bik", "bit"]],
  ["trước", ["trc"]],
  ["mới", ["ms"]],
  ["cũng", ["cx", "cg"]],
  ["quá", ["wá", "qá", "quáaa"]],
  ["nhiều", ["nhìu", "nhiu"]],
  ["thôi", ["thui"]],
  ["hôm qua", ["hqua", "hum qua"]],
  ["hôm nay", ["hnay", "hum nay"]],
  ["tổ dân phố", ["TDP", "tdp", "tổ dp"]],
  ["điện thoại", ["đt", "dt"]],
  ["bây giờ", ["bh", "bjo", "giờ"]],
  ["kiểm tra", ["ktra", "kt"]],
  ["học sinh", ["hs"]],
  ["thời gian", ["tgian"]],
  ["nước", ["nc"]],
  ["đăng ký", ["đk", "dky"]],
  ["ạ", ["a", "ah", "ak", "ạk", "ạ ạ"]],
  ["anh", ["a"]],
  ["chị", ["c"]],
  ["Hội đồng nhân dân", ["HĐND", "hdnd"]],
  ["Ủy ban nhân dân", ["UBND", "ubnd"]],
  ["phường", ["p.", "p"]],
  ["xã", ["x."]],
  ["công an", ["CA", "ca"]],
  ["bảo hiểm y tế", ["BHYT", "bhyt"]],
  ["bảo hiểm xã hội", ["BHXH", "bhxh"]],
  ["căn cước", ["CCCD", "cccd"]],
  ["thì", ["thì", "thi"]],
  ["vào", ["vô", "zô"]],
  ["không biết", ["ko bít", "k bit", "hổng biết"]],
];

const EMOJI = ["😡", "🙏", "😢", "🙄", "😤", "😟", "🤬", "😭", "👍", "!!!", "??", "🥲", "😩"];

/** Letters a hurried typist mixes up (neighbouring keys, Telex slips). */
const TYPO_SWAP: Record<string, string> = { n: "m", m: "n", i: "o", o: "i", a: "s", s: "a", e: "r", t: "y", u: "y", h: "j", g: "h", c: "v" };

function typo(g: Gen, word: string): string {
  if (word.length < 3) return word;
  const chars = Array.from(word);
  const i = g.int(1, chars.length - 1);
  switch (g.int(0, 4)) {
    case 0: // drop a letter
      chars.splice(i, 1);
      break;
    case 1: // double a letter
      chars.splice(i, 0, chars[i]!);
      break;
    case 2: // swap neighbours
      if (i + 1 < chars.length) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
      break;
    case 3: {
      // neighbouring key
      const c = chars[i]!.toLowerCase();
      if (TYPO_SWAP[c]) chars[i] = TYPO_SWAP[c]!;
      break;
    }
    case 4: {
      // wrong or missing tone on this syllable
      const nfd = word.normalize("NFD");
      const tones = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];
      const replaced = nfd.replace(/[\u0300\u0301\u0303\u0309\u0323]/u, g.chance(0.5) ? "" : g.pick(tones));
      return replaced.normalize("NFC");
    }
  }
  return chars.join("");
}

export function addNoise(g: Gen, text: string, level = 1): string {
  let t = text;
  // Shorthand first, while the words still carry diacritics.
  if (g.chance(0.45 * level)) {
    for (const [word, forms] of SHORTHAND) {
      const re = new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, "giu");
      t = t.replace(re, (m) => (g.chance(0.55) ? g.pick(forms) : m));
    }
  }
  if (g.chance(0.3 * level)) {
    t = t.replace(/[\p{L}]+/gu, (w) => (g.chance(0.07) ? typo(g, w) : w));
  }
  const r = g.rnd();
  if (r < 0.4) t = stripDiacritics(t);
  else if (r < 0.46) t = t.replace(/[\p{L}]+/gu, (w) => (g.chance(0.5) ? stripDiacritics(w) : w)); // half-typed
  if (g.chance(0.45)) t = t.toLowerCase();
  else if (g.chance(0.05)) t = t.toUpperCase();
  if (g.chance(0.3)) t = t.replace(/,\s*/g, " ");
  if (g.chance(0.5)) t = t.replace(/[.!]\s*$/u, "");
  if (g.chance(0.15)) t = t.replace(/\.\s+/g, " ");
  if (g.chance(0.09)) t = `${t} ${g.pick(EMOJI)}`;
  return t.replace(/\s{2,}/g, " ").trim();
}

// ---------------------------------------------------------------- main

export interface GenerateOptions {
  seed?: number;
  /** Composed petitions per category. */
  perCategory?: number;
  questions?: number;
  statuses?: number;
  others?: number;
}

export function generateTrainingRows(opts: GenerateOptions = {}): TrainingRow[] {
  const g = new Gen(mulberry32(opts.seed ?? 20260323));
  const perCategory = opts.perCategory ?? 300;
  const rows: Omit<TrainingRow, "id">[] = [];
  const seen = new Set<string>();
  const push = (text: string, intent: IntentId, category: CategoryId | null) => {
    const key = text.toLowerCase();
    if (seen.has(key) || text.length < 2) return false;
    seen.add(key);
    rows.push({ text, intent, category });
    return true;
  };
  const produce = (n: number, make: () => string, intent: IntentId, category: CategoryId | null) => {
    let made = 0;
    for (let tries = 0; made < n && tries < n * 6; tries++) if (push(addNoise(g, make()), intent, category)) made++;
  };

  for (const cat of Object.keys(CATEGORY_PHRASES) as CategoryId[]) {
    produce(perCategory, () => petition(g, cat), "petition", cat);
  }
  produce(opts.questions ?? 650, () => fromFrames(g, QUESTION_FRAMES), "question", null);
  produce(opts.statuses ?? 320, () => fromFrames(g, STATUS_FRAMES), "status", null);

  // Hand-written whole messages: once as written, once (or twice) with noise.
  const natural: Array<[string, IntentId, CategoryId | null]> = [
    ...NATURAL.map(([t, c]) => [t, "petition", c] as [string, IntentId, CategoryId | null]),
    ...QUESTION_NATURAL.map((t) => [t, "question", null] as [string, IntentId, CategoryId | null]),
    ...STATUS_NATURAL.map((t) => [t, "status", null] as [string, IntentId, CategoryId | null]),
    ...OTHER_MESSAGES.map((t) => [t, "other", null] as [string, IntentId, CategoryId | null]),
  ];
  for (const [text, intent, category] of natural) {
    const filled = g.fill(text);
    push(filled, intent, category);
    push(addNoise(g, g.fill(text)), intent, category);
    if (intent === "other") push(addNoise(g, g.fill(text)), intent, category);
  }
  const shuffled = rows.map((r) => ({ r, k: g.rnd() })).sort((a, b) => a.k - b.k).map((x) => x.r);
  return shuffled.map((r, i) => ({ id: `train-${String(i + 1).padStart(5, "0")}`, ...r }));
}

function main() {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const out = path.resolve(arg("--out") ?? path.join(root, "corpus/training/messages.train.jsonl"));
  const seed = Number(arg("--seed") ?? 20260323);
  const rows = generateTrainingRows({ seed });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const byIntent = new Map<string, number>();
  const byCat = new Map<string, number>();
  let plain = 0;
  for (const r of rows) {
    byIntent.set(r.intent, (byIntent.get(r.intent) ?? 0) + 1);
    if (r.category) byCat.set(r.category, (byCat.get(r.category) ?? 0) + 1);
    if (stripDiacritics(r.text) === r.text) plain++;
  }
  console.log(`wrote ${rows.length} rows to ${path.relative(process.cwd(), out)}`);
  console.log(`intents: ${[...byIntent].map(([k, v]) => `${k}=${v}`).join(" ")}`);
  console.log(`categories: ${[...byCat].map(([k, v]) => `${k}=${v}`).join(" ")}`);
  console.log(`without diacritics: ${((100 * plain) / rows.length).toFixed(1)}%`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

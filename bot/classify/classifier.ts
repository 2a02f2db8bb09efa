/**
 * Message understanding for the petitions service: intent, category, confidence,
 * urgency, a one-line summary and the place mentioned.
 *
 * Uses the LLM when one is configured and falls back to the offline model when
 * the LLM is absent, too slow (budget exceeded), fails, or answers something
 * invalid. `source` records which one answered.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { createLlmClassifier, LlmClassifierError, type LlmClassifier, type LlmClassifierConfig, type LlmFailureReason } from "./llm-classifier.ts";
import { loadOfflineClassifier, type OfflineClassifier } from "./offline-model.ts";
import { detectUrgency } from "./urgency.ts";
import { redact } from "../../lib/redact.ts";
import { foldSameLength } from "../../rag/text/vietnamese.ts";
import { categoryIdSchema, intentIdSchema } from "./taxonomy.ts";

export const classificationSchema = z.object({
  intent: intentIdSchema,
  /** Petition category; null unless intent is "petition". */
  category: categoryIdSchema.nullable(),
  confidence: z.number().min(0).max(1),
  urgent: z.boolean(),
  /** One line, Vietnamese, personal data redacted. */
  summary: z.string(),
  /** "ngõ 27, tổ dân phố 4"; null when no place is mentioned. */
  location: z.string().nullable(),
  source: z.enum(["llm", "offline"]),
  /** Why the LLM was not used for this message (null when it answered or is not configured). */
  fallbackReason: z.enum(["timeout", "budget", "rate_limit", "server", "network", "http", "invalid", "error"]).nullable(),
});
export type Classification = z.infer<typeof classificationSchema>;

export const DEFAULT_MODEL_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../corpus/models/classifier.json");

export interface ClassifierConfig {
  /** OpenAI-compatible endpoint; null/undefined = offline only. */
  llm?: LlmClassifierConfig | null;
  /** Offline model file (default corpus/models/classifier.json). */
  modelPath?: string;
  /** Already loaded offline model (tests, or to share one instance). */
  offline?: OfflineClassifier;
  /** Injected LLM classifier (tests). */
  llmClassifier?: LlmClassifier;
  /** Called when the LLM was configured but not used, e.g. for metrics. */
  onFallback?: (reason: LlmFailureReason | "error", error: unknown) => void;
}

export interface Classifier {
  classify(text: string): Promise<Classification>;
  readonly llmEnabled: boolean;
  readonly offline: OfflineClassifier;
}

export function createClassifier(config: ClassifierConfig = {}): Classifier {
  const offline = config.offline ?? loadOfflineClassifier(config.modelPath ?? DEFAULT_MODEL_PATH);
  const llm = config.llmClassifier ?? (config.llm ? createLlmClassifier(config.llm) : null);

  const classifyOffline = (text: string, fallbackReason: Classification["fallbackReason"]): Classification => {
    const r = offline.classify(text);
    return {
      intent: r.intent,
      category: r.category,
      confidence: r.confidence,
      urgent: r.urgent,
      summary: summarize(text),
      location: extractLocation(text),
      source: "offline",
      fallbackReason,
    };
  };

  return {
    llmEnabled: Boolean(llm),
    offline,
    async classify(text: string): Promise<Classification> {
      if (!llm) return classifyOffline(text, null);
      try {
        const r = await llm.classify(text);
        return {
          intent: r.intent,
          category: r.category,
          confidence: r.confidence,
          // The explicit hazard rule also applies: a missed emergency costs more than a false alarm.
          urgent: r.intent === "petition" && (r.urgent || detectUrgency(text)),
          summary: r.summary,
          location: r.location ?? extractLocation(text),
          source: "llm",
          fallbackReason: null,
        };
      } catch (e) {
        const reason = e instanceof LlmClassifierError ? e.reason : "error";
        config.onFallback?.(reason, e);
        return classifyOffline(text, reason);
      }
    },
  };
}

// ---------------------------------------------------------------- summary

const SALUTATION = /^\s*(kính\s+gửi|kinh\s+gui|kính\s+thưa|kinh\s+thua|xin\s+chào|xin\s+chao|chào|chao|dạ|alo|gửi|gui)\b/iu;
/** "Tôi là [TÊN], cử tri tổ dân phố 9," — the introduction, not the matter. */
const SELF_INTRO =
  /^\s*(?:tôi|toi|em|mình|minh|cháu|chau)\s+(?:tên\s+là|ten\s+la|là|la|tên|ten)\s+\[TÊN\](?:\s*,?\s*(?:cử\s+tri|cu\s+tri|ở|o|sống|song|nhà|nha|trú|tru|hiện|hien)[^,.;]*)?\s*[,.;:-]?\s*/iu;

const meaningful = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, "").length > 10;

/** First meaningful sentence, redacted, on one line, at most ~160 characters. */
export function summarize(text: string, max = 160): string {
  const clean = redact(text).text.replace(/\s+/g, " ").trim();
  const sentences = clean
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.replace(SELF_INTRO, "").trim())
    .filter(Boolean);
  let pick = sentences.find((s) => !SALUTATION.test(s) && meaningful(s));
  pick ??= sentences[0] ?? clean;
  pick = pick.replace(/^[\s\-–:,.]+/u, "").replace(/[\s,;:]+$/u, "");
  if (pick.length > max) {
    const cut = pick.slice(0, max);
    pick = `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)).trim()}…`;
  }
  return pick;
}

// ---------------------------------------------------------------- location

/** Place keywords, longest first, with the canonical spelling used in the output. */
const PLACE_KINDS: Array<[string, string, "num" | "name" | "both"]> = [
  ["to dan pho", "tổ dân phố", "num"],
  ["to dp", "tổ dân phố", "num"],
  ["tdp", "tổ dân phố", "num"],
  ["khu dan cu", "khu dân cư", "both"],
  ["khu tap the", "khu tập thể", "both"],
  ["ktt", "khu tập thể", "both"],
  ["khu do thi", "khu đô thị", "name"],
  ["kdt", "khu đô thị", "name"],
  ["khu tai dinh cu", "khu tái định cư", "name"],
  ["khu pho", "khu phố", "num"],
  ["kp", "khu phố", "num"],
  ["chung cu", "chung cư", "name"],
  ["so nha", "số nhà", "num"],
  ["nha so", "số nhà", "num"],
  ["ngach", "ngách", "num"],
  ["ngo", "ngõ", "num"],
  ["hem", "hẻm", "num"],
  ["kiet", "kiệt", "num"],
  ["duong lien thon", "đường liên thôn", "name"],
  ["duong lien xa", "đường liên xã", "name"],
  ["duong", "đường", "both"],
  ["pho", "phố", "name"],
  ["thon", "thôn", "both"],
  ["xom", "xóm", "both"],
  ["ap", "ấp", "both"],
  ["to", "tổ", "num"],
];

const KIND_RE = new RegExp(`(?<![a-z0-9])(${PLACE_KINDS.map(([k]) => k.replace(/ /g, "\\s+")).join("|")})(?![a-z0-9])`, "g");
const NUMBER_RE = /^\s*(?:(so|s\u1ed1)\s*)?\d+[a-z]?(?:\s*\/\s*\d+[a-z]?)*(?![\p{L}\d])/iu;

/** Words that end a lower-case place name ("thon dong tac xa nghi duong" → "dong tac"). */
const NAME_STOP = new Set(
  (
    "xa phuong quan huyen tinh thanh tp p q tdp to ngo ngach hem duong pho thon xom khu cu tri bi co khong ko k da dang van con cung rat qua nhieu " +
    "moi tu den o tai va voi nhung nhung ma thi la nay do kia de nghi xin phan anh nha hang xom doan truoc sau gan canh trong ngoai len xuong " +
    "ngap hong nut lun toi sang bi chay mat tac gay do bun ran ra vao di lam mua nuoc dien rac den cay cong ho via he long nguoi dan ba con em anh chi toi minh " +
    "tre hoc sinh truong tram cho ca dem ngay hom tuan thang nam gio h luc vi nen neu khi sao gi j z vay a ah nhe nha oi"
  ).split(" "),
);

const isUpperStart = (w: string) => /^\p{Lu}/u.test(w);

function readPlaceName(original: string, folded: string, from: number, allowLowercase: boolean, minLowercaseWords = 2): { value: string; end: number } | null {
  const words: Array<{ text: string; folded: string; start: number; end: number }> = [];
  const re = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)?/gu;
  re.lastIndex = from;
  for (let m = re.exec(original); m && words.length < 5; m = re.exec(original)) {
    const gap = original.slice(words.length ? words.at(-1)!.end : from, m.index);
    if (!/^[ \t]*(?:-[ \t]*)?$/.test(gap)) break; // punctuation ends the name
    words.push({ text: m[0], folded: folded.slice(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length });
  }
  if (!words.length) return null;
  const taken: typeof words = [];
  if (isUpperStart(words[0]!.text) && !NAME_STOP.has(words[0]!.folded)) {
    for (const w of words) {
      if (taken.length >= 4 || !(isUpperStart(w.text) || /^\d/.test(w.text)) || (taken.length && NAME_STOP.has(w.folded) && w.text === w.text.toUpperCase() && w.text.length <= 3)) break;
      if (taken.length && ["xa", "phuong", "quan", "huyen", "tinh", "thanh", "tp", "tdp", "to", "ngo", "duong", "pho", "thon", "xom", "khu", "cau", "cho"].includes(w.folded)) break;
      taken.push(w);
    }
  } else if (allowLowercase) {
    for (const w of words) {
      if (taken.length >= 3 || NAME_STOP.has(w.folded) || /^\d/.test(w.text)) break;
      taken.push(w);
    }
    if (taken.length < minLowercaseWords) return null; // one lower-case word is too often not a name
  }
  if (!taken.length) return null;
  const end = taken.at(-1)!.end;
  return { value: original.slice(taken[0]!.start, end), end };
}

/**
 * Places mentioned in the message: "ngo 27 to dan pho 4" → "ngõ 27, tổ dân phố 4",
 * "thôn Đông Tác" → "thôn Đông Tác", "TDP 5" → "tổ dân phố 5". The keyword is
 * spelled canonically; numbers and names stay as the voter typed them.
 */
export function extractLocation(text: string, maxPlaces = 3): string | null {
  const original = text.normalize("NFC");
  const folded = foldSameLength(original);
  const noCapitals = original === original.toLowerCase() || original === original.toUpperCase();
  const places: string[] = [];
  KIND_RE.lastIndex = 0;
  for (let m = KIND_RE.exec(folded); m && places.length < maxPlaces; m = KIND_RE.exec(folded)) {
    const key = m[1]!.replace(/\s+/g, " ");
    const kind = PLACE_KINDS.find(([k]) => k === key)!;
    const [, canonical, takes] = kind;
    const after = m.index + m[0].length;
    const rest = original.slice(after);
    let value: string | null = null;
    let end = after;
    const num = takes !== "name" ? rest.match(NUMBER_RE) : null;
    if (num) {
      value = num[0].trim();
      end = after + num[0].length;
    } else if (takes !== "num") {
      // Lower-case names only in messages typed without capitals. After "đường"/"phố" a name
      // needs three words ("duong tran hung dao") or two that are not everyday words
      // ("duong tran phu" yes, "duong di hoc" no: NAME_STOP ends it at once).
      const lowerOk = noCapitals && key !== "ap";
      // Hamlets often have one-word names ("xóm Chùa", "thôn Đoài").
      const name = readPlaceName(original, folded, after, lowerOk, ["thon", "xom"].includes(key) ? 1 : 2);
      if (name) {
        value = name.value;
        end = name.end;
      }
    }
    if (!value) continue;
    // "tổ dân phố" must not also yield "phố", nor "ngõ 5 phố X" double-count: skip overlaps.
    const place = `${canonical} ${value.replace(/\s+/g, " ")}`;
    if (!places.includes(place)) places.push(place);
    KIND_RE.lastIndex = end;
  }
  // "ở số 27 ngách 4 ngõ 60": a bare "số N" is a house number when a lane or street follows it
  // (alone, "số 27" is as often a document or a count).
  const house = HOUSE_BEFORE_LANE.exec(folded);
  if (house && places.length > 0 && !places.some((p) => p.startsWith("số nhà"))) places.unshift(`số nhà ${original.slice(house.index + house[0].indexOf(house[1]!), house.index + house[0].indexOf(house[1]!) + house[1]!.length)}`);
  return places.length ? places.join(", ") : null;
}

const HOUSE_BEFORE_LANE = /(?<![a-z0-9])so\s+(\d+[a-z]?(?:\s*\/\s*\d+[a-z]?)*)\s+(?=(?:ngach|ngo|hem|kiet|duong|pho|to|thon|xom|ap|khu)(?![a-z0-9]))/;

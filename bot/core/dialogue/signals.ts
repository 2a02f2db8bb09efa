/**
 * What a chat message says beyond its classification, for the conversation: does it state
 * a problem at all or only greet, introduce, announce or give a place; is it only a place;
 * a typed rating; a follow-up cue ("vẫn chưa", "lại"); two problems in one message.
 * Word lists are folded (no diacritics, lower case), as voters often type.
 */
import { extractLocation } from "../../classify/classifier.ts";
import type { MessageUnderstanding } from "../../petitions/types.ts";
import { foldVietnamese, syllables } from "../../../rag/text/vietnamese.ts";

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Greetings, calls for attention, politeness. */
const GREETING = words("alo a lo chao xin hello hi hey ad admin ban oi a ah da vang de thua kinh gui cam on camon tks thanks thank nhe nha nhe nhe");
/** Who is speaking ("bác ở tổ 3", "tôi là cử tri…"). */
const PERSON = words("toi tui minh em anh chi bac co chu ong ba cu chau con chung toi nha ho gia dinh la cu tri nguoi dan dan");
/** Announcing without saying ("bác muốn phản ánh", "cho hỏi chút", "gõ chậm"). */
const ANNOUNCE = words(
  "muon phan anh kien nghi gop y bao cao bao hoi cho xin lam on giup voi can viec chuyen nay nua dang go cham chut xiu ti doi tiep cai mot ve co the duoc khong ko k gi",
);
/** Place vocabulary: where, not what. */
const PLACE = words("o tai so nha ngo ngach hem kiet duong pho to dan tdp khu kp thon xom ap phuong xa quan huyen gan truoc canh doi dien cuoi dau trong");

/** Words that name something wrong: with one of them, two content words are a problem ("đèn hỏng"). */
const PROBLEM_CUES = words(
  "hong tac ngap vo sap gay lun nut chay mat rac on bui thoi hoi ro ri do nghieng trom cuop danh nhau lan chiem tu tap ket tat sut lo o ga ngap ung ket xa dong no cham tre thieu " +
    "khong sang chua tra chua giai quyet te nan ma tuy ban bay o nhiem xuong cap nguy hiem dut ro lam kho khan bat tien phan nan vi pham trai phep",
);

/** Content words of a message: what is left without greetings, persons, announcements, places and numbers. */
export function contentWords(text: string): string[] {
  const place = extractLocation(text);
  const placeWords = new Set(place ? syllables(place) : []);
  // Links and markup leave one-letter and "http" tokens: they say nothing.
  const plain = text.replace(/https?:\/\/\S+/g, " ").replace(/<[^>]{0,40}>/g, " ");
  return syllables(plain).filter((w) => w.length > 1 && !GREETING.has(w) && !PERSON.has(w) && !ANNOUNCE.has(w) && !PLACE.has(w) && !placeWords.has(w) && !/^\d+[a-z]?$/.test(w));
}

export interface ProblemVerdict {
  /** The message states a problem that can become a petition. */
  hasProblem: boolean;
  /** Content words (see contentWords). */
  content: number;
  /** A place is named. */
  place: string | null;
}

/**
 * Whether a message states a problem. A fragment ("bac o to 3", "muốn phản ánh", "alo",
 * "gõ chậm") does not: it would make an empty petition. A problem needs content words
 * the classifier reads as a petition, or a word naming something wrong.
 */
export function problemVerdict(text: string, quick: MessageUnderstanding): ProblemVerdict {
  const content = contentWords(text);
  const place = extractLocation(text);
  const cue = content.some((w) => PROBLEM_CUES.has(w));
  const petition = quick.intent === "petition";
  const hasProblem = (petition && content.length >= 4) || (petition && quick.confidence >= 0.7 && content.length >= 2) || (cue && content.length >= 2) || quick.urgent;
  return { hasProblem, content: content.length, place };
}

/**
 * Only a place ("ngõ 12 phố Hoa Lâm", "so 12 to 4", "gần chợ Hôm") — an answer to "where?":
 * a place is named (or the message starts like one), nothing names a problem, no question.
 */
export function isPlaceOnly(text: string): boolean {
  if (/[?]/.test(text)) return false;
  const content = contentWords(text);
  if (content.some((w) => PROBLEM_CUES.has(w))) return false;
  const place = extractLocation(text);
  if (!place) return /^(o |tai |gan |truoc |canh |doi dien |dau |cuoi )/.test(foldVietnamese(text).trim()) && syllables(text).length <= 8;
  return content.length <= 4 && syllables(text).length <= 16;
}

/** Cues that a message continues an earlier problem rather than raising a new one. */
const FOLLOW_UP = [/\bvan (chua|con|the|nhu|bi|khong)\b/, /\b(lai|tiep tuc|nua) (bi|ngap|hong|tac|mat)\b/, /\bhom (qua|nay|truoc) lai\b/, /\b(them|bo sung)\b/, /\bcung (cho|van de|viec) (do|nay|tren)\b/, /\bcai (den|cong|ong|cot|ho) (do|nay|kia)\b/];

export function hasFollowUpCue(text: string): boolean {
  const f = ` ${foldVietnamese(text).replace(/[^a-z0-9 ]+/g, " ").replace(/\s+/g, " ")} `;
  return FOLLOW_UP.some((re) => re.test(f));
}

/** Typed ratings, most specific first: negatives before the positives they contain. */
const RATING_PHRASES: Array<[RegExp, number]> = [
  [/\b(khong|chua) (duoc )?hai long (lam|may)\b|\bchua (tot|on) lam\b|\bhoi (cham|te|kem)\b|\bchua duoc nhu y\b/, 2],
  [/\b(khong|chua) hai long\b|\b(rat |qua |that )?(te|kem|toi)\b|\bthat vong\b|\bkhong (tot|on)\b/, 1],
  [/\brat (hai long|tot|on)\b|\bhai long (lam|qua)\b|\b(tuyet voi|xuat sac|qua tot|cuc ky hai long)\b/, 5],
  [/\b(tam (duoc|on|tam)|binh thuong|cung duoc|tam)\b/, 3],
  [/\b(hai long|tot|on|duoc lam)\b/, 4],
];

/**
 * A rating typed instead of pressed: "5", "5 sao", "4/5", "rat hai long", "tam duoc",
 * "chua hai long lam". Null when the text is not one (or says two different things).
 */
export function typedRating(text: string): number | null {
  const f = foldVietnamese(text).replace(/[^a-z0-9/ ]+/g, " ").replace(/\s+/g, " ").trim();
  const digit = /^(?:diem |cho |danh gia )?([1-5])(?: ?(?:\/ ?5|sao|diem|d))?(?: .{0,30})?$/.exec(f);
  if (digit && !/\d/.test(f.slice(digit[1]!.length + f.indexOf(digit[1]!)).replace(/\/ ?5/, ""))) return Number(digit[1]);
  if (f.split(" ").length > 12) return null;
  for (const [re, score] of RATING_PHRASES) if (re.test(f)) return score;
  return null;
}

/** Connectors that start a second problem in one message. */
const SPLIT = /(?:;|\n+|\.\s+|,\s*)?\s*(?:\b(?:ngoai ra|them nua|con nua|mot viec nua|viec thu hai|thu hai|2\)|2\.)\b|\bcon (?=(?:[a-z]+ ){0,3}(?:thi|cung|lai)\b))/;

/**
 * Splits a message that raises two problems ("cống tắc ở ngõ 5; ngoài ra đèn đường tổ 3
 * hỏng") into its parts, at a connector. One part when there is no clear second problem.
 */
export function problemParts(text: string): string[] {
  const folded = foldVietnamese(text);
  const m = SPLIT.exec(folded);
  if (!m || m.index < 12) return [text.trim()];
  const first = text.slice(0, m.index).replace(/[\s,;.]+$/u, "").trim();
  const second = text.slice(m.index + m[0].length).replace(/^[\s,;.:-]+/u, "").trim();
  if (first.length < 12 || second.length < 12) return [text.trim()];
  return [first, second];
}

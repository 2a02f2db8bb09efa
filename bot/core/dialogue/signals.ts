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

/** Words that name something wrong on their own ("đèn hỏng", "cống tắc"). */
const PROBLEM_WORDS = "hỏng hư tắc ngập vỡ sập gãy lún nứt cháy rác bụi trộm cướp sụt kẹt đứt nghiêng lầy rỉ bong tróc";
/** Same, but their unaccented spelling is mostly another word ("thoi": thời/thôi, "lan": lần): accented only. */
const ACCENTED_ONLY_WORDS = "thối lấn tắt";
const accented = (s: string) => new Set(s.normalize("NFC").split(/\s+/));
const PROBLEM_ACCENTED = accented(`${PROBLEM_WORDS} ${ACCENTED_ONLY_WORDS}`);
const PROBLEM_BARE = words(foldVietnamese(PROBLEM_WORDS));

/**
 * A word naming something wrong. With diacritics typed, the word must be that word ("Hồng An"
 * is a name, "hỏng" is broken); typed without them, the folded spelling counts.
 */
function problemWordIn(text: string): boolean {
  for (const raw of text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (PROBLEM_ACCENTED.has(raw)) return true;
    if (/^[a-z]+$/.test(raw) && PROBLEM_BARE.has(raw)) return true;
  }
  return false;
}
/** Phrases that name something wrong where each word alone does not ("mất điện", "tụ tập", "ồn ào"). */
const PROBLEM_PHRASES = [
  /\bmat (dien|nuoc|trom|an ninh|ve sinh)\b/,
  /\b(tu tap|danh nhau|lan chiem|chiem dung|xay (dung )?trai phep|vi pham|o nhiem|on ao|hoi thoi|bo hoang|xuong cap|o ga|sut lun|ngap ung|te nan|ma tuy|ban bay|do trom)\b/,
  /\b(khong|chua) (sang|co dien|co nuoc|duoc (giai quyet|xu ly|chi tra|cap)|tra|chi tra|thu gom)\b/,
  /\b(cay|cot|tuong|mai|cau) (do|sap|nghieng|gay)\b/,
  /\bdo (rac|phe thai|tram|dat)\b/,
  /\b(cham|tre) (tra|chi|giai quyet|xu ly|cap)\b/,
  // "tat" alone is also tật, tất ("khuyết tật", "tất cả"): off only next to what goes off.
  /\b(den|bong den|dien|loa|camera)( [a-z0-9]+){0,4} tat\b/,
  /\b(ho so|giay to|so do|luong huu|tro cap|can cuoc|cccd|thu tuc) .{0,24}\b(cham|lau|tre|chua|kho)\b/,
  /\b(qua|wa) (tai|dong|cao|on|ban|ton|muc|to)\b/,
  /\b(danh nhau|co bac|hut chich|dua xe|trom cap|lua dao|cho vay nang lai|lan (dat|duong|via he)|xay (dung )?(khong|sai|trai) phep|khong phep)\b/,
  /\b(het|thieu) (vac xin|thuoc|nuoc|cho|giao vien|lop)\b/,
  /\bkhong (co|duoc) (san choi|vao lop|nhan|cap|ho tro|den|nuoc)\b/,
  /\b(phi|gia|tien) .{0,12}\b(cao|dat)\b/,
  /\bdo (xe )?.{0,12}\bchan\b/,
  /\b(xin|de nghi|kien nghi) (xet|ho tro|cap|sua|lap|lam|nao vet|thay|don)\b/,
  /\b(bay|boc) mui\b|\bmui hoi\b|\bnuoc (thai|ban|duc)\b|\bnguy hiem\b|\b(mat|khong) an toan\b|\bban (qua|lam|thiu)\b|\bmuc (het|nat|ruong)\b|\b(ra|chiem|tan) .{0,10}\blong duong\b|\bkhong (ngu|di|chiu) (duoc|noi)\b|\brat (to|on|ban|hoi|kem|cham)\b/,
];

/** "phrase": a phrase naming something wrong, enough alone; "word": a single such word among the content words. */
function cueIn(content: readonly string[], text: string): "word" | "phrase" | null {
  const f = foldVietnamese(text).replace(/[^a-z0-9 ]+/g, " ").replace(/\s+/g, " ").trim();
  // A phrase of two words or more ("cờ bạc", "mất điện"): enough alone.
  for (const re of PROBLEM_PHRASES) if (re.exec(f)?.[0].trim().includes(" ")) return "phrase";
  return content.length > 0 && problemWordIn(text) ? "word" : null;
}

/** Interrogatives at the end or the start: "cần những giấy tờ gì", "cho hỏi bao giờ…", "…không?". */
const QUESTION_END = /\b(gi|nao|sao|dau|bao gio|bao nhieu|the nao|nhu the nao|lam sao|duoc khong|khong a|chua a|khong nhi|the a)\s*[?.!]*$/;
const QUESTION_START = /^(cho (em |e |toi |tui |t |minh |mk |chau |bac |anh |chi |co |chu |ong |ba )?hoi|xin hoi|hoi (chut|xiu|ti)?|lam sao|lam the nao|bao gio|tai sao|vi sao|khi nao|ai (la|chu tri|phu trach))\b/;

/** Opens as a question ("cho em hỏi…", "xin hỏi…", "làm sao…"): asked, whatever words follow. */
export function startsAsQuestion(text: string): boolean {
  return QUESTION_START.test(foldVietnamese(text).replace(/[^a-z0-9? ]+/g, " ").replace(/\s+/g, " ").trim());
}

/** A question rather than a report (no-diacritic questions often fool the classifier). */
export function looksLikeQuestion(text: string): boolean {
  const f = foldVietnamese(text).replace(/[^a-z0-9? ]+/g, " ").replace(/\s+/g, " ").trim();
  // Polite particles after the question word: "cần những gì ạ", "ở đâu vậy ad".
  const bare = f.replace(/(\s+(a|ah|nhi|nhe|nha|vay|v|z|the|ha|ad|oi|ban|chi|anh|em|e))+$/, "");
  // "ở đầu ngõ" is a place, "ở đâu" a question: typed with diacritics, "đầu" at the end is not asking.
  if (/đầu[\s.!]*$/u.test(text.normalize("NFC").toLowerCase())) return /\?\s*$/.test(text.trim()) || QUESTION_START.test(f);
  return /\?\s*$/.test(text.trim()) || QUESTION_END.test(f) || QUESTION_END.test(bare) || QUESTION_START.test(f);
}

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
  /** A word or phrase naming something wrong ("hỏng", "mất điện"). */
  cue: boolean;
}

/**
 * Whether a message states a problem. A fragment ("bac o to 3", "muốn phản ánh", "alo",
 * "gõ chậm") does not: it would make an empty petition. A problem needs content words
 * the classifier reads as a petition, or a word naming something wrong.
 */
export function problemVerdict(text: string, quick: MessageUnderstanding): ProblemVerdict {
  const content = contentWords(text);
  const place = extractLocation(text);
  const cueKind = cueIn(content, text);
  const cue = cueKind !== null;
  const petition = quick.intent === "petition";
  // The classifier reads short fragments eagerly ("bác ở tổ 3" as a petition): a problem needs
  // a word naming something wrong, or more content than a fragment has.
  const hasProblem =
    quick.urgent || cueKind === "phrase" || (cueKind === "word" && content.length >= 1) || (petition && content.length >= 4 && quick.confidence >= 0.5) || (petition && quick.confidence >= 0.85 && content.length >= 2);
  return { hasProblem, content: content.length, place, cue };
}

/**
 * Only a place ("ngõ 12 phố Hoa Lâm", "so 12 to 4", "gần chợ Hôm") — an answer to "where?":
 * a place is named (or the message starts like one), nothing names a problem, no question.
 */
export function isPlaceOnly(text: string): boolean {
  if (/[?]/.test(text)) return false;
  const content = contentWords(text);
  if (cueIn(content, text)) return false;
  const place = extractLocation(text);
  if (!place) return /^(o |tai |gan |truoc |canh |doi dien |dau |cuoi )/.test(foldVietnamese(text).trim()) && syllables(text).length <= 8;
  return content.length <= 4 && syllables(text).length <= 16;
}

/** Cues that a message continues an earlier problem rather than raising a new one. */
const FOLLOW_UP = [/\bvan (chua|con|the|nhu|bi|khong)\b/, /\b(lai|tiep tuc|nua) (bi|ngap|hong|tac|mat)\b/, /\bhom (qua|nay|truoc) lai\b/, /\b(them|bo sung)\b/, /\bcung (cho|van de|viec) (do|nay|tren)\b/, /\bcai (den|cong|ong|cot|ho) (do|nay|kia)\b/];

/** Words pointing back at what was just said ("ở đó", "chỗ đấy", "cái đó"): a continuation. */
const POINTS_BACK = /\b(o|cho|cai|nha|khu|doan) (do|day|nay|kia)\b/;

export function pointsBack(text: string): boolean {
  return POINTS_BACK.test(` ${foldVietnamese(text).replace(/[^a-z0-9 ]+/g, " ").replace(/\s+/g, " ")} `);
}

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
const SPLIT = /(?:;|\n+|\.\s+|,\s*)?\s*(?:\b(?:ngoai ra|them nua|con nua|mot viec nua|viec thu hai|thu hai|2\)|2\.)\b|\bcon (?=(?:[a-z0-9]+ ){0,6}(?:thi|cung|lai)\b))/;

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

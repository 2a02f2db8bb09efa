/**
 * Whether a passage can answer the specific thing asked, beyond sharing its topic: an
 * amount needs a sum of money, a count a number next to the counted noun, a day a date, a
 * numbered event the same number, a year a passage of that year. Abstention rests on these.
 */
import { foldVietnamese, syllables } from "../text/vietnamese.ts";
import type { Column, FactKind } from "./asks.ts";
import { ordinalsOf } from "./evidence.ts";

/** A day-level date: "10/9", "05/6/2026", "ngày 14 tháng 10". */
export const DAY_DATE = /\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b|\bngày \d{1,2}(?: tháng \d{1,2})?/iu;
/** A cited document's number and the day after it ("số 82/NQ-HĐND ngày 11/12/2025"). */
const CITED_DAY = /(\d+\s*[/-]\s*[\p{Lu}Đ][\p{L}Đ&/-]*)\s*,?\s*ngày\s+\d{1,2}\s*(?:\/\s*\d{1,2}\s*\/\s*\d{2,4}|tháng\s+\d{1,2}\s+năm\s+\d{4})/gu;

const AMOUNT = /\d[\d.,]*\s*(?:đồng|nghìn|ngàn|triệu|tỷ|tỉ|vnđ|vnd|usd|đ\b)/iu;
const PERCENT = /\d+(?:[.,]\d+)?\s*%|phần trăm/iu;
const CONTACT = /\b0\d{2,3}[ .-]?\d{3}[ .-]?\d{3,4}\b|@|https?:\/\/|www\.|\.gov\.vn|\.vn\b/iu;
/** A venue or channel: "tại hội trường", "ở thôn", "trên Trang thông tin điện tử", "qua các nền tảng số". */
const PLACE = /(?:^|\s)(?:tại|ở|trên|qua)\s+(?:các\s+)?(?:hội trường|trụ sở|nhà văn hóa|nhà văn hoá|thôn|khu dân cư|tổ dân phố|địa bàn|sân|trường|trang|cổng|nền tảng|mạng|phần mềm|ứng dụng|\p{Lu})/u;
/** A reported result, not a planned one: plans say "được tổ chức", reports "đã hoàn thành". */
const OUTCOME = /\bđã\s+(?:hoàn thành|đạt|tổ chức|giải quyết|thực hiện xong|xong|triển khai xong)|\bđạt\s+\d/iu;
const QUOTED_NAME = /[“"][^”"]{3,}[”"]/u;
/** A maker or supplier named: "hãng Bkav", "Công ty Viettel", "nhà cung cấp “…”". */
const VENDOR = /(?<!\p{L})(?:hãng|công ty|doanh nghiệp|nhà cung cấp|nhà thầu|thương hiệu|nhãn hiệu|tập đoàn)\s+(?:[“"]|\p{Lu})/iu;

/**
 * Number words, read with their marks: folded, "tám" (8) is "tâm" (trọng tâm), "sáu" (6)
 * is "sau" (after), "bảy" (7) is "bay" (fly). Passages are written with marks.
 */
const NUMBER_WORDS: Array<[RegExp, string]> = [
  [/(?<!\p{L})mười lăm(?!\p{L})/giu, "15"],
  ...(["hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười"] as const).map((w, i): [RegExp, string] => [new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, "giu"), String([2, 3, 4, 6, 7, 8, 9, 10][i])]),
];
const spellDigits = (text: string) => NUMBER_WORDS.reduce((t, [re, d]) => t.replace(re, d), text.normalize("NFC"));

/** Numbers that are not years, dates, list numbers or document numbers. */
function countNumbers(text: string): string {
  return text
    .replace(/^\s*(?:[0-9]+|[IVX]+)[.)]\s+/u, " ")
    .replace(/\b\d+\s*[/-]\s*[\p{Lu}Đ][\p{L}-]*(?:\/[\p{L}-]+)*/gu, " ")
    .replace(/\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/g, " ")
    .replace(/\b(19|20)\d{2}\b/g, " ")
    .replace(/\d+(?:[.,]\d+)?\s*%/g, " ");
}

/** Counting words that only introduce the thing counted ("hoạt động", "cuộc" giám sát). */
const CLASSIFIERS = new Set(["cuoc", "lan", "dot", "buoi", "hoat", "dong", "chiec", "cai", "con", "loai", "ban", "so"]);

/** Words that frame a count ("mỗi năm", "một lần") rather than say what is counted. */
const COUNT_FRAME = /^(moi|nam|thang|quy|lan|hang|nhieu|bao|so|luong|tong|co|ca|toi|da)$/;

/**
 * A number (digits or a number word) followed within a few syllables by the counted noun —
 * its first word, or its first word after a counting word ("bao nhiêu hoạt động giám sát" is
 * answered by "7 cuộc giám sát") — and said of what the question is about: another of its
 * words close by ("2 lần/năm" of council sittings does not count voter meetings).
 */
function countNear(text: string, noun: readonly string[], terms: ReadonlySet<string>): boolean {
  const heads = new Set([noun[0]!, noun.find((w) => !CLASSIFIERS.has(w)) ?? noun[0]!]);
  const nounWords = new Set(noun);
  const others = [...terms].filter((t) => !t.includes("_") && !nounWords.has(t) && !COUNT_FRAME.test(t));
  const words = syllables(countNumbers(spellDigits(text)));
  for (let i = 0; i < words.length; i++) {
    if (!/^\d+$/.test(words[i]!)) continue;
    let counted = false;
    for (let j = i + 1; j <= Math.min(words.length - 1, i + 4); j++) if (heads.has(words[j]!)) counted = true;
    if (!counted) continue;
    if (others.length === 0) return true;
    for (let j = Math.max(0, i - 10); j <= Math.min(words.length - 1, i + 10); j++) if (others.includes(words[j]!) && !nounWords.has(words[j]!)) return true;
  }
  return false;
}

/** Any count-like number near a question term (when the counted noun is unknown). */
function numberNearTerms(text: string, terms: ReadonlySet<string>): boolean {
  const words = syllables(countNumbers(text));
  for (let i = 0; i < words.length; i++) {
    if (!/^\d+$/.test(words[i]!)) continue;
    for (let j = Math.max(0, i - 6); j <= Math.min(words.length - 1, i + 6); j++) if (terms.has(words[j]!)) return true;
  }
  return false;
}

/** Words that ask for a kind of fact: they are not what the fact must be near. */
const CUE_WORDS: Partial<Record<FactKind, RegExp>> = {
  day: /^(ngay|thang|nam|hom|ban|hanh|ky)$/,
  amount: /^(tien|kinh|phi|chi|dong|trieu|ty|nghin|muc|tong|von|gia)$/,
  percent: /^(ty|le|phan|tram)$/,
};

/**
 * A fact found by `re` that sits within a dozen syllables of at least two of the
 * question's own words: a date in a long preamble belongs to the document it follows,
 * not to whatever else the paragraph mentions.
 */
function nearTerms(text: string, re: RegExp, terms: ReadonlySet<string>, cue: RegExp | undefined): boolean {
  const words = syllables(text);
  const content = words.map((w) => terms.has(w) && !(cue?.test(w) ?? false));
  const global = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
  for (const m of text.matchAll(global)) {
    const at = syllables(text.slice(0, m.index)).length;
    const near = new Set<string>();
    for (let j = Math.max(0, at - 12); j <= Math.min(words.length - 1, at + 12); j++) if (content[j]) near.add(words[j]!);
    if (near.size >= Math.min(2, [...terms].filter((t) => !t.includes("_") && !(cue?.test(t) ?? false)).length)) return true;
  }
  return false;
}

/** True when `text` holds the kind of fact asked for. */
export function hasFact(kind: FactKind, text: string, ctx: { countNoun: readonly string[]; terms: ReadonlySet<string>; question: string; wholeUnit?: boolean }): boolean {
  const near = (re: RegExp, cue?: RegExp) => (ctx.wholeUnit ? re.test(text) : nearTerms(text, re, ctx.terms, cue));
  switch (kind) {
    case "amount":
      return near(AMOUNT, CUE_WORDS.amount);
    case "percent":
      return near(PERCENT, CUE_WORDS.percent);
    case "day": {
      // "Quyết định số 1155-QĐ/TU, ngày 20/10/2023": the day of a document cited, unless asked of it.
      // Asked of it: the question names its number ("nq 82", "82/NQ-HĐND").
      const own = (n: string) => new RegExp(`(?<!\\d)${/^\d+/.exec(n)![0]}(?!\\d)`).test(ctx.question);
      const t = text.replace(CITED_DAY, (m, n: string) => (own(n) ? m : " "));
      return ctx.wholeUnit ? DAY_DATE.test(t) : nearTerms(t, DAY_DATE, ctx.terms, CUE_WORDS.day);
    }
    case "contact":
      return CONTACT.test(text);
    case "place":
      return PLACE.test(text);
    case "outcome":
      return OUTCOME.test(text);
    case "name":
      return QUOTED_NAME.test(text) || properNameNotIn(text, ctx.question);
    case "count":
      return ctx.countNoun.length > 0 ? countNear(text, ctx.countNoun, ctx.terms) : numberNearTerms(text, ctx.terms);
    case "person":
      return personNotIn(text, ctx.question);
    case "vendor":
      return VENDOR.test(text);
  }
}

/** Family names that open almost every Vietnamese personal name. */
const SURNAME = "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Đào|Đoàn|Trịnh|Mai|Cao|Lưu|Tạ|Hà|Vương|Lâm|Chu|Tô|Tăng|Quách|Thái|La|Kiều|Đồng|Lương|Triệu|Văn|Lại|Nghiêm|Khúc";
const PERSON_NAME = new RegExp(`(?:^|[^\\p{L}])((?:${SURNAME})(?:\\s+\\p{Lu}\\p{Ll}*){1,3})`, "gu");

/** A person's full name the question does not already contain ("Bùi Xuân Thắng"). */
function personNotIn(text: string, question: string): boolean {
  const q = foldVietnamese(question);
  for (const m of text.matchAll(PERSON_NAME)) if (!q.includes(foldVietnamese(m[1]!))) return true;
  return false;
}

/** A capitalised name of two or more words that the question does not already contain. */
function properNameNotIn(text: string, question: string): boolean {
  const q = foldVietnamese(question);
  for (const m of text.matchAll(/(?<=\s)(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)+)/gu)) if (!q.includes(foldVietnamese(m[1]!))) return true;
  return false;
}

/**
 * The passage is about the numbered event the question names: "lần thứ 5" must be matched
 * by "lần thứ 5", not by another number nor by a passage naming no number at all.
 */
export function ordinalMatches(textWithHeading: string, asked: ReadonlyMap<string, number>): boolean {
  if (asked.size === 0) return true;
  const have = ordinalsOf(textWithHeading);
  for (const [head, n] of asked) if (have.get(head) !== n) return false;
  return true;
}

/** Years a passage is explicitly about (headings "Năm 2027", "tháng 3/2027", "năm 2028"). */
export function passageYears(text: string): number[] {
  const t = foldVietnamese(text).replace(/\b(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}\b/g, " ");
  return [...new Set([...t.matchAll(/\b((?:19|20)\d{2})\b/g)].map((m) => Number(m[1])))];
}

/**
 * A passage fits the years asked when it names one of them, or names no year at all (a
 * recurring duty of a plan whose term covers them — checked by the caller).
 */
export function yearsFit(textWithHeading: string, asked: readonly number[]): boolean {
  if (asked.length === 0) return true;
  const own = passageYears(textWithHeading);
  return own.length === 0 || own.some((y) => asked.includes(y));
}

/** Cue words that show a passage states a column the question asks for. */
const COLUMN_CUES: Record<Column, RegExp> = {
  lead: /chủ trì|tham mưu|chuẩn bị|đơn vị thực hiện|cơ quan thực hiện|giao\s/iu,
  partners: /phối hợp/iu,
  leader: /phụ trách|chỉ đạo/iu,
  when: /quý|tháng|năm \d|hằng năm|hàng năm|thường xuyên|định kỳ|trước ngày|ngày \d|\d{1,2}\/\d{1,2}|kỳ họp|nhiệm kỳ|giai đoạn|giữa|cuối|đầu năm/iu,
  output: /kết quả|sản phẩm|báo cáo|thông báo|nghị quyết/iu,
};

export function statesColumn(column: Column, text: string): boolean {
  return COLUMN_CUES[column].test(text);
}

/** Bodies a quantity can be said of; "tổ đại biểu" is told apart from the council's other bodies. */
const BODIES: Array<[string, RegExp]> = [
  ["to dai bieu", / to dai bieu /],
  ["thuong truc", / thuong truc /],
  ["ban", / (cac ban|ban cua hdnd|ban hdnd|ban kinh te|ban van hoa|ban phap che|truong ban) /],
  ["ubnd", / (ubnd|uy ban nhan dan) /],
  ["van phong", / van phong /],
];

function bodiesIn(text: string): Set<string> {
  const t = ` ${foldVietnamese(text).replace(/[^a-z0-9]+/g, " ")} `;
  return new Set(BODIES.filter(([, re]) => re.test(t)).map(([b]) => b));
}

/**
 * A number said of another body than the one asked about: "Thường trực … 5 đến 7 cuộc" and
 * "các Ban … 8 đến 10 cuộc" do not say how many a Tổ đại biểu holds.
 */
export function saidOfOtherBody(question: string, text: string): boolean {
  const asked = bodiesIn(question);
  if (asked.size === 0) return false;
  const said = bodiesIn(text);
  return said.size > 0 && ![...asked].some((b) => said.has(b));
}

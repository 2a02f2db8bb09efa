/**
 * Removes personal data from a voter's message before it leaves the machine
 * (LLM calls, logs): phone numbers, national ID numbers, e-mail addresses and the
 * name a voter introduces themself with. Pure function, no I/O.
 */
import { foldVietnamese } from "../rag/text/vietnamese.ts";

export type RedactionKind = "phone" | "cccd" | "cmnd" | "email" | "name";

export const PLACEHOLDERS: Record<RedactionKind, string> = {
  phone: "[SĐT]",
  cccd: "[CCCD]",
  cmnd: "[CCCD]",
  email: "[EMAIL]",
  name: "[TÊN]",
};

export interface Redaction {
  kind: RedactionKind;
  placeholder: string;
  /** The original text. Sensitive: keep it with the petition record, never log it. */
  value: string;
}

export interface RedactResult {
  text: string;
  found: Redaction[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[A-Za-z]{2,}/gu;

// Digits may be grouped by spaces, dots or dashes ("001 203 004 567").
const SEP = "[\\s.\\-]?";
/** CCCD: 12 digits (the first three are the province code, so they start with 0). */
const CCCD = new RegExp(`(?<![\\d\\w-])\\d{3}${SEP}\\d{3}${SEP}\\d{3}${SEP}\\d{3}(?![\\d\\w-])`, "g");
/** Old CMND: 9 digits in a row. */
const CMND = /(?<![\d\w-])\d{9}(?![\d\w-])/g;
/**
 * Phones: mobile 0xxx xxx xxx (10 digits), landline 02x xxxx xxxx (11 digits),
 * international +84 / 84 / (+84) without the leading 0, and masked forms like
 * "09xx.xxx.xxx" seen in spam.
 */
const PHONE = new RegExp(
  [
    // "+84 (0) 912 345 678": the trunk 0 in brackets after the country code.
    `(?:\\(\\+?84\\)|\\+84|(?<![\\d\\w])84)${SEP}(?:\\(0\\)${SEP})?[1-9](?:${SEP}\\d){7,9}(?![\\d\\w])`,
    `(?<![\\d\\w-])0[1-9](?:${SEP}\\d){8,9}(?![\\d\\w-])`,
    `(?<![\\d\\w-])0\\d[\\dx]{2}${SEP}[\\dx]{3}${SEP}[\\dx]{3}(?![\\d\\w-])`,
  ].join("|"),
  "gi",
);

/** Common Vietnamese surnames, folded: "em là nguyen thi lan" is a name even in lower case. */
const SURNAMES = new Set(
  "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly trinh dinh mai cao luu lam quach ta to truong chu kieu khuc thai tang vuong la ha luong dao doan trieu thach lo mac giang kim han chau ong au".split(
    " ",
  ),
);

/** Words that follow "tôi là / em là" without being a name ("tôi là cử tri", "em là con..."). */
const NOT_NAMES = new Set(
  (
    "nguoi cu tri cong dan con chau chu bac co di me bo ba ong vo chong em anh chi toi minh hoc sinh sinh vien giao vien can bo dai bieu to truong thuong binh " +
    "benh nhan tieu thuong chu ho chu nha chu quan ho dan nong dan cong nhan nhan vien bo doi cuu chien binh dang vien thanh vien doan vien hoi vien " +
    "mot hai ba nguoi dan dan hang xom ban phu huynh tre gia dinh khach day dang da rat khong ko k chua cung van moi o tai song lam tu ra vao " +
    "ai gi the sao the nao nhu vay vay dung sai that"
  ).split(" "),
);


/** Self-introduction triggers (matched case-insensitively, with or without diacritics). */
const NAME_TRIGGER = new RegExp(
  [
    "(?:h[oọ]\\s+(?:v[aà]\\s+)?t[eê]n|t[eê]n)\\s*:", // "Họ tên:", "Họ và tên:", "Tên:"
    "(?:t[oô]i|em|m[iì]nh|ch[aá]u|con|anh|ch[iị]|b[aá]c|c[oô]|ch[uú]|tui|t)\\s+t[eê]n\\s+(?:l[aà]\\s+)?", // "tôi tên là", "em tên"
    "t[eê]n\\s+(?:c[uủ]a\\s+)?(?:t[oô]i|em|m[iì]nh|ch[aá]u|con)\\s+l[aà]\\s+", // "tên tôi là", "tên của em là"
    "(?:t[oô]i|em|m[iì]nh|ch[aá]u|tui)\\s+l[aà]\\s+", // "tôi là", "em là" (needs a name-looking word after)
  ]
    .map((s) => `(?:${s})`)
    .join("|"),
  "giu",
);

const WORD = /^[\p{L}][\p{L}'.]*$/u;
const isCap = (w: string) => /^\p{Lu}/u.test(w);

/**
 * Reads the name after a trigger: up to four capitalised words, or (lower-case
 * text) up to four words after an explicit "tên là", stopping at punctuation
 * and at words that are clearly not part of a name.
 */
function readName(rest: string, explicit: boolean): string | null {
  const m = rest.match(/^\s*([\p{L}'.]+(?:[ \t]+[\p{L}'.]+){0,5})/u);
  if (!m) return null;
  const words = m[1]!.split(/[ \t]+/).filter((w) => WORD.test(w));
  if (!words.length) return null;
  const taken: string[] = [];
  if (isCap(words[0]!) && !NOT_NAMES.has(foldVietnamese(words[0]!))) {
    for (const w of words) {
      if (!isCap(w) || taken.length >= 4) break;
      taken.push(w);
    }
    // An all-caps message: capitals say nothing, fall through to the lower-case rules.
    if (taken.length && !(taken.length >= 4 && rest === rest.toUpperCase() && !explicit)) return taken.join(" ");
    taken.length = 0;
  }
  const first = foldVietnamese(words[0]!);
  if (NOT_NAMES.has(first)) return null;
  const surname = SURNAMES.has(first);
  if (!explicit && !surname) {
    // "em là lan" / "em la Lan ở tổ 5": a single given name, then the sentence goes on.
    const next = words[1] ? foldVietnamese(words[1]) : "";
    const after = rest.slice(rest.indexOf(words[0]!) + words[0]!.length);
    const ends = !words[1] || /^\s*[,.;!?\n]/.test(after) || ["o", "nha", "song", "cu", "tdp", "to", "thon", "xom", "so", "day", "a", "ah", "nhe"].includes(next);
    return ends && words[0]!.length >= 2 ? words[0]! : null;
  }
  for (const w of words) {
    const f = foldVietnamese(w);
    if (taken.length >= (surname ? 4 : 3)) break;
    if (taken.length && (NOT_NAMES.has(f) || ["o", "nha", "song", "cu", "tdp", "to", "thon", "xom", "so", "sdt", "dt", "email", "cccd", "cmnd", "sinh", "nam", "dia", "a", "ah"].includes(f))) break;
    taken.push(w);
  }
  return taken.length ? taken.join(" ") : null;
}

function redactNames(text: string, found: Redaction[]): string {
  let out = "";
  let last = 0;
  NAME_TRIGGER.lastIndex = 0;
  for (let m = NAME_TRIGGER.exec(text); m; m = NAME_TRIGGER.exec(text)) {
    const start = m.index + m[0].length;
    if (start < last) continue;
    const trig = foldVietnamese(m[0]);
    const explicit = trig.includes("ten");
    const rest = text.slice(start, start + 80).split(/[,.;!?\n:()]/)[0]!;
    const name = readName(rest, explicit);
    if (!name) continue;
    const at = text.indexOf(name, start);
    if (at < 0 || at > start + 3) continue;
    out += text.slice(last, at) + PLACEHOLDERS.name;
    found.push({ kind: "name", placeholder: PLACEHOLDERS.name, value: name });
    last = at + name.length;
    NAME_TRIGGER.lastIndex = last;
  }
  return out + text.slice(last);
}

function replaceAll(text: string, re: RegExp, kind: RedactionKind, found: Redaction[]): string {
  return text.replace(re, (value) => {
    found.push({ kind, placeholder: PLACEHOLDERS[kind], value: value.trim() });
    return PLACEHOLDERS[kind];
  });
}

/** Redacts e-mails, ID numbers, phone numbers and self-introduced names, in that order. */
export function redact(text: string): RedactResult {
  const found: Redaction[] = [];
  let t = text.normalize("NFC");
  t = replaceAll(t, EMAIL, "email", found);
  t = replaceAll(t, CCCD, "cccd", found);
  t = replaceAll(t, PHONE, "phone", found);
  t = replaceAll(t, CMND, "cmnd", found);
  t = redactNames(t, found);
  return { text: t, found };
}

// ------------------------------------------------------------------ public pages

export type PublicRedactionKind = RedactionKind | "house" | "person";

export const PUBLIC_PLACEHOLDERS = { house: "[SỐ NHÀ]", person: "[TÊN]" } as const;

/** Honorifics before a person's name ("nhà ông Tư", "Bà Nguyễn Thị Lan", "anh Hùng"), either case. */
const HONORIFIC = `(?:${["ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "cháu", "ong", "ba", "chi", "co", "chu", "bac", "cu"]
  .map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`)
  .join("|")})`;
const PERSON_AFTER_HONORIFIC = new RegExp(`(?<![\\p{L}])(${HONORIFIC})\\s+(\\p{Lu}[\\p{L}]*(?:\\s+\\p{Lu}[\\p{L}]*){0,3})`, "gu");

/** Place words before a capitalised name: the name is a street, school, ward… (phố Trần Phú). */
const PLACE_BEFORE = /(phố|pho|đường|duong|ngõ|ngo|hẻm|hem|ngách|ngach|phường|phuong|xã|trường|truong|cầu|cau|chợ|khu|quận|huyện|tỉnh|thôn|làng|công viên|bệnh viện|đền|chùa|nhà văn hóa|THCS|THPT|tiểu học|tieu hoc|mầm non)\s*$/iu;
/** The same words written first and capitalised ("Trường Nguyễn Du"): exact spelling, so "Trương" stays a surname. */
const PLACE_WORDS = new Set(["phố", "đường", "ngõ", "hẻm", "phường", "xã", "trường", "cầu", "chợ", "khu", "quận", "huyện", "thôn", "làng", "đền", "chùa"]);
const CAP_WORDS = /(?<![\p{L}])(\p{Lu}[\p{L}]*)((?:\s+\p{Lu}[\p{L}]*){1,3})/gu;
const NOT_LETTER_AFTER = "(?![\\p{L}\\p{N}])";
const HOUSE_NO = "\\d+[a-zA-Z]?(?:\\/\\d+[a-zA-Z]?)*";
/** "số nhà 9", "nhà số 12A", "SN 7": the whole phrase goes. */
const HOUSE_FULL = new RegExp(`(?<![\\p{L}])(?:số nhà|so nha|nhà số|nha so|SN)\\s*${HOUSE_NO}${NOT_LETTER_AFTER}`, "giu");
/** "nhà 15/3": "nhà" stays. */
const HOUSE_SHORT = new RegExp(`(?<![\\p{L}])(nhà|nha)\\s+${HOUSE_NO}${NOT_LETTER_AFTER}`, "giu");
/** "số 12 ngõ 5": the number before a lane/street is a house number; the lane stays. */
const HOUSE_BEFORE_LANE = new RegExp(`(?<![\\p{L}])(?:số|so)\\s+${HOUSE_NO}(?=\\s*,?\\s*(?:ngõ|ngo|ngách|ngach|hẻm|hem|kiệt|kiet|đường|duong|phố|pho)(?![\\p{L}]))`, "giu");

/**
 * Text safe for the public page and Open311: everything `redact` removes, plus house
 * numbers and names of persons (after an honorific, or a full name with a common surname).
 * Streets and schools named after people stay (phố Trần Phú, Trường Nguyễn Du). Lanes,
 * tổ dân phố and streets stay: they are public places. Pure function.
 */
export function redactForPublic(text: string): string {
  let t = redact(text).text;
  t = t.replace(HOUSE_FULL, PUBLIC_PLACEHOLDERS.house);
  t = t.replace(HOUSE_SHORT, (_m, nha: string) => `${nha} ${PUBLIC_PLACEHOLDERS.house}`);
  t = t.replace(HOUSE_BEFORE_LANE, PUBLIC_PLACEHOLDERS.house);
  t = t.replace(PERSON_AFTER_HONORIFIC, (_m, hon: string) => `${hon} ${PUBLIC_PLACEHOLDERS.person}`);
  t = t.replace(CAP_WORDS, (m: string, first: string, _rest: string, offset: number, whole: string) => {
    if (PLACE_WORDS.has(first.toLowerCase())) return m;
    if (!SURNAMES.has(foldVietnamese(first))) return m;
    if (PLACE_BEFORE.test(whole.slice(Math.max(0, offset - 20), offset))) return m;
    return PUBLIC_PLACEHOLDERS.person;
  });
  return t;
}

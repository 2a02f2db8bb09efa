/**
 * Reads what a delegate's question asks for: a period ("quý này"), whether it asks for
 * the list of tasks due, the ward/commune and issuing body it names.
 */
import { resolvePeriodPhrase, wordsBesidesPeriod, type Period } from "../dates/period.ts";
import { foldForMatching as fold } from "../text/vietnamese.ts";
import { namedNumbers, namedWards } from "./scope.ts";

export interface KnownDoc {
  file: string;
  ward: string;
  issuerBody: string;
}

export interface QuestionAnalysis {
  /** A ward/commune the question names that no document covers ("phường Long Biên"). */
  unknownPlace: string | null;
  period: Period | null;
  /** Asks for the list of tasks in a period ("có những việc gì", "cần làm gì"). */
  asksDueList: boolean;
  /** Asks for the undated, ongoing tasks ("việc thường xuyên"). */
  asksOngoing: boolean;
  /** The first ward the question names. */
  ward: string | null;
  /** Every ward it names, in order ("Nghi Dương và Phúc Lợi"). */
  wards: string[];
  issuerBody: string | null;
}


/** Phrases that ask "what is there to do". Folded. */
const DUE_LIST = [
  / (co|gom) (nhung )?(viec|nhiem vu|noi dung|hoat dong|cong viec|ke hoach)( gi| nao)/,
  / (nhung|cac) (viec|nhiem vu|cong viec|hoat dong|noi dung) (gi|nao|can|phai|se|den han|trong)/,
  / (viec|nhiem vu|cong viec) gi /,
  / (can|phai) (lam|thuc hien|trien khai) (gi|nhung gi|nhung viec gi) /,
  / (lam|thuc hien|trien khai) (nhung )?(viec )?gi /,
  / den han /,
  / lich (cong tac|lam viec|hop) /,
  / (ke|liet ke|danh sach|tong hop) (cac |nhung )?(viec|nhiem vu|cong viec)/,
];

const ONGOING = / (thuong xuyen|lien tuc|khong (co )?thoi han|khong gan (voi )?(quy|thoi gian)) /;

/** Issuing bodies named in a question, most specific first. */
const ISSUERS: Array<[RegExp, string]> = [
  [/ (dang uy|ban thuong vu|ban chap hanh|dang bo|bch|btv) /, "dang_uy"],
  [/ (ubnd|uy ban nhan dan) /, "ubnd"],
  [/ (hdnd|hoi dong nhan dan|thuong truc hdnd|tt hdnd) /, "hdnd"],
];

/**
 * `base` is the period of the previous answer in a conversation: "quý sau" counts from it.
 */
export function analyzeQuestion(question: string, now: Date, docs: readonly KnownDoc[], base: Period | null = null): QuestionAnalysis {
  const q = fold(question);
  const period = resolvePeriodPhrase(question, now, base);
  const asksOngoing = ONGOING.test(q) && DUE_LIST.some((r) => r.test(q));
  const wards = namedWards(question, docs);
  const ward = wards[0] ?? null;
  // "quý 1 năm sau", "tuần này?", "còn tháng sau thì sao": a period and nothing else asks for its tasks.
  const barePeriod = period !== null && wordsBesidesPeriod(question).every((w) => wards.some((x) => fold(x).includes(` ${w} `)) || w === "phuong" || w === "xa");
  const asksDueList = ((period !== null || asksOngoing) && DUE_LIST.some((r) => r.test(q))) || barePeriod;
  // The first body the question names is the subject ("Ban Thường vụ Đảng ủy … của HĐND");
  // the issuer inside a document number ("82/NQ-HĐND") is not one.
  let issuerBody: string | null = null;
  let firstAt = Number.POSITIVE_INFINITY;
  const subject = fold(namedNumbers(question).reduce((t, n) => t.replace(n, " "), question.replace(/\s*([/-])\s*/g, "$1")));
  for (const [re, body] of ISSUERS) {
    const m = re.exec(subject);
    if (m && m.index < firstAt) {
      firstAt = m.index;
      issuerBody = body;
    }
  }
  // Only keep an issuer filter that some document of the named ward can satisfy.
  if (issuerBody && !docs.some((d) => d.issuerBody === issuerBody && (!ward || d.ward === ward))) issuerBody = null;
  return { period, asksDueList: asksDueList || asksPeriodContents(q, period), asksOngoing, ward, wards, issuerBody, unknownPlace: ward ? null : unknownPlace(question, docs) };
}

/**
 * "Tháng 6/2027 Ban Thường vụ cho ý kiến những gì?": a question about what happens in a
 * named month is answered by that month's tasks.
 */
function asksPeriodContents(q: string, period: QuestionAnalysis["period"]): boolean {
  return period !== null && period.kind === "month" && / (nhung gi|nhung noi dung|noi dung gi|viec gi|van de gi|gi) /.test(q);
}

/**
 * A capitalised place after "phường"/"xã" that matches no document's ward. Only
 * capitalised names count: "xã hội" (society) and "phường mình" are not places.
 */
function unknownPlace(question: string, docs: readonly KnownDoc[]): string | null {
  const known = new Set(docs.map((d) => fold(d.ward).trim()));
  for (const m of question.matchAll(/\b(?:phường|xã|Phường|Xã|phuong|Phuong)\s+((?:\p{Lu}[\p{L}]*)(?:\s+\p{Lu}[\p{L}]*){0,2})/gu)) {
    const name = m[1]!;
    if (!known.has(fold(name).trim())) return name;
  }
  return null;
}

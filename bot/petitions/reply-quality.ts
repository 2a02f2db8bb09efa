/**
 * Reply quality check: before staff send a reply that moves a petition on (in progress,
 * resolved, closed without a fix, referred), check that it says something concrete — an
 * action, a date, the responsible unit and, for "resolved", evidence of what was done.
 * Vague replies ("đã tiếp nhận, sẽ xem xét") are the main complaint about iHanoi's answers.
 * Pure function, no I/O: the web console and the chat (/capnhat) both call it.
 */
import { foldVietnamese } from "../../rag/text/vietnamese.ts";

export type ReplyCheck = "action" | "date" | "unit" | "evidence";

export interface ReplyQualityInput {
  /** The reply (status note) staff are about to send. */
  text: string;
  /** Status the petition moves to. */
  status: string;
  /** Name of the unit assigned to the petition, if any: naming it counts as naming a unit. */
  unitName?: string | null;
  /**
   * The voter was already told the assigned unit (the chat's "assigned" notice names it):
   * the reply need not repeat it.
   */
  unitNamedByNotice?: boolean;
}

export interface ReplyQuality {
  /** True when nothing is missing and the reply is not a stock non-answer. */
  ok: boolean;
  /** What the reply lacks, in a fixed order. */
  missing: ReplyCheck[];
  /** The reply is a stock phrase that says nothing ("sẽ xem xét", "đang xử lý"). */
  vague: boolean;
}

/** Statuses whose reply is checked: the ones that tell the voter what happened. */
export const CHECKED_STATUSES: readonly string[] = ["in_progress", "resolved", "closed_unresolved", "referred"];

/** Folded verbs of concrete work ("đã thay", "sửa chữa", "nạo vét"...). */
const ACTION = new RegExp(
  "\\b(" +
    [
      "thay", "sua", "sua chua", "khac phuc", "nao vet", "thong", "don", "don dep", "thu gom", "lap", "lap dat", "trong", "cat", "chat",
      "va", "tram", "tham", "rai", "do", "xay", "gia co", "kiem tra", "khao sat", "xu phat", "lap bien ban", "cuong che",
      "thao do", "di doi", "giai toa", "to chuc", "ho tro", "chi tra", "cap", "cap phat", "bo tri", "phan cong", "giao", "lam viec",
      "doi thoai", "tiep dan", "huong dan", "phoi hop", "dieu chinh", "bo sung", "niem phong", "dinh chi", "tuan tra", "chuyen", "phun",
      "khu khuan", "tiem", "kham", "sua doi", "ban hanh", "hoan thanh", "nghiem thu", "lap dat", "dat", "ket noi", "dau noi", "bom",
      "lat", "lat lai", "son", "hut", "khoi thong", "thu don", "dung", "trai", "be tong", "vien", "tra", "thanh toan", "cap lai", "gan",
    ].join("|") +
    ")\\b",
);

/** Dates and relative dates: 24/11, 24/11/2026, ngày 24, tuần này, trước 30/11, trong 3 ngày. */
const DATE = /(\b\d{1,2}\s*[/.-]\s*\d{1,2}\b)|\bngay\s+\d{1,2}\b|\bthang\s+\d{1,2}\b|\b(hom nay|hom qua|sang nay|chieu nay|toi nay|ngay mai|tuan nay|tuan toi|tuan sau|thang nay|thang toi|quy (i|ii|iii|iv|\d))\b|\btrong\s+\d+\s+(ngay|tuan|thang|gio)\b|\b\d+\s*(h|gio)\b/;

/** Unit words: phòng, ban, tổ, đội, công an, trạm, UBND, công ty, điện lực… */
const UNIT = /\b(phong|ban|to (dien|cong tac|dan phong|quan ly|ve sinh|thu gom)|doi|cong an|tram|ubnd|uy ban|van phong|cong ty|dien luc|cap nuoc|thoat nuoc|moi truong do thi|hop tac xa|ban quan ly|bql|trung tam|mat tran|doan thanh nien|hoi phu nu|chi bo)\b/;

/** Evidence of what was done: a past action ("đã thay", "đã sửa xong"), a result, a document or photo. */
const EVIDENCE = /\b(da|xong|hoan thanh|hoan tat|nghiem thu|bien ban|anh|hinh anh|ket qua|hoat dong binh thuong|sang tro lai|thong thoang|sach se|khong con)\b/;

/** Stock non-answers: alone they say nothing concrete. */
const VAGUE = [
  /\b(da )?tiep nhan\b/,
  /\bse (xem xet|xu ly|giai quyet|kiem tra|bao cao|tra loi|phan hoi)\b/,
  /\bdang (xem xet|xu ly|giai quyet|nghien cuu)\b/,
  /\bchuyen (bo phan|don vi) (chuc nang|lien quan|co tham quyen)\b/,
  /\bghi nhan (y kien|kien nghi)\b/,
];

/**
 * Checks a reply. `missing` lists what is absent; `ok` is false when anything is missing or
 * when the reply is a stock phrase with no concrete action in it. Statuses outside
 * CHECKED_STATUSES are always ok.
 */
export function checkReplyQuality(input: ReplyQualityInput): ReplyQuality {
  if (!CHECKED_STATUSES.includes(input.status)) return { ok: true, missing: [], vague: false };
  const t = foldVietnamese(input.text).replace(/\s+/g, " ").trim();
  const missing: ReplyCheck[] = [];
  // A stock phrase ("sẽ xem xét") mentions verbs like "xử lý" but no concrete work.
  const concrete = ACTION.test(t);
  if (!concrete) missing.push("action");
  if (!DATE.test(t)) missing.push("date");
  const unit = input.unitName ? foldVietnamese(input.unitName) : "";
  if (!UNIT.test(t) && !(unit && t.includes(unit)) && !(input.unitNamedByNotice && unit)) missing.push("unit");
  if (input.status === "resolved" && !EVIDENCE.test(t)) missing.push("evidence");
  const vague = t.length < 15 || (VAGUE.some((re) => re.test(t)) && !concrete);
  return { ok: missing.length === 0 && !vague, missing, vague };
}

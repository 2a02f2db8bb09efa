/**
 * Abbreviations delegates and voters type in questions about council documents, with
 * their expansions (folded). Applied to questions before retrieval and evidence scoring,
 * so "BCH" finds "Ban Chấp hành" and "tdp" finds "tổ dân phố".
 */
import { foldVietnamese } from "./vietnamese.ts";

const ABBREVIATIONS: Record<string, string> = {
  bch: "Ban Chấp hành",
  btv: "Ban Thường vụ",
  tthdnd: "Thường trực HĐND",
  dbqh: "đại biểu Quốc hội",
  dbhdnd: "đại biểu HĐND",
  mttq: "Mặt trận Tổ quốc",
  ubmttq: "Ủy ban Mặt trận Tổ quốc",
  tdp: "tổ dân phố",
  kh: "kế hoạch",
  nq: "nghị quyết",
  cds: "chuyển đổi số",
  gpmb: "giải phóng mặt bằng",
  attt: "an toàn thông tin",
  antt: "an ninh trật tự",
  ktxh: "kinh tế - xã hội",
  bhyt: "bảo hiểm y tế",
  bhxh: "bảo hiểm xã hội",
  vp: "Văn phòng",
  tp: "thành phố",
  nk: "nhiệm kỳ",
  // Chat shorthand.
  ko: "không",
  k: "không",
  kg: "không",
  dc: "được",
  j: "gì",
  z: "vậy",
  ntn: "như thế nào",
  bn: "bao nhiêu",
  sp: "sản phẩm",
  trc: "trước",
  bh: "bao giờ",
};

/**
 * Abbreviations of several words ("KT-NS", "TT HĐND"), matched on the text as typed. None
 * starts right after "/" or "-": "06/KH-TTHĐND" is a document number, not "Thường trực HĐND".
 */
const PHRASES: Array<[RegExp, string]> = [
  [/(?<![\p{L}\p{N}/-])kt\s*[-–&]?\s*ns(?![\p{L}\p{N}])/giu, "Kinh tế - Ngân sách"],
  [/(?<![\p{L}\p{N}/-])vh\s*[-–&]?\s*xh(?![\p{L}\p{N}])/giu, "Văn hóa - Xã hội"],
  [/(?<![\p{L}\p{N}/-])tt(?=\.?\s*(?:hđnd|hdnd|đảng ủy|dang uy|đu|du)(?![\p{L}\p{N}]))\.?/giu, "Thường trực"],
  [/(?<![\p{L}\p{N}/-])p\.?(?=\s+\p{Lu})/gu, "phường"],
  // A term typed with two-digit years: "nk 26-31", "giai đoạn 2026-31" → "2026 - 2031".
  [/(?<![\p{N}/-])(?:20)?(\d{2})\s*[-–]\s*(\d{2})(?![\p{N}/-])(?<=(?:nk|nhiệm kỳ|nhiem ky|giai đoạn|giai doan|gđ|khóa|khoa)\s*(?:20)?\d{2}\s*[-–]\s*\d{2})/giu, "20$1 - 20$2"],
];

/**
 * The question with its abbreviations written out ("BCH" → "Ban Chấp hành"), other words
 * untouched. Only whole words that are abbreviations change.
 */
export function expandAbbreviations(text: string): string {
  for (const [re, full] of PHRASES) text = text.replace(re, full);
  return text.replace(/[\p{L}\p{N}]+/gu, (w, at: number) => {
    const exp = ABBREVIATIONS[foldVietnamese(w)];
    // Only ASCII-looking tokens are abbreviations: "kh" yes, "khá" no. Parts of a document
    // number ("82/NQ-HĐND", "06/KH-TTHĐND") are symbols, not words.
    const inNumber = /[/-]$/.test(text.slice(Math.max(0, at - 1), at)) || /^[/-]/.test(text.slice(at + w.length, at + w.length + 1));
    return exp && !inNumber && /^[A-Za-zĐđ]+$/.test(w) ? exp : w;
  });
}

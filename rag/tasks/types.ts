import { z } from "zod";

/**
 * Normalised timeframe kinds. The ids match the `kind` values of the labelled due sets,
 * so figures can be broken down by kind.
 */
export const TIMEFRAME_KINDS = [
  "quy_cu_the", // a dated quarter: "Quý I/2026"
  "quy_hang_nam", // quarters every year of the term: "Quý II và Quý IV hằng năm"
  "thang", // a month of a work programme: "Tháng 3/2026"
  "hoi_nghi_bch", // a Party committee conference in a given month
  "han_bao_cao", // a yearly report deadline: "trước ngày 05/6" each year
  "bat_dau_thuong_xuyen", // starts in a quarter, then ongoing
  "hang_nam", // yearly without a date
  "thuong_xuyen", // ongoing
  "theo_ky_hop", // per council session
  "theo_tien_do_cap_tren", // per higher-level schedule
  "trong_nhiem_ky", // a standing duty for the whole term with no timeframe written (Nghi Dương duties)
] as const;
export type TimeframeKind = (typeof TIMEFRAME_KINDS)[number];

/** Kinds with no date of their own: listed by `due --ongoing`, never by a period. */
export const UNDATED_KINDS: ReadonlySet<TimeframeKind> = new Set(["hang_nam", "thuong_xuyen", "theo_ky_hop", "theo_tien_do_cap_tren"]);

export const timeframeSchema = z.object({
  kind: z.enum(TIMEFRAME_KINDS),
  /** The timeframe as written in the document (after cleaning). */
  raw: z.string(),
  /** Calendar year for dated kinds (quy_cu_the, thang, hoi_nghi_bch, bat_dau_thuong_xuyen). */
  year: z.number().int().nullable().default(null),
  /** Quarters 1-4: the dated quarter, the recurring quarters, or the start quarter. */
  quarters: z.array(z.number().int().min(1).max(4)).default([]),
  /** Month 1-12 for thang/hoi_nghi_bch, or the deadline month for han_bao_cao. */
  month: z.number().int().min(1).max(12).nullable().default(null),
  /** Deadline day of month for han_bao_cao. */
  day: z.number().int().min(1).max(31).nullable().default(null),
  /** First and last year a recurring timeframe applies (the plan's term). */
  fromYear: z.number().int().nullable().default(null),
  toYear: z.number().int().nullable().default(null),
});
export type Timeframe = z.infer<typeof timeframeSchema>;

/** A task extracted from a plan document, before it is stored. */
export const extractedTaskSchema = z.object({
  /** Source file name of the document, cited as `doc` everywhere. */
  doc: z.string(),
  /** Heading path inside the document, e.g. "Phụ lục > II. Thực hiện Chương trình 02-CTr/ĐU". */
  section: z.string(),
  /** Order of the task inside its document (stable across re-ingestion). */
  ordinal: z.number().int(),
  task: z.string().min(1),
  lead: z.string().nullable(),
  partners: z.string().nullable(),
  leader: z.string().nullable(),
  output: z.string().nullable(),
  timeframe: timeframeSchema,
});
export type ExtractedTask = z.infer<typeof extractedTaskSchema>;

/** A closed range of months, as month indexes `year * 12 + (month - 1)`. */
export interface MonthRange {
  from: number;
  to: number;
}

export const monthIndex = (year: number, month: number): number => year * 12 + (month - 1);

/**
 * Reports for the council: petitions received in a period counted by category, status,
 * unit and month; overdue petitions; average satisfaction; CSV export for Excel.
 * Dates are Vietnam calendar days (UTC+7, no daylight saving).
 */
import { domainError } from "../errors.ts";
import { REPORT_HEADERS_VI, categoryLabel, formatDateVi, reportTexts } from "../text/petitions.vi.ts";
import type { PetitionDetail, StatusChange } from "../../store/rows.ts";
import { monthKey, parseIsoDay } from "../../lib/time.ts";
import type { DbClient, PetitionDeps } from "./types.ts";
import { resolveDeps } from "./types.ts";
import { OPEN_STATUSES, STATUSES, isOpenStatus, statusLabel } from "./status.ts";

const DAY_MS = 86_400_000;

/** A half-open period [from, to) in absolute time. */
export interface Period {
  from: Date;
  to: Date;
}

/**
 * "2026-01-01" and "2026-06-30" → [01/01/2026 00:00, 01/07/2026 00:00) Vietnam time:
 * the end date is included as a whole day.
 */
export function periodFromDays(fromDay: string, toDay: string): Period {
  // parseIsoDay refuses 2026-02-30 and the like instead of rolling over.
  const from = parseIsoDay(fromDay);
  const toStart = parseIsoDay(toDay);
  if (!from || !toStart || toStart < from) throw domainError("INVALID_DATE_RANGE", { fromDay, toDay });
  return { from, to: new Date(toStart.getTime() + DAY_MS) };
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface OverdueItem {
  code: string;
  status: string;
  category: string;
  unitName: string | null;
  dueAt: Date | null;
  lastChangeAt: Date;
  pastDue: boolean;
  noProgress: boolean;
}

export interface PetitionReport {
  period: Period;
  total: number;
  byCategory: CountRow[];
  byStatus: CountRow[];
  byUnit: CountRow[];
  /** "YYYY-MM" in Vietnam time. */
  byMonth: CountRow[];
  overdue: OverdueItem[];
  satisfaction: { average: number | null; count: number };
}

export interface ReportRow {
  code: string;
  receivedAt: Date;
  category: string;
  status: string;
  unitName: string | null;
  dueAt: Date | null;
  overdue: boolean;
  rating: number | null;
  urgent: boolean;
  location: string | null;
  summary: string | null;
}

function tally(keys: string[], label: (k: string) => string, order?: readonly string[]): CountRow[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  const rows = [...counts.entries()].map(([key, count]) => ({ key, label: label(key), count }));
  if (order) return rows.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  return rows.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

interface ReportPetition extends PetitionDetail {
  history: StatusChange[];
  rating: number | null;
}

/** Petitions with their history and latest rating (bulk reads, not one query per petition). */
async function withHistory(db: DbClient, rows: PetitionDetail[]): Promise<ReportPetition[]> {
  const ids = rows.map((p) => p.id);
  const [histories, ratings] = await Promise.all([db.petitions.histories(ids), db.feedback.latestRatings(ids)]);
  return rows.map((p) => ({ ...p, history: histories.get(p.id) ?? [], rating: ratings.get(p.id) ?? null }));
}

async function loadPeriod(db: DbClient, period: Period): Promise<ReportPetition[]> {
  return withHistory(db, await db.lists.inPeriod(period.from, period.to));
}

/** Open, and past its due date or without a status change for `staleDays`. */
function overdueOf(p: ReportPetition, now: Date, staleDays: number): OverdueItem | null {
  if (!isOpenStatus(p.status)) return null;
  // Only real status moves count as progress, not notes or category edits.
  const moves = p.history.filter((h) => h.fromStatus !== h.toStatus);
  const lastChangeAt = moves.at(-1)?.at ?? p.createdAt;
  const pastDue = p.dueAt !== null && p.dueAt.getTime() < now.getTime();
  const noProgress = now.getTime() - lastChangeAt.getTime() > staleDays * DAY_MS;
  if (!pastDue && !noProgress) return null;
  return {
    code: p.code,
    status: p.status,
    category: p.category,
    unitName: p.unitName,
    dueAt: p.dueAt,
    lastChangeAt,
    pastDue,
    noProgress,
  };
}

export interface ReportOptions extends PetitionDeps {
  /** Overrides config.overdueNoProgressDays. */
  staleDays?: number;
}

/** Counts, overdue list and satisfaction for petitions received in `period`. */
export async function petitionReport(db: DbClient, period: Period, opts: ReportOptions = {}): Promise<PetitionReport> {
  const { now, config } = resolveDeps(opts);
  const staleDays = opts.staleDays ?? config.overdueNoProgressDays;
  const at = now();
  const rows = await loadPeriod(db, period);
  const rated = rows.map((p) => p.rating).filter((s): s is number => s !== null);
  return {
    period,
    total: rows.length,
    byCategory: tally(rows.map((p) => p.category), categoryLabel),
    byStatus: tally(rows.map((p) => p.status), statusLabel, STATUSES),
    byUnit: tally(rows.map((p) => p.unitName ?? ""), (k) => k || reportTexts.noUnit),
    byMonth: tally(rows.map((p) => monthKey(p.createdAt)), (k) => k).sort((a, b) => a.key.localeCompare(b.key)),
    overdue: rows.map((p) => overdueOf(p, at, staleDays)).filter((o): o is OverdueItem => o !== null),
    satisfaction: {
      average: rated.length ? rated.reduce((a, b) => a + b, 0) / rated.length : null,
      count: rated.length,
    },
  };
}

/** Every open petition that is overdue now, whatever its receipt date. */
export async function overduePetitions(db: DbClient, opts: ReportOptions = {}): Promise<OverdueItem[]> {
  const { now, config } = resolveDeps(opts);
  const staleDays = opts.staleDays ?? config.overdueNoProgressDays;
  const at = now();
  const rows = await withHistory(db, await db.lists.withStatuses(OPEN_STATUSES));
  // Soonest due first, undated last, then by id (the same on both engines).
  rows.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.id - b.id);
  return rows.map((p) => overdueOf(p, at, staleDays)).filter((o): o is OverdueItem => o !== null);
}

/** One row per petition received in `period`, for the CSV export. */
export async function reportRows(db: DbClient, period: Period, opts: ReportOptions = {}): Promise<ReportRow[]> {
  const { now, config } = resolveDeps(opts);
  const staleDays = opts.staleDays ?? config.overdueNoProgressDays;
  const at = now();
  const rows = await loadPeriod(db, period);
  return rows.map((p) => ({
    code: p.code,
    receivedAt: p.createdAt,
    category: p.category,
    status: p.status,
    unitName: p.unitName,
    dueAt: p.dueAt,
    overdue: overdueOf(p, at, staleDays) !== null,
    rating: p.rating,
    urgent: p.urgent,
    location: p.location,
    summary: p.summary ?? p.originalText,
  }));
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, semicolon or line break,
 * or edge spaces. Text starting with = + - @ gets a leading apostrophe so spreadsheet
 * programs do not run voter-written text as a formula.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with Vietnamese headers, CRLF line ends and a UTF-8 BOM (Excel then reads the diacritics). */
export function toCsv(rows: ReportRow[]): string {
  const lines = [REPORT_HEADERS_VI.map(csvCell).join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.code,
        formatDateVi(r.receivedAt),
        categoryLabel(r.category),
        statusLabel(r.status),
        r.unitName ?? reportTexts.noUnit,
        r.dueAt ? formatDateVi(r.dueAt) : "",
        r.overdue ? reportTexts.yes : reportTexts.no,
        r.rating,
        r.urgent ? reportTexts.yes : reportTexts.no,
        r.location,
        r.summary,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Plain-text Vietnamese summary of a report, one line per figure. */
export function reportSummaryText(report: PetitionReport): string {
  const fmt = (d: Date) => formatDateVi(d);
  const lastDay = new Date(report.period.to.getTime() - 1);
  const section = (title: string, rows: CountRow[]) => [title, ...rows.map((r) => `  - ${r.label}: ${r.count}`)];
  return [
    reportTexts.title(fmt(report.period.from), fmt(lastDay)),
    reportTexts.total(report.total),
    ...section(reportTexts.byCategory, report.byCategory),
    ...section(reportTexts.byStatus, report.byStatus),
    ...section(reportTexts.byUnit, report.byUnit),
    ...section(reportTexts.byMonth, report.byMonth),
    reportTexts.overdue(report.overdue.length),
    ...report.overdue.map((o) => `  - ${reportTexts.overdueLine(o.code, statusLabel(o.status), o.unitName, o.dueAt ? fmt(o.dueAt) : null)}`),
    reportTexts.satisfaction(report.satisfaction.average, report.satisfaction.count),
  ].join("\n");
}

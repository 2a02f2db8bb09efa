/**
 * The petition report as an Excel workbook: a summary sheet, sheets by category, unit,
 * status and month, the overdue list, one row per petition, and the charts as images.
 * Built from the same report service as the CSV and the chat's /baocao, so the figures
 * agree; the chat sends this buffer as a file.
 */
import ExcelJS from "exceljs";
import type { DbClient } from "../bot/petitions/types.ts";
import { petitionReport, reportRows, type Period, type ReportOptions } from "../bot/petitions/reports.ts";
import { statusLabel } from "../bot/petitions/status.ts";
import { REPORT_HEADERS_VI, categoryLabel, formatDateVi, reportTexts as csvTexts } from "../bot/text/petitions.vi.ts";
import { barChartSvg, svgToPng } from "./charts.ts";
import { chartTexts, reportTexts } from "./text.vi.ts";

const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F2" } } as const;

function countSheet(wb: ExcelJS.Workbook, name: string, rows: { label: string; count: number }[], total: number) {
  const ws = wb.addWorksheet(name);
  ws.columns = [
    { header: reportTexts.colLabel, key: "label", width: 48 },
    { header: reportTexts.colCount, key: "count", width: 14 },
    { header: reportTexts.colShare, key: "share", width: 12, style: { numFmt: "0.0%" } },
  ];
  for (const r of rows) ws.addRow({ label: r.label, count: r.count, share: total ? r.count / total : 0 });
  styleHeader(ws);
  return ws;
}

function styleHeader(ws: ExcelJS.Worksheet) {
  const h = ws.getRow(1);
  h.font = { bold: true };
  h.eachCell((c) => (c.fill = HEADER_FILL));
  ws.views = [{ state: "frozen", ySplit: 1 }];
}

/** The workbook for petitions received in `period` (see petitionReport). */
export async function buildReportXlsx(db: DbClient, period: Period, opts: ReportOptions & { ward?: string | null } = {}): Promise<Buffer> {
  const report = await petitionReport(db, period, opts);
  const rows = await reportRows(db, period, opts);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Trợ lý HĐND";
  wb.created = (opts.now ?? (() => new Date()))();
  const lastDay = new Date(period.to.getTime() - 1);

  const summary = wb.addWorksheet(reportTexts.sheetSummary);
  summary.columns = [{ width: 44 }, { width: 24 }];
  summary.addRow([reportTexts.title(formatDateVi(period.from), formatDateVi(lastDay))]).font = { bold: true, size: 14 };
  if (opts.ward) summary.addRow([opts.ward]);
  summary.addRow([]);
  summary.addRow([reportTexts.total, report.total]);
  summary.addRow([reportTexts.overdueCount, report.overdue.length]);
  summary.addRow([reportTexts.satisfaction, report.satisfaction.average === null ? "—" : Number(report.satisfaction.average.toFixed(2))]);
  summary.addRow([reportTexts.ratings, report.satisfaction.count]);
  summary.addRow([reportTexts.generatedAt, formatDateVi(wb.created)]);

  countSheet(wb, reportTexts.sheetCategory, report.byCategory, report.total);
  countSheet(wb, reportTexts.sheetUnit, report.byUnit, report.total);
  countSheet(wb, reportTexts.sheetStatus, report.byStatus, report.total);
  countSheet(wb, reportTexts.sheetMonth, report.byMonth, report.total);

  const overdue = wb.addWorksheet(reportTexts.sheetOverdue);
  overdue.addRow(reportTexts.overdueHeaders);
  for (const o of report.overdue) {
    overdue.addRow([o.code, statusLabel(o.status), categoryLabel(o.category), o.unitName ?? csvTexts.noUnit, o.dueAt ? formatDateVi(o.dueAt) : "", formatDateVi(o.lastChangeAt), o.pastDue ? csvTexts.yes : csvTexts.no, o.noProgress ? csvTexts.yes : csvTexts.no]);
  }
  overdue.columns.forEach((c, i) => (c.width = [18, 26, 34, 40, 12, 16, 10, 16][i]));
  styleHeader(overdue);

  const list = wb.addWorksheet(reportTexts.sheetRows);
  list.addRow([...REPORT_HEADERS_VI]);
  for (const r of rows) {
    list.addRow([r.code, formatDateVi(r.receivedAt), categoryLabel(r.category), statusLabel(r.status), r.unitName ?? csvTexts.noUnit, r.dueAt ? formatDateVi(r.dueAt) : "", r.overdue ? csvTexts.yes : csvTexts.no, r.rating, r.urgent ? csvTexts.yes : csvTexts.no, r.location, r.summary]);
  }
  list.columns.forEach((c, i) => (c.width = [18, 12, 30, 24, 32, 12, 9, 9, 9, 30, 60][i]));
  styleHeader(list);

  const charts = wb.addWorksheet(reportTexts.sheetCharts);
  const images: Array<[string, { label: string; count: number }[]]> = [
    [chartTexts.byCategory, report.byCategory],
    [chartTexts.byStatus, report.byStatus],
    [chartTexts.byUnit, report.byUnit],
    [chartTexts.byMonth, report.byMonth],
  ];
  let row = 0;
  for (const [title, data] of images) {
    const horizontal = title !== chartTexts.byMonth;
    const svg = barChartSvg({ title, labels: data.map((d) => d.label), values: data.map((d) => d.count), horizontal });
    const png = svgToPng(svg, 1200);
    const height = horizontal ? Math.max(220, 70 + data.length * 30) : 320;
    const id = wb.addImage({ base64: png.toString("base64"), extension: "png" });
    charts.addImage(id, { tl: { col: 0, row }, ext: { width: 720, height } });
    row += Math.ceil(height / 20) + 2;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

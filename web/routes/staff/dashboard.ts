/**
 * Dashboard (counts by category, status, unit and month; on-time rate per unit; average
 * satisfaction; the overdue list), its charts as SVG/PNG, and the report downloads (CSV as
 * before, XLSX with sheets and charts). Staff only.
 */
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { isDomainError } from "../../../bot/errors.ts";
import { periodFromDays, reportRows, toCsv, type Period } from "../../../bot/petitions/reports.ts";
import { categoryLabel } from "../../../bot/text/petitions.vi.ts";
import { statusLabel } from "../../../bot/petitions/status.ts";
import { barChartSvg, svgToPng } from "../../charts.ts";
import type { DashboardData } from "../../data/types.ts";
import type { WebDeps } from "../../deps.ts";
import { requireRole } from "../../plugins/auth.ts";
import { isoDay } from "../../../lib/time.ts";
import { buildReportXlsx } from "../../report-xlsx.ts";
import { chartTexts, reportTexts, staffTexts } from "../../text.vi.ts";

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const periodQuery = z.object({ tu: DAY.optional().catch(undefined), den: DAY.optional().catch(undefined) });
const CHARTS = ["linh-vuc", "trang-thai", "don-vi", "thang", "dung-han"] as const;
const chartParams = z.object({ name: z.enum(CHARTS), ext: z.enum(["svg", "png"]) });

/** The period of ?tu=&den= (Vietnam days), default: the last 12 months up to today. */
function periodOf(deps: WebDeps, query: unknown): { period: Period; tu: string; den: string } {
  const q = periodQuery.parse(query ?? {});
  const now = deps.now();
  const den = q.den ?? isoDay(now);
  const tu = q.tu ?? isoDay(new Date(now.getTime() - 365 * 86_400_000));
  try {
    return { period: periodFromDays(tu, den), tu, den };
  } catch (err) {
    if (!isDomainError(err)) throw err;
    const d = isoDay(now);
    return { period: periodFromDays(d, d), tu: d, den: d };
  }
}

function chartSpec(name: (typeof CHARTS)[number], d: DashboardData) {
  switch (name) {
    case "linh-vuc":
      return { title: chartTexts.byCategory, labels: d.byCategory.map((c) => categoryLabel(c.key)), values: d.byCategory.map((c) => c.count), horizontal: true };
    case "trang-thai":
      return { title: chartTexts.byStatus, labels: d.byStatus.map((c) => statusLabel(c.key)), values: d.byStatus.map((c) => c.count), horizontal: true };
    case "don-vi":
      return { title: chartTexts.byUnit, labels: d.byUnit.map((c) => c.name ?? staffTexts.unassigned), values: d.byUnit.map((c) => c.count), horizontal: true };
    case "thang":
      return { title: chartTexts.byMonth, labels: d.byMonth.map((c) => c.key), values: d.byMonth.map((c) => c.count) };
    case "dung-han": {
      const units = d.units.filter((u) => u.onTimeRate !== null);
      return { title: chartTexts.onTime, labels: units.map((u) => u.unitName), values: units.map((u) => Math.round((u.onTimeRate ?? 0) * 100)), horizontal: true, percent: true };
    }
  }
}

export const dashboardRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  app.get("/tong-quan", { preHandler: requireRole("staff") }, async (request, reply) => {
    const { period, tu, den } = periodOf(deps, request.query);
    const d = await deps.data.dashboard(period, deps.now());
    return reply.sendPage("dashboard", { title: staffTexts.dashboardTitle, d, tu, den, charts: CHARTS });
  });

  app.get("/bieu-do/:name.:ext", { preHandler: requireRole("staff") }, async (request, reply) => {
    const params = chartParams.safeParse(request.params);
    if (!params.success) return reply.code(404).sendPage("error", { kind: "notFound" });
    const { period } = periodOf(deps, request.query);
    const d = await deps.data.dashboard(period, deps.now());
    const svg = barChartSvg(chartSpec(params.data.name, d));
    if (params.data.ext === "png") return reply.type("image/png").send(svgToPng(svg));
    // The SVG is shown through <img>; its own styles need this response's CSP to allow them.
    reply.header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
    return reply.type("image/svg+xml; charset=utf-8").send(svg);
  });

  app.get("/bao-cao", { preHandler: requireRole("staff") }, async (request, reply) => {
    const { tu, den } = periodOf(deps, request.query);
    return reply.sendPage("reports", { title: staffTexts.reportsTitle, tu, den });
  });

  app.get("/bao-cao.csv", { preHandler: requireRole("staff") }, async (request, reply) => {
    const { period, tu, den } = periodOf(deps, request.query);
    const rows = await reportRows(deps.db, period, deps.petitionDeps);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${reportTexts.fileName(tu, den)}.csv"`)
      .send(toCsv(rows));
  });

  app.get("/bao-cao.xlsx", { preHandler: requireRole("staff") }, async (request, reply) => {
    const { period, tu, den } = periodOf(deps, request.query);
    const buf = await buildReportXlsx(deps.db, period, { ...deps.petitionDeps, ward: deps.config.WARD_NAME });
    return reply
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="${reportTexts.fileName(tu, den)}.xlsx"`)
      .send(buf);
  });
};

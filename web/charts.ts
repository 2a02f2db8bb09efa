/**
 * Charts rendered on the server: ECharts' server-side SVG renderer (no browser, no canvas),
 * and PNG through resvg with the Be Vietnam Pro font loaded from its npm package, so
 * Vietnamese labels render the same on a machine without fonts.
 */
import * as echarts from "echarts";
import { Resvg } from "@resvg/resvg-js";
import { chartTexts } from "./text.vi.ts";
import { FONT_FILES } from "./fonts.ts";

export const CHART_FONT = "Be Vietnam Pro";
/** In the SVG: the shipped font first, any sans-serif where it is not installed (a browser showing the SVG). */
const FAMILY = "'Be Vietnam Pro', sans-serif";

export interface BarChart {
  title: string;
  labels: string[];
  values: number[];
  /** Horizontal bars read better with long Vietnamese labels. */
  horizontal?: boolean;
  width?: number;
  height?: number;
  /** Values are percentages (0–100). */
  percent?: boolean;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A label on at most two lines of about `n` characters, broken between words ("An ninh, trật tự, an toàn giao thông"). */
function wrap(s: string, n: number): string {
  if (s.length <= n) return s;
  const cutAt = s.lastIndexOf(" ", n);
  if (cutAt <= 0) return cut(s, n);
  return `${s.slice(0, cutAt)}\n${cut(s.slice(cutAt + 1), n)}`;
}

/** An SVG bar chart (standalone document). */
export function barChartSvg(c: BarChart): string {
  const width = c.width ?? 720;
  // Horizontal bars: long Vietnamese labels wrap onto two lines, each bar gets room for them.
  const labels = c.horizontal ? c.labels.map((l) => wrap(l, 28)) : c.labels.map((l) => cut(l, 34));
  const rowHeight = labels.some((l) => l.includes("\n")) ? 40 : 30;
  const height = c.height ?? (c.horizontal ? Math.max(220, 70 + c.labels.length * rowHeight) : 320);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  const empty = c.values.length === 0;
  const category = { type: "category" as const, data: labels, axisLabel: { fontFamily: FAMILY, fontSize: 12, interval: 0, lineHeight: 15 } };
  const value = { type: "value" as const, minInterval: 1, ...(c.percent ? { max: 100 } : {}), axisLabel: { fontFamily: FAMILY, fontSize: 11 } };
  chart.setOption({
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: FAMILY },
    title: { text: c.title, left: 8, top: 6, textStyle: { fontFamily: FAMILY, fontSize: 15, fontWeight: 600, color: "#1d2939" } },
    grid: { left: c.horizontal ? 230 : 48, right: 36, top: 44, bottom: c.horizontal ? 24 : 64, containLabel: false },
    // No data: a sentence where the bars would be, not an empty frame of axes.
    xAxis: { ...(c.horizontal ? value : { ...category, axisLabel: { ...category.axisLabel, rotate: c.labels.length > 6 ? 30 : 0 } }), show: !empty },
    yAxis: { ...(c.horizontal ? { ...category, inverse: true } : value), show: !empty },
    ...(empty ? { graphic: { type: "text", left: "center", top: "middle", style: { text: chartTexts.empty, fontFamily: FAMILY, fontSize: 14, fill: "#5b6474" } } } : {}),
    series: [
      {
        type: "bar",
        data: c.values,
        itemStyle: { color: "#1f5fa8" },
        barMaxWidth: 28,
        label: { show: true, position: c.horizontal ? "right" : "top", fontFamily: FAMILY, fontSize: 11, formatter: c.percent ? "{c}%" : "{c}" },
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** PNG of an SVG, text in the shipped font (system fonts are not consulted). */
export function svgToPng(svg: string, width = 1440): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    background: "#ffffff",
    font: { fontFiles: [FONT_FILES.regular(), FONT_FILES.semibold()], loadSystemFonts: false, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT, serifFamily: CHART_FONT },
  });
  return r.render().asPng();
}

/**
 * Server-side HTML: Eta templates in web/views with autoescaping, the shared layout, and the
 * helpers templates use (dates in Vietnam time, labels). No inline scripts or styles: the
 * CSP forbids them.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Eta } from "eta";
import { CHANNEL_LABELS_VI, categoryLabel } from "../bot/text/petitions.vi.ts";
import { formatDateTimeVi, formatDateVi, isoDay } from "../lib/time.ts";
import { statusLabel, isOpenStatus } from "../bot/petitions/status.ts";
import { loginTexts, publicTexts, siteTexts, staffTexts } from "./text.vi.ts";

export const VIEWS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "views");

/** Query string from an object, empty values dropped (paging and filter links). */
export function queryString(params: Record<string, string | number | boolean | null | undefined | string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "" || v === false) continue;
    if (Array.isArray(v)) for (const x of v) q.append(k, x);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

export const helpers = {
  date: (d: Date | null | undefined) => (d ? formatDateVi(d) : siteTexts.none),
  dateTime: (d: Date | null | undefined) => (d ? formatDateTimeVi(d) : siteTexts.none),
  /** yyyy-mm-dd in Vietnam (for <input type="date">). */
  isoDay: (d: Date | null | undefined) => (d ? isoDay(d) : ""),
  status: statusLabel,
  category: categoryLabel,
  isOpen: isOpenStatus,
  percent: (x: number | null) => (x === null ? siteTexts.none : `${Math.round(x * 100)}%`),
  score: (x: number | null) => (x === null ? siteTexts.none : x.toFixed(1)),
  qs: queryString,
  /** A chat channel as staff read it ("zalo_oa" → "Zalo OA"). */
  channel: (c: string) => CHANNEL_LABELS_VI[c] ?? c,
};

export interface PageContext {
  title: string;
  /** Signed-in viewer for the header, or null (public pages). */
  viewer: { name: string; role: string } | null;
  csrf: string | null;
  ward: string;
  /** Which top navigation to show. */
  area: "public" | "staff" | "login";
  [key: string]: unknown;
}

export function createRenderer() {
  const eta = new Eta({ views: VIEWS_DIR, cache: true, autoEscape: true, autoTrim: false });
  return {
    render(view: string, ctx: PageContext): string {
      return eta.render(view, { ...ctx, h: helpers, t: { site: siteTexts, pub: publicTexts, login: loginTexts, staff: staffTexts } });
    },
  };
}
export type Renderer = ReturnType<typeof createRenderer>;

/**
 * The public page the seed plan requires ("Công khai tiến độ, kết quả giải quyết kiến nghị
 * cử tri"): the ward's petitions, anonymised, with search and paging; one page per petition
 * (404 — the same page — for an unknown or non-public code); units' on-time rate and
 * satisfaction; the ward's plan tasks with their progress.
 */
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { redactForPublic } from "../../../lib/redact.ts";
import { foldVietnamese } from "../../../rag/text/vietnamese.ts";
import { anonymisePublic } from "../../data/store.ts";
import type { WebDeps } from "../../deps.ts";
import { publicTexts } from "../../text.vi.ts";

export const PUBLIC_PAGE_SIZE = 20;

const listQuery = z.object({
  q: z.string().max(200).optional().transform((s) => s?.replace(/\s+/g, " ").trim() || null),
  trang: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
const codeParam = z.object({ code: z.string().regex(/^KN-\d{4}-\d{6}$/) });

/** Public rate limit: generous for readers, a wall for scrapers. */
export const PUBLIC_RATE = { max: 120, timeWindow: "1 minute" } as const;

export const publicRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  app.get("/", { config: { rateLimit: PUBLIC_RATE } }, async (request, reply) => {
    const { q, trang } = listQuery.parse(request.query);
    const folded = q ? foldVietnamese(q) : null;
    if (folded) await deps.data.refreshSearchIndex(500);
    const [{ rows, total, totalIsLowerBound }, units, plan] = await Promise.all([
      deps.data.publicPage(folded, trang, PUBLIC_PAGE_SIZE),
      trang === 1 && !q ? deps.data.unitPerformance() : Promise.resolve([]),
      trang === 1 && !q ? deps.data.planTasks(deps.config.WARD_NAME, { offset: 0, limit: 15 }) : Promise.resolve({ rows: [], total: 0 }),
    ]);
    const progress = await deps.planProgress.progressOf(plan.rows.map((t) => t.id));
    // A lower-bound total (common search words) was counted past this page: one more page at least.
    const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE) + (totalIsLowerBound ? 1 : 0));
    return reply.sendPage("public-list", {
      title: publicTexts.title,
      q,
      page: Math.min(trang, pages),
      pages,
      total,
      totalIsLowerBound,
      rows: rows.map(anonymisePublic),
      units,
      plan: plan.rows.map((t) => ({ ...t, progress: progress.get(t.id) ?? null })),
      planTotal: plan.total,
    });
  });

  app.get("/:code", { config: { rateLimit: PUBLIC_RATE } }, async (request, reply) => {
    const parsed = codeParam.safeParse(request.params);
    const p = parsed.success ? await deps.data.publicPetition(parsed.data.code) : null;
    // Unknown and non-public codes get the same page: codes cannot be probed.
    if (!p) return reply.code(404).sendPage("error", { kind: "notFound" });
    return reply.sendPage("public-petition", {
      title: publicTexts.detailTitle(p.code),
      p: anonymisePublic(p),
      history: p.history.map((h) => ({ ...h, note: h.note ? redactForPublic(h.note) : null })),
    });
  });
};

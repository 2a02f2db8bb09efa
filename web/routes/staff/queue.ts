/**
 * The review queue: every petition the viewer may see, filtered, sorted and paged in the
 * store; counts per status; urgent and overdue marked. Staff select rows for bulk actions
 * (assign a unit, change status) that go through the same services as the chat.
 */
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { z } from "zod";
import { CATEGORY_IDS } from "../../../bot/classify/taxonomy.ts";
import { CHANNELS } from "../../../bot/core/types.ts";
import { isDomainError } from "../../../bot/errors.ts";
import { checkReplyQuality } from "../../../bot/petitions/reply-quality.ts";
import { assignUnit, moveStatus } from "../../../bot/petitions/staff.ts";
import { STATUSES } from "../../../bot/petitions/status.ts";
import { startOfDayVi } from "../../../lib/time.ts";
import { foldCollapsed } from "../../../rag/text/vietnamese.ts";
import type { QueueFilter, Sort } from "../../data/types.ts";
import type { WebDeps } from "../../deps.ts";
import { checkCsrf, isStaff, requireRole } from "../../plugins/auth.ts";
import { actorOf } from "./actor.ts";
import { staffTexts } from "../../text.vi.ts";

export const QUEUE_PAGE_SIZE = 25;
const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const oneOrMany = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

export const queueQuerySchema = z.object({
  trang_thai: z.preprocess(blankToUndefined, oneOrMany.pipe(z.array(z.enum(STATUSES))).optional()),
  linh_vuc: z.preprocess(blankToUndefined, z.enum([...CATEGORY_IDS, "chua_phan_loai"]).optional()),
  don_vi: z.preprocess(blankToUndefined, z.string().max(40).regex(/^[\w-]+$/).optional()),
  muc_do: z.preprocess(blankToUndefined, z.enum(["khan", "thuong"]).optional()),
  qua_han: z.preprocess(blankToUndefined, z.literal("1").optional()),
  kenh: z.preprocess(blankToUndefined, z.string().max(20).regex(/^[\w-]+$/).optional()),
  tu: z.preprocess(blankToUndefined, DAY.optional()),
  den: z.preprocess(blankToUndefined, DAY.optional()),
  q: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  sap_xep: z.preprocess(blankToUndefined, z.enum(["newest", "oldest", "due", "urgent"]).optional()),
  trang: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

/** "2026-11-30" → the start of that day in Vietnam time (null when invalid). */
export function vnDayStart(day: string | undefined, plusDays = 0): Date | null {
  if (!day) return null;
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  // Date.UTC carries an overflowing day into the next month (the form's "to" day + 1).
  const t = new Date(Date.UTC(y, m - 1, d + plusDays));
  return Number.isFinite(t.getTime()) ? startOfDayVi(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()) : null;
}

export function toFilter(q: QueueQuery, areas: string[] | null): QueueFilter {
  return {
    statuses: q.trang_thai ?? [],
    category: q.linh_vuc ?? null,
    unitCode: q.don_vi ?? null,
    urgent: q.muc_do === "khan" ? true : q.muc_do === "thuong" ? false : null,
    overdue: q.qua_han === "1",
    channel: q.kenh ?? null,
    from: vnDayStart(q.tu),
    to: vnDayStart(q.den, 1),
    q: q.q ? foldCollapsed(q.q) || null : null,
    areas,
    sort: (q.sap_xep ?? "newest") as Sort,
    page: q.trang,
    pageSize: QUEUE_PAGE_SIZE,
  };
}

const bulkBody = z.object({
  _csrf: z.string().optional(),
  ma: z.preprocess(blankToUndefined, oneOrMany.pipe(z.array(z.string().regex(/^KN-\d{4}-\d{6}$/)).max(100)).optional()),
  hanh_dong: z.enum(["giao", "trang_thai"]),
  don_vi: z.string().max(40).optional(),
  trang_thai: z.preprocess(blankToUndefined, z.enum(STATUSES).optional()),
  ghi_chu: z.string().max(2000).optional(),
  xac_nhan: z.string().optional(),
});

/** Areas the viewer is limited to: null for staff (everything), the assigned list for delegates. */
export async function viewerAreas(deps: WebDeps, request: FastifyRequest): Promise<string[] | null> {
  const v = request.viewer!;
  return isStaff(v) ? null : deps.data.delegateAreas(v.channel, v.externalId);
}

export const queueRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  app.get("/", { preHandler: requireRole("delegate") }, async (request, reply) => {
    const parsed = queueQuerySchema.safeParse(request.query);
    const query = parsed.success ? parsed.data : queueQuerySchema.parse({});
    const areas = await viewerAreas(deps, request);
    const filter = toFilter(query, areas);
    if (filter.q) await deps.data.refreshSearchIndex(500);
    const [page, units] = await Promise.all([deps.data.queuePage(filter, deps.now()), deps.data.units()]);
    // A lower-bound total (common search words) was counted past this page: one more page at least.
    const pages = Math.max(1, Math.ceil(page.total / QUEUE_PAGE_SIZE) + (page.totalIsLowerBound ? 1 : 0));
    return reply.sendPage("queue", {
      title: areas ? staffTexts.delegateQueueTitle : staffTexts.queueTitle,
      query,
      invalidFilter: !parsed.success,
      page,
      pageNo: Math.min(query.trang, pages),
      pages,
      units,
      areas,
      staff: isStaff(request.viewer),
      statuses: STATUSES,
      categories: [...CATEGORY_IDS, "chua_phan_loai"],
      // Every chat channel (the Zalo OA and Zalo Bot ones too) and Open311 partners.
      channels: [...CHANNELS, "open311"],
    });
  });

  app.post("/hang-loat", { preHandler: [requireRole("staff"), checkCsrf] }, async (request, reply) => {
    const parsed = bulkBody.safeParse(request.body);
    if (!parsed.success || !parsed.data.ma?.length) return reply.code(400).sendPage("bulk-result", { title: staffTexts.bulkTitle, message: staffTexts.bulkNone, failed: [] });
    const b = parsed.data;
    const actor = actorOf(request.viewer!);
    const note = b.ghi_chu?.trim() || null;
    if (b.hanh_dong === "trang_thai" && b.trang_thai && !b.xac_nhan) {
      const quality = checkReplyQuality({ text: note ?? "", status: b.trang_thai });
      if (!quality.ok) return reply.code(422).sendPage("bulk-confirm", { title: staffTexts.bulkTitle, body: b, quality });
    }
    let ok = 0;
    const failed: string[] = [];
    for (const code of b.ma!) {
      try {
        if (b.hanh_dong === "giao") await assignUnit(deps.db, code, b.don_vi ?? "", actor, deps.petitionDeps, note ?? undefined);
        else await moveStatus(deps.db, code, b.trang_thai ?? "", note, actor, deps.petitionDeps);
        ok++;
      } catch (err) {
        if (!isDomainError(err)) throw err;
        failed.push(`${code}: ${err.message}`);
      }
    }
    deps.notify();
    return reply.sendPage("bulk-result", { title: staffTexts.bulkTitle, message: staffTexts.bulkDone(ok, failed), failed });
  });
};

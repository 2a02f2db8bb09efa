/** Delegates' areas (staff assign them) and the ward's plan tasks (delegates and staff read). */
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { CHANNELS } from "../../../bot/core/types.ts";
import { parseAreaList } from "../../areas.ts";
import type { WebDeps } from "../../deps.ts";
import { checkCsrf, requireRole } from "../../plugins/auth.ts";
import { staffTexts } from "../../text.vi.ts";

const areasBody = z.object({
  _csrf: z.string().optional(),
  channel: z.enum(CHANNELS),
  user: z.string().min(1).max(64),
  areas: z.string().max(2000).default(""),
});
const PLAN_PAGE = 30;
const planQuery = z.object({ trang: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });

export const adminRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  app.get("/khu-vuc", { preHandler: requireRole("staff") }, async (_request, reply) => {
    return reply.sendPage("areas", { title: staffTexts.areasTitle, delegates: await deps.data.delegates() });
  });

  app.post("/khu-vuc", { preHandler: [requireRole("staff"), checkCsrf] }, async (request, reply) => {
    const parsed = areasBody.safeParse(request.body);
    if (!parsed.success) return reply.code(400).sendPage("error", { kind: "error" });
    const { channel, user, areas } = parsed.data;
    if ((await deps.data.roleOf(channel, user)) !== "delegate") return reply.code(400).sendPage("error", { kind: "error" });
    await deps.data.setDelegateAreas(channel, user, parseAreaList(areas));
    return reply.redirect("/can-bo/khu-vuc", 303);
  });

  app.get("/ke-hoach", { preHandler: requireRole("delegate") }, async (request, reply) => {
    const { trang } = planQuery.parse(request.query ?? {});
    const { rows, total } = await deps.data.planTasks(deps.config.WARD_NAME, { offset: (trang - 1) * PLAN_PAGE, limit: PLAN_PAGE });
    const progress = await deps.planProgress.progressOf(rows.map((r) => r.id));
    const pages = Math.max(1, Math.ceil(total / PLAN_PAGE));
    return reply.sendPage("plan", { title: staffTexts.planTitle, rows: rows.map((t) => ({ ...t, progress: progress.get(t.id) ?? null })), total, page: Math.min(trang, pages), pages });
  });
};

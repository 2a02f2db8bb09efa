/**
 * One petition for staff (and, read-only, for the delegate of its area): the original
 * text, attachments, place, classification, history, supplements, plan tasks, duplicate
 * candidates; and every action, each through the same service as the chat.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { CATEGORY_IDS } from "../../../bot/classify/taxonomy.ts";
import { redactForPublic } from "../../../lib/redact.ts";
import { isDomainError } from "../../../bot/errors.ts";
import { actorKind } from "../../../bot/petitions/history.ts";
import { checkReplyQuality, CHECKED_STATUSES } from "../../../bot/petitions/reply-quality.ts";
import { assignUnit, confirmCategory, correctCategory, markDuplicate, moveStatus, reject } from "../../../bot/petitions/staff.ts";
import { STATUSES, TRANSITIONS, isStatus } from "../../../bot/petitions/status.ts";
import { suggestedUnitFor } from "../../../bot/petitions/units.ts";
import { setArea, setPublic } from "../../../bot/petitions/visibility.ts";
import { normalizePetitionCode } from "../../../bot/petitions/codes.ts";
import { canonicalArea } from "../../areas.ts";
import type { WebDeps } from "../../deps.ts";
import { checkCsrf, isStaff, requireRole } from "../../plugins/auth.ts";
import { RESPONSE_TEMPLATES, staffTexts } from "../../text.vi.ts";
import { publicPetitionUrl } from "../../url.ts";
import { actorOf } from "./actor.ts";
import { viewerAreas } from "./queue.ts";

const codeParam = z.object({ code: z.string().regex(/^KN-\d{4}-\d{6}$/) });
const ACTIONS = ["xac-nhan", "linh-vuc", "giao", "trang-thai", "trung", "tu-choi", "cong-khai", "khu-vuc"] as const;
const actionParams = codeParam.extend({ action: z.enum(ACTIONS) });
const text = (max: number) => z.string().max(max).optional().transform((s) => s?.trim() || null);
const actionBody = z.object({
  _csrf: z.string().optional(),
  category: z.enum(CATEGORY_IDS).optional(),
  unit: z.string().max(40).optional(),
  status: z.enum(STATUSES).optional(),
  note: text(2000),
  original: text(40),
  reason: text(1000),
  public: z.enum(["0", "1"]).optional(),
  area: text(100),
  confirm: z.string().optional(),
});
type ActionBody = z.infer<typeof actionBody>;

export const petitionRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  /** 404 for an unknown code, 403 for a delegate outside the petition's area; else null. */
  async function denied(request: FastifyRequest, reply: FastifyReply, code: string): Promise<FastifyReply | null> {
    const { exists, area } = await deps.data.petitionArea(code);
    if (!exists) return reply.code(404).sendPage("error", { kind: "notFound" });
    const areas = await viewerAreas(deps, request);
    if (areas && (!area || !areas.includes(area))) return reply.code(403).sendPage("error", { kind: "forbidden" });
    return null;
  }

  async function show(request: FastifyRequest, reply: FastifyReply, code: string, extra: Record<string, unknown> = {}) {
    const p = await deps.data.petitionDetail(code);
    if (!p) return reply.code(404).sendPage("error", { kind: "notFound" });
    const staff = isStaff(request.viewer);
    const units = staff ? await deps.data.units() : [];
    // Unassigned: the unit the category maps to is preselected (as the chat's review card proposes it).
    const suggestedUnit = staff && !p.unitCode ? ((await suggestedUnitFor(deps.db, p.category))?.code ?? null) : null;
    const history = p.history.map((h) => ({ ...h, kind: actorKind(h.actor), supplement: actorKind(h.actor) === "voter" && h.fromStatus === h.toStatus }));
    return reply.sendPage("petition", {
      title: staffTexts.petitionTitle(p.code),
      p,
      staff,
      // Delegates read the anonymised text: the original may name the voter.
      shownText: staff ? p.originalText : redactForPublic(p.originalText),
      history,
      supplements: history.filter((h) => h.supplement),
      units,
      suggestedUnit,
      categories: CATEGORY_IDS,
      nextStatuses: isStatus(p.status) ? TRANSITIONS[p.status].filter((s) => s !== "duplicate") : [],
      templates: RESPONSE_TEMPLATES,
      checked: CHECKED_STATUSES,
      publicUrl: p.isPublic ? publicPetitionUrl(deps.config, p.code) : null,
      ok: (request.query as Record<string, unknown>)?.ok === "1",
      ...extra,
    });
  }

  app.get("/kien-nghi/:code", { preHandler: requireRole("delegate") }, async (request, reply) => {
    const parsed = codeParam.safeParse(request.params);
    if (!parsed.success) return reply.code(404).sendPage("error", { kind: "notFound" });
    const blocked = await denied(request, reply, parsed.data.code);
    if (blocked) return blocked;
    return show(request, reply, parsed.data.code);
  });

  app.post("/kien-nghi/:code/:action", { preHandler: [requireRole("staff"), checkCsrf] }, async (request, reply) => {
    const params = actionParams.safeParse(request.params);
    if (!params.success) return reply.code(404).sendPage("error", { kind: "notFound" });
    const { code, action } = params.data;
    if (!(await deps.data.petitionArea(code)).exists) return reply.code(404).sendPage("error", { kind: "notFound" });
    const parsed = actionBody.safeParse(request.body);
    if (!parsed.success) return show(request, reply.code(400), code, { error: staffTexts.invalidInput });
    const b = parsed.data;
    const actor = actorOf(request.viewer!);
    try {
      if (action === "trang-thai") {
        const quality = await qualityGate(deps, code, b);
        if (quality) return show(request, reply.code(422), code, { quality, form: b });
      }
      await perform(deps, code, action, b, actor);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      return show(request, reply.code(400), code, { error: err.message, form: b });
    }
    deps.notify();
    return reply.redirect(`/can-bo/kien-nghi/${code}?ok=1`, 303);
  });
};

/** The reply-quality warning for a status reply, unless the staff member confirmed it. */
async function qualityGate(deps: WebDeps, code: string, b: ActionBody) {
  if (!b.status || b.confirm) return null;
  const detail = await deps.data.petitionDetail(code);
  const q = checkReplyQuality({ text: b.note ?? "", status: b.status, unitName: detail?.unitName ?? null });
  return q.ok ? null : q;
}

async function perform(deps: WebDeps, code: string, action: (typeof ACTIONS)[number], b: ActionBody, actor: ReturnType<typeof actorOf>) {
  const pd = deps.petitionDeps;
  switch (action) {
    case "xac-nhan":
      return confirmCategory(deps.db, code, actor, pd);
    case "linh-vuc":
      return correctCategory(deps.db, code, b.category ?? "", actor, pd);
    case "giao":
      return assignUnit(deps.db, code, b.unit ?? "", actor, pd, b.note ?? undefined);
    case "trang-thai":
      return moveStatus(deps.db, code, b.status ?? "", b.note, actor, pd);
    case "trung":
      return markDuplicate(deps.db, code, normalizePetitionCode(b.original ?? "") ?? b.original ?? "", actor, pd, b.reason ?? undefined);
    case "tu-choi":
      return reject(deps.db, code, b.reason ?? "", actor, pd);
    case "cong-khai":
      return setPublic(deps.db, code, b.public === "1", b.reason, actor, pd);
    case "khu-vuc":
      return setArea(deps.db, code, b.area ? canonicalArea(b.area) : null, actor, pd);
  }
}

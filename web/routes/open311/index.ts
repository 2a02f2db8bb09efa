/**
 * Open311 GeoReport v2 under /open311/v2/, paths as the spec names them: discovery,
 * services.{json,xml}, services/{code}.{json,xml}, requests.{json,xml} (GET with filters;
 * POST with api_key files a petition through the same intake), requests/{id}.{json,xml}.
 * Service requests are the public petitions, anonymised as on the public page; errors are
 * the spec's {code, description} lists with 400/403/404.
 */
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import formbody from "@fastify/formbody";
import { z } from "zod";
import { CATEGORY_IDS } from "../../../bot/classify/taxonomy.ts";
import { categoryLabel } from "../../../bot/text/petitions.vi.ts";
import { isOpenStatus } from "../../../bot/petitions/status.ts";
import { anonymisePublic } from "../../data/store.ts";
import type { PublicDetail } from "../../data/types.ts";
import type { WebDeps } from "../../deps.ts";
import { PUBLIC_RATE } from "../public/index.ts";
import { errorRecords, w3c, xmlList, xmlRecord, type Record311 } from "../../open311/format.ts";
import { fileOpen311Request, open311RequestSchema } from "../../open311/intake.ts";
import { baseUrl } from "../../url.ts";
import { open311Texts } from "../../text.vi.ts";
import { sha256 } from "../../auth/tokens.ts";

type Format = "json" | "xml";
const formatParam = z.enum(["json", "xml"]);
const MAX_RANGE_MS = 90 * 86_400_000;
const W3C = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
const list = <T extends z.ZodType<string, string>>(item: T) => z.string().max(2000).transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)).pipe(z.array(item).max(100));
const requestsQuery = z.object({
  service_request_id: list(z.string().regex(/^KN-\d{4}-\d{6}$/)).optional(),
  service_code: list(z.string().max(40)).optional(),
  start_date: W3C.optional(),
  end_date: W3C.optional(),
  status: list(z.enum(["open", "closed"])).optional(),
  jurisdiction_id: z.string().max(200).optional(),
});

function send(reply: FastifyReply, format: Format, root: string, item: string, records: Record311[], status = 200) {
  reply.code(status);
  if (format === "xml") return reply.type("text/xml; charset=utf-8").send(xmlList(root, item, records));
  return reply.type("application/json; charset=utf-8").send(records);
}

function fail(reply: FastifyReply, format: Format, status: 400 | 403 | 404, description: string) {
  return send(reply, format, "errors", "error", errorRecords(status, description), status);
}

function service(code: string): Record311 {
  return { service_code: code, service_name: categoryLabel(code), description: categoryLabel(code), metadata: false, type: "realtime", keywords: code.replace(/_/g, ", "), group: open311Texts.group };
}

/** A public petition as an Open311 service request (anonymised texts, no coordinates of homes). */
export function requestRecord(p: PublicDetail): Record311 {
  const a = anonymisePublic(p);
  return {
    service_request_id: p.code,
    status: isOpenStatus(p.status) ? "open" : "closed",
    status_notes: a.outcome,
    service_name: categoryLabel(p.category),
    service_code: p.category,
    description: a.summary,
    agency_responsible: p.unitName,
    service_notice: null,
    requested_datetime: w3c(p.createdAt),
    updated_datetime: w3c(p.updatedAt),
    expected_datetime: w3c(p.dueAt),
    address: a.location,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

export const open311Routes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  const rate = { config: { rateLimit: PUBLIC_RATE } };

  const discovery = (format: Format, reply: FastifyReply) => {
    const endpoint: Record311 = {
      specification: "http://wiki.open311.org/GeoReport_v2",
      url: `${baseUrl(deps.config)}/open311/v2`,
      changeset: "2026-12-01 10:00",
      type: "production",
      formats: ["text/xml", "application/json"],
    };
    const doc: Record311 = { changeset: "2026-12-01 10:00", contact: open311Texts.contact, key_service: open311Texts.contact, endpoints: [endpoint] };
    if (format === "xml") return reply.type("text/xml; charset=utf-8").send(xmlRecord("discovery", doc));
    return reply.type("application/json; charset=utf-8").send(doc);
  };
  app.get("/discovery", rate, async (_req, reply) => discovery("json", reply));
  app.get("/discovery.:format", rate, async (request, reply) => {
    const f = formatParam.safeParse((request.params as { format: string }).format);
    return f.success ? discovery(f.data, reply) : fail(reply, "json", 404, open311Texts.notFound);
  });

  app.get("/services.:format", rate, async (request, reply) => {
    const f = formatParam.safeParse((request.params as { format: string }).format);
    if (!f.success) return fail(reply, "json", 404, open311Texts.badFormat);
    return send(reply, f.data, "services", "service", CATEGORY_IDS.map(service));
  });

  app.get("/services/:code.:format", rate, async (request, reply) => {
    const { code, format } = request.params as { code: string; format: string };
    const f = formatParam.safeParse(format);
    if (!f.success) return fail(reply, "json", 404, open311Texts.badFormat);
    if (!(CATEGORY_IDS as readonly string[]).includes(code)) return fail(reply, f.data, 404, open311Texts.serviceNotFound(code));
    const def: Record311 = { service_code: code, attributes: [] };
    if (f.data === "xml") return reply.type("text/xml; charset=utf-8").send(xmlRecord("service_definition", def));
    return reply.type("application/json; charset=utf-8").send(def);
  });

  app.get("/requests.:format", rate, async (request, reply) => {
    const f = formatParam.safeParse((request.params as { format: string }).format);
    if (!f.success) return fail(reply, "json", 404, open311Texts.badFormat);
    const parsed = requestsQuery.safeParse(request.query);
    if (!parsed.success) return fail(reply, f.data, 400, open311Texts.badRequest(parsed.error.issues[0]?.path.join(".") ?? "query"));
    const q = parsed.data;
    const now = deps.now();
    const end = q.end_date ? new Date(q.end_date) : q.start_date ? new Date(Math.min(now.getTime(), Date.parse(q.start_date) + MAX_RANGE_MS)) : now;
    const start = q.start_date ? new Date(q.start_date) : new Date(end.getTime() - MAX_RANGE_MS);
    if (end.getTime() - start.getTime() > MAX_RANGE_MS || end < start) return fail(reply, f.data, 400, open311Texts.rangeTooLong);
    const statuses = q.status ?? [];
    const rows = await deps.data.open311Requests({
      codes: q.service_request_id ?? null,
      serviceCodes: q.service_code ?? null,
      from: start,
      to: new Date(end.getTime() + 1),
      open: statuses.length === 1 ? statuses[0] === "open" : null,
      limit: 1000,
    });
    return send(reply, f.data, "service_requests", "request", rows.map(requestRecord));
  });

  app.get("/requests/:id.:format", rate, async (request, reply) => {
    const { id, format } = request.params as { id: string; format: string };
    const f = formatParam.safeParse(format);
    if (!f.success) return fail(reply, "json", 404, open311Texts.badFormat);
    const p = /^KN-\d{4}-\d{6}$/.test(id) ? await deps.data.publicPetition(id) : null;
    if (!p) return fail(reply, f.data, 404, open311Texts.requestNotFound(id));
    return send(reply, f.data, "service_requests", "request", [requestRecord(p)]);
  });

  app.post("/requests.:format", { config: { rateLimit: { max: 30, timeWindow: "1 minute" } } }, async (request, reply) => {
    const f = formatParam.safeParse((request.params as { format: string }).format);
    if (!f.success) return fail(reply, "json", 404, open311Texts.badFormat);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const apiKey = typeof body.api_key === "string" ? body.api_key : "";
    const key = apiKey && apiKey.length <= 200 ? await deps.data.open311Key(sha256(apiKey)) : null;
    if (!key) return fail(reply, f.data, 403, open311Texts.keyMissing);
    if (typeof body.service_code !== "string" || !body.service_code) return fail(reply, f.data, 400, open311Texts.serviceRequired);
    if (!(CATEGORY_IDS as readonly string[]).includes(body.service_code)) return fail(reply, f.data, 404, open311Texts.serviceNotFound(body.service_code));
    const parsed = open311RequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const msg = issue?.message === "location" ? open311Texts.locationRequired : issue?.path[0] === "description" ? open311Texts.descriptionRequired : open311Texts.badRequest(issue?.path.join(".") ?? "body");
      return fail(reply, f.data, 400, msg);
    }
    const filed = await fileOpen311Request(deps, key, parsed.data);
    return send(reply, f.data, "service_requests", "request", [
      { service_request_id: filed.code, service_notice: open311Texts.serviceNotice(deps.config.DEADLINE_NORMAL_DAYS), account_id: parsed.data.account_id ?? null },
    ]);
  });
};

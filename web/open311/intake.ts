/**
 * POST requests.{format}: a partner's service request becomes a petition through the same
 * intake as a chat message (stored inbound message, idempotent by its content, filed in one
 * transaction, classified afterwards with the partner's service_code as the category).
 * Contact details stay with the stored message for staff; public outputs are anonymised.
 */
import { z } from "zod";
import { applyClassification, filePetition, recordInbound } from "../../bot/petitions/intake.ts";
import type { MessageUnderstanding } from "../../bot/petitions/types.ts";
import type { Open311KeyRow } from "../data/types.ts";
import type { WebDeps } from "../deps.ts";
import { sha256 } from "../auth/tokens.ts";

export const OPEN311_CHANNEL = "open311";
const opt = (max: number) => z.string().trim().max(max).optional().transform((s) => s || undefined);
const coord = (min: number, max: number) => z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().min(min).max(max).optional());

export const open311RequestSchema = z
  .object({
    service_code: z.string().max(40),
    lat: coord(-90, 90),
    long: coord(-180, 180),
    address_string: opt(300),
    address_id: opt(100),
    email: opt(200),
    device_id: opt(200),
    account_id: opt(200),
    first_name: opt(100),
    last_name: opt(100),
    phone: opt(50),
    description: z.string().trim().min(1).max(4000),
    media_url: z.preprocess((v) => (v === "" ? undefined : v), z.url().max(1000).optional()),
  })
  .refine((r) => (r.lat !== undefined && r.long !== undefined) || r.address_string || r.address_id, { message: "location" });
export type Open311Request = z.infer<typeof open311RequestSchema>;

/** Classifications started here and still running (tests and shutdown wait on them). */
const running = new Set<Promise<unknown>>();
export async function open311Idle(): Promise<void> {
  await Promise.allSettled([...running]);
}

export async function fileOpen311Request(deps: WebDeps, key: Open311KeyRow, r: Open311Request): Promise<{ code: string; alreadyFiled: boolean }> {
  const place = r.address_string ?? (r.lat !== undefined && r.long !== undefined ? `${r.lat}, ${r.long}` : r.address_id ?? null);
  // The same request posted twice (a client retry) is the same message.
  const identity = JSON.stringify([r.service_code, r.description, place, r.email, r.phone, r.device_id, r.account_id]);
  const contact = r.email ?? r.phone ?? r.device_id ?? r.account_id ?? "anon";
  const { inbound, duplicate } = await recordInbound(
    deps.db,
    {
      channel: OPEN311_CHANNEL,
      externalId: `${key.id}:${sha256(identity).slice(0, 32)}`,
      chatId: `${key.id}:${sha256(contact).slice(0, 16)}`,
      userId: `${key.id}:${sha256(contact).slice(0, 16)}`,
      text: r.description,
      payload: {
        attachments: r.media_url ? [{ kind: "photo", ref: r.media_url }] : [],
        open311: { partner: key.name, ...r },
      },
    },
    { now: deps.now },
  );
  if (duplicate) {
    const code = await deps.data.petitionCodeByInbound(OPEN311_CHANNEL, inbound.externalId);
    if (code) return { code, alreadyFiled: true };
  }
  const name = [r.first_name, r.last_name].filter(Boolean).join(" ") || null;
  const filed = await filePetition(deps.db, { inboundId: inbound.id, displayName: name }, deps.petitionDeps);
  if (!filed.alreadyFiled) {
    const job = classify(deps, filed.petitionId, r, place).catch((err: unknown) => deps.log.error("open311: classification failed", { code: filed.code, err: String(err) }));
    running.add(job);
    void job.finally(() => running.delete(job));
  }
  return { code: filed.code, alreadyFiled: filed.alreadyFiled };
}

async function classify(deps: WebDeps, petitionId: number, r: Open311Request, place: string | null): Promise<void> {
  const base: MessageUnderstanding = deps.classifier
    ? await deps.classifier.full(r.description)
    : { intent: "petition", category: null, confidence: 0, urgent: false, summary: null, location: null, source: "offline" };
  // The partner chose the service (category); the classifier still judges urgency and summary.
  const understanding: MessageUnderstanding = { ...base, intent: "petition", category: r.service_code, confidence: Math.max(base.confidence, 0.9), location: place ?? base.location };
  await applyClassification(deps.db, petitionId, understanding, deps.petitionDeps);
  deps.notify();
}

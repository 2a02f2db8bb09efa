/** The records the routes render, shaped from the store's rows (overdue marks, public texts anonymised). */
import { redactForPublic } from "../../lib/redact.ts";
import { OPEN_STATUSES } from "../../bot/petitions/status.ts";
import type { WebPetitionRow } from "../../store/repos/web.ts";
import { petitionAreaOf } from "../areas.ts";
import type { PetitionRef, PublicRow, QueueRow } from "./types.ts";

export function isOverdue(p: { status: string; dueAt: Date | null }, now: Date): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(p.status) && p.dueAt !== null && p.dueAt.getTime() < now.getTime();
}

export function toQueueRow(p: WebPetitionRow, now: Date): QueueRow {
  const text = p.summary?.trim() || p.originalText;
  return {
    code: p.code,
    status: p.status,
    category: p.category,
    unitName: p.unitName,
    urgent: p.urgent,
    overdue: isOverdue(p, now),
    channel: p.channel,
    createdAt: p.createdAt,
    dueAt: p.dueAt,
    text: text.length > 180 ? `${text.slice(0, 177)}…` : text,
    area: petitionAreaOf(p),
  };
}

export function toPublicRow(p: WebPetitionRow, outcome: string | null): PublicRow {
  return {
    code: p.code,
    createdAt: p.createdAt,
    category: p.category,
    status: p.status,
    unitName: p.unitName,
    dueAt: p.dueAt,
    urgent: p.urgent,
    summarySource: p.summary?.trim() || p.originalText,
    outcomeSource: outcome,
    locationSource: p.location,
  };
}

export const ref = (x: WebPetitionRow, relation: PetitionRef["relation"]): PetitionRef => ({
  code: x.code,
  status: x.status,
  category: x.category,
  createdAt: x.createdAt,
  text: (x.summary?.trim() || x.originalText).slice(0, 200),
  relation,
});

/** Calendar months (Vietnam) covering [from, to), at most `max`. */

/** Public rows as the route gives them out: every text anonymised. */
export function anonymisePublic<T extends PublicRow>(row: T): T & { summary: string; outcome: string | null; location: string | null } {
  return {
    ...row,
    summary: redactForPublic(row.summarySource),
    outcome: row.outcomeSource ? redactForPublic(row.outcomeSource) : null,
    location: row.locationSource ? redactForPublic(row.locationSource) : null,
  };
}

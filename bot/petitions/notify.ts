/**
 * Petition notifications: picks the Vietnamese text for a status change and queues it in
 * the Outbox to the voter (the petition's channel and chat) or to staff.
 */
import { petitionTexts } from "../text/petitions.vi.ts";
import { enqueue } from "./outbox.ts";
import type { PetitionStatus } from "./status.ts";
import { isReopen, statusLabel } from "./status.ts";
import type { Clock, DbClient, NotificationPayload } from "./types.ts";
import { STAFF_CHANNEL } from "./types.ts";

/** The petition fields a notification needs. */
export interface NotifiablePetition {
  id: number;
  code: string;
  channel: string;
  chatId: string;
}

/** Queues a message to the petition's voter. `key` must be unique per notification. */
export async function notifyVoter(
  tx: DbClient,
  petition: NotifiablePetition,
  key: string,
  text: string,
  now: Clock,
  payload: Omit<NotificationPayload, "petitionCode"> = { kind: "petition_update" },
): Promise<void> {
  await enqueue(tx, { channel: petition.channel, chatId: petition.chatId, text, payload: { ...payload, petitionCode: petition.code }, dedupeKey: `petition:${petition.id}:${key}` }, now);
}

/**
 * Queues a message for staff. chatId carries the assigned unit's code (or "all") so the
 * chat layer can route it to that unit's accounts.
 */
export async function notifyStaff(
  tx: DbClient,
  petition: { id: number; code: string },
  unitCode: string | null,
  key: string,
  text: string,
  now: Clock,
): Promise<void> {
  await enqueue(
    tx,
    {
      channel: STAFF_CHANNEL,
      chatId: unitCode ?? "all",
      text,
      payload: { kind: "staff_alert", petitionCode: petition.code },
      dedupeKey: `staff:petition:${petition.id}:${key}`,
    },
    now,
  );
}

/** Buttons 1..5 sent with the "resolved" notification. */
export function ratingPayload(code: string): NotificationPayload {
  return {
    kind: "rating_request",
    buttons: petitionTexts.ratingButtons.map((n) => ({ text: n, data: `rate:${code}:${n}` })),
  };
}

export interface StatusNoticeContext {
  code: string;
  from: string;
  to: PetitionStatus;
  note: string | null;
  category: string;
  unitName: string | null;
  dueAt: Date | null;
  originalCode?: string | null;
  originalStatus?: string | null;
}

/** Voter text and payload for a status change. */
export function statusNotice(c: StatusNoticeContext): { text: string; payload: NotificationPayload } {
  const plain = (text: string) => ({ text, payload: { kind: "petition_update", status: c.to } as NotificationPayload });
  switch (c.to) {
    case "received":
      return plain(petitionTexts.received(c.code));
    case "needs_review":
      return plain(petitionTexts.needsReview(c.code));
    case "classified":
      return plain(petitionTexts.classified(c.code, c.category, c.dueAt));
    case "assigned":
      return plain(petitionTexts.assigned(c.code, c.unitName ?? "đơn vị phụ trách", c.dueAt));
    case "in_progress":
      return plain(isReopen(c.from, c.to) ? petitionTexts.reopened(c.code) : petitionTexts.inProgress(c.code, c.unitName, c.note));
    case "resolved":
      return { text: petitionTexts.resolved(c.code, c.note), payload: { ...ratingPayload(c.code), status: c.to } };
    case "closed":
      return plain(petitionTexts.closed(c.code));
    case "rejected":
      return plain(petitionTexts.rejected(c.code, c.note));
    case "duplicate":
      return plain(petitionTexts.duplicate(c.code, c.originalCode ?? "đã có", c.originalStatus ? statusLabel(c.originalStatus) : undefined));
    case "referred":
      return plain(petitionTexts.referred(c.code, c.note));
    case "closed_unresolved":
      return plain(petitionTexts.closedUnresolved(c.code, c.note));
  }
}

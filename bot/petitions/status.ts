/**
 * Petition workflow: the statuses, the only transitions allowed between them, and
 * which transitions need a reason. Everything that changes a status checks here.
 */
import { STATUS_LABELS_VI } from "../text/petitions.vi.ts";

export const STATUSES = [
  "received",
  "needs_review",
  "classified",
  "assigned",
  "in_progress",
  "resolved",
  "closed",
  "rejected",
  "duplicate",
  "referred",
  "closed_unresolved",
] as const;
export type PetitionStatus = (typeof STATUSES)[number];

/** Statuses in which the ward still owes the voter an answer. */
export const OPEN_STATUSES = ["received", "needs_review", "classified", "assigned", "in_progress"] as const satisfies readonly PetitionStatus[];

/** Leaving an open status this way ends the petition without a fix, so a reason is mandatory. */
const EXITS_WITH_REASON = ["rejected", "duplicate", "referred", "closed_unresolved"] as const satisfies readonly PetitionStatus[];

/** Allowed transitions, from → to. */
export const TRANSITIONS: Readonly<Record<PetitionStatus, readonly PetitionStatus[]>> = {
  received: ["needs_review", "classified", ...EXITS_WITH_REASON],
  needs_review: ["classified", ...EXITS_WITH_REASON],
  classified: ["assigned", ...EXITS_WITH_REASON],
  assigned: ["in_progress", ...EXITS_WITH_REASON],
  in_progress: ["resolved", ...EXITS_WITH_REASON],
  // Reopen when the voter says it is not fixed (or rates 1–2).
  resolved: ["closed", "in_progress"],
  closed: ["in_progress"],
  rejected: [],
  duplicate: [],
  referred: [],
  closed_unresolved: [],
};

/** Vietnamese label of each status. */
export const STATUS_LABELS: Readonly<Record<PetitionStatus, string>> = STATUS_LABELS_VI;

export function isStatus(value: unknown): value is PetitionStatus {
  return typeof value === "string" && (STATUSES as readonly string[]).includes(value);
}

export function isOpenStatus(value: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: string, to: string): boolean {
  return isStatus(from) && isStatus(to) && TRANSITIONS[from].includes(to);
}

/** True for a reopen: a resolved or closed petition going back to in_progress. */
export function isReopen(from: string, to: string): boolean {
  return (from === "resolved" || from === "closed") && to === "in_progress";
}

/** Rejections, duplicates, referrals, closing without a fix and reopens need a reason. */
export function requiresReason(from: string, to: string): boolean {
  return (EXITS_WITH_REASON as readonly string[]).includes(to) || isReopen(from, to);
}

export function statusLabel(status: string): string {
  return isStatus(status) ? STATUS_LABELS[status] : status;
}

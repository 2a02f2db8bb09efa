/**
 * Voter feedback on a resolved petition: a 1–5 rating, or "chưa xong". A low score or a
 * "not fixed" reply reopens the petition and alerts staff; a satisfied rating closes it.
 */
import { domainError } from "../errors.ts";
import { foldVietnamese } from "../../rag/text/vietnamese.ts";
import { historyNotes, petitionTexts } from "../text/petitions.vi.ts";
import type { PetitionDetail } from "../../store/rows.ts";
import { changeStatus } from "./history.ts";
import { notifyStaff } from "./notify.ts";
import { isSameVoter } from "./roles.ts";
import type { Clock, DbClient, PetitionDeps, Person } from "./types.ts";
import { resolveDeps } from "./types.ts";

/** Scores at or below this reopen the petition. */
export const REOPEN_MAX_SCORE = 2;

/** Folded phrases voters use to say the problem is still there. */
const NOT_FIXED_PATTERNS = [
  /\bchua (duoc )?(giai quyet|xu ly|khac phuc|sua( chua)?|lam|xong)\b/,
  /\bvan (chua|con|nhu cu|y nguyen|khong)\b/,
  /\bkhong (duoc )?(giai quyet|xu ly|khac phuc|sua)\b/,
  /\bchua het\b/,
];

/** True when a reply says the issue is not fixed ("chưa xong", "vẫn còn ngập", "chua duoc giai quyet"). */
export function isNotFixedMessage(text: string): boolean {
  const folded = foldVietnamese(text).replace(/\s+/g, " ");
  return NOT_FIXED_PATTERNS.some((re) => re.test(folded));
}

/** Loads the petition for feedback: only its own voter may give it. */
async function loadForVoter(tx: DbClient, code: string, voter: Person): Promise<PetitionDetail> {
  const p = await tx.petitions.byCode(code, true);
  if (!p) throw domainError("PETITION_NOT_FOUND", { code });
  // Same answer as for a code that does not exist, so codes cannot be probed.
  if (!isSameVoter({ channel: p.voterChannel, externalId: p.voterExternalId }, voter)) throw domainError("PETITION_NOT_FOUND", { code, reason: "not_owner" });
  return p;
}

/** resolved|closed → in_progress, with the staff alert, in the caller's transaction. */
async function reopen(tx: DbClient, p: PetitionDetail, voter: Person, score: number | null, comment: string | null, now: Clock) {
  const { changeId } = await changeStatus(tx, p.id, "in_progress", {
    actor: { ...voter, role: "voter" },
    note: historyNotes.ratedReopen(score, comment),
    now,
    // The voter is in the conversation and gets the reply directly.
    notify: false,
    current: p,
  });
  await notifyStaff(tx, p, p.unitCode, `reopen:${changeId}`, petitionTexts.staffReopened(p.code, score, comment), now);
}

export interface FeedbackResult {
  code: string;
  reopened: boolean;
  closed: boolean;
  /** Vietnamese reply for the voter. */
  replyText: string;
}

/**
 * Records a rating by the petition's voter. Only when resolved or closed, once per
 * resolution. Score 1–2 (or a comment saying it is not fixed) reopens the petition;
 * 3–5 on a resolved petition closes it.
 */
export async function rate(
  db: DbClient,
  code: string,
  voter: Person,
  score: number,
  comment?: string | null,
  deps: PetitionDeps = {},
): Promise<FeedbackResult> {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw domainError("INVALID_RATING", { score });
  const { now } = resolveDeps(deps);
  const note = comment?.trim() || null;
  return db.transaction(async (tx) => {
    const p = await loadForVoter(tx, code, voter);
    if (p.status !== "resolved" && p.status !== "closed") throw domainError("RATING_NOT_ALLOWED", { code, status: p.status });
    const since = (await tx.feedback.lastResolvedAt(p.id)) ?? p.createdAt;
    if (await tx.feedback.ratedSince(p.id, since)) throw domainError("ALREADY_RATED", { code });
    await tx.feedback.addRating({ petitionId: p.id, voterId: p.voterId, score, comment: note, at: now() });

    if (score <= REOPEN_MAX_SCORE || (note !== null && isNotFixedMessage(note))) {
      await reopen(tx, p, voter, score, note, now);
      return { code, reopened: true, closed: false, replyText: petitionTexts.ratingReopened(code) };
    }
    if (p.status === "resolved") {
      await changeStatus(tx, p.id, "closed", { actor: { ...voter, role: "voter" }, note: historyNotes.ratedClose(score), now, notify: false, current: p });
      return { code, reopened: false, closed: true, replyText: petitionTexts.ratingThanks(score) };
    }
    return { code, reopened: false, closed: false, replyText: petitionTexts.ratingThanks(score) };
  });
}

/** The voter says "chưa xong" without a score: reopen and alert staff. */
export async function reportNotFixed(
  db: DbClient,
  code: string,
  voter: Person,
  comment?: string | null,
  deps: PetitionDeps = {},
): Promise<FeedbackResult> {
  const { now } = resolveDeps(deps);
  const note = comment?.trim() || null;
  return db.transaction(async (tx) => {
    const p = await loadForVoter(tx, code, voter);
    if (p.status !== "resolved" && p.status !== "closed") throw domainError("REOPEN_NOT_ALLOWED", { code, status: p.status });
    await reopen(tx, p, voter, null, note, now);
    return { code, reopened: true, closed: false, replyText: petitionTexts.ratingReopened(code) };
  });
}

/**
 * The voter's newest petition when it is resolved and not yet rated since: a typed "5" or
 * "rất hài lòng" is its rating. Null otherwise.
 */
export async function awaitingRating(db: DbClient, voter: Person): Promise<{ code: string } | null> {
  const [latest] = await db.lists.ofVoter(voter.channel, voter.externalId, { limit: 1 });
  if (!latest || latest.status !== "resolved") return null;
  const since = (await db.feedback.lastResolvedAt(latest.id)) ?? latest.createdAt;
  return (await db.feedback.ratedSince(latest.id, since)) ? null : { code: latest.code };
}

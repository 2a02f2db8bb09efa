/**
 * A notification the channel could not deliver and never will by retrying: a Zalo OA user
 * outside the 7-day window, someone who unfollowed, a refused request. It is a
 * PermanentSendError, so today's outbox marks the row failed at once; the outbox can tell
 * it apart (instanceof, `reason`) to mark the row undeliverable, tell staff, and point the
 * voter to the public page.
 */
import { PermanentSendError } from "../petitions/outbox.ts";

export type UndeliverableReason = "outside_window" | "not_follower" | "refused";

export class UndeliverableError extends PermanentSendError {
  constructor(
    readonly channel: string,
    readonly reason: UndeliverableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${channel}: undeliverable (${reason}): ${message}`, options);
    this.name = "UndeliverableError";
  }
}

export function isUndeliverable(err: unknown): err is UndeliverableError {
  return err instanceof UndeliverableError;
}

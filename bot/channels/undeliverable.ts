/**
 * A notification the channel could not deliver and never will by retrying: a Zalo OA user
 * outside the 7-day window, someone who unfollowed, a refused request. The class lives with
 * the outbox (bot/petitions/outbox.ts), which marks such a row "undeliverable", tells staff
 * and never retries it; channels import it from here.
 */
export { isUndeliverable, UndeliverableError, type UndeliverableReason } from "../petitions/outbox.ts";

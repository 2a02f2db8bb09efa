/**
 * What to do with each Official Account API error code — one table, used by the client
 * (retry / refresh the token and retry once) and by delivery (a permanent refusal or a
 * closed 7-day window makes a notification undeliverable instead of retried).
 * Codes and meanings: the issue, Zalo's public docs as quoted by integrators, and public
 * code that handles them (docs/zalo.md lists the sources). A code not in the table is
 * treated as transient: the outbox retries it a few times, then gives up.
 */

export type OaErrorAction = "retry" | "refresh_token" | "permanent" | "outside_window";

import type { UndeliverableReason } from "../undeliverable.ts";

export interface OaErrorRule {
  action: OaErrorAction;
  meaning: string;
  /** For permanent refusals and the window: what delivery reports. */
  undeliverable?: UndeliverableReason;
}

export const OA_ERROR_TABLE: Readonly<Record<number, OaErrorRule>> = {
  [-32]: { action: "retry", meaning: "rate limit exceeded: back off and retry" },
  [-124]: { action: "refresh_token", meaning: "access token expired (seen in public integrations)" },
  [-216]: { action: "refresh_token", meaning: "access token invalid or expired" },
  [-220]: { action: "refresh_token", meaning: "access token expired or not valid for this OA" },
  [-230]: { action: "outside_window", meaning: "the user has not written to the OA in the last 7 days: consultation messages refused", undeliverable: "outside_window" },
  [-213]: { action: "permanent", meaning: "the user does not follow the OA (or blocked it)", undeliverable: "not_follower" },
  [-201]: { action: "permanent", meaning: "invalid parameters (the request itself is wrong)", undeliverable: "refused" },
};

/** The rule for `code`; unknown codes are transient. */
export function oaErrorRule(code: number): OaErrorRule {
  return OA_ERROR_TABLE[code] ?? { action: "retry", meaning: `unknown error ${code}` };
}

/** An error answer of the OA API (or a transport failure, code 0 with action "retry"). */
export class ZaloOaApiError extends Error {
  readonly action: OaErrorAction;
  readonly undeliverable: UndeliverableReason | undefined;
  constructor(
    readonly code: number,
    readonly apiMessage: string,
    rule: OaErrorRule = oaErrorRule(code),
  ) {
    super(`Zalo OA API error ${code}: ${apiMessage} (${rule.action})`);
    this.name = "ZaloOaApiError";
    this.action = rule.action;
    this.undeliverable = rule.undeliverable;
  }
}

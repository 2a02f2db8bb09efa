/**
 * OAuth v4 for Official Accounts: PKCE, the permission URL an OA admin opens, and the two
 * token calls (authorization code → pair; refresh token → rotated pair). Formats follow
 * Zalo's official PHP SDK (zaloplatform/zalo-php-sdk, OAuth2Client/PKCEUtil): form-encoded
 * bodies, the app secret in a `secret_key` header, code_challenge = base64url(SHA-256
 * (verifier)) with no method parameter. Responses are checked with zod.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/** A fresh code verifier (43 base64url characters, 256 random bits) and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: codeChallengeOf(verifier) };
}

export function codeChallengeOf(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** The page where an OA admin grants the app access: …/v4/oa/permission?app_id&redirect_uri&code_challenge&state. */
export function buildOaPermissionUrl(p: { oauthRoot: string; appId: string; redirectUri: string; codeChallenge: string; state: string }): string {
  const url = new URL("/v4/oa/permission", p.oauthRoot);
  url.searchParams.set("app_id", p.appId);
  url.searchParams.set("redirect_uri", p.redirectUri);
  url.searchParams.set("code_challenge", p.codeChallenge);
  url.searchParams.set("state", p.state);
  return url.toString();
}

/**
 * A token answer. expires_in is seconds as a string in Zalo's samples ("90000" ≈ 25 h); a
 * number is accepted too. Some integrations read `expire_in`; both are accepted.
 */
const tokenAnswerSchema = z
  .object({
    access_token: z.string().min(1),
    refresh_token: z.string().min(1),
    expires_in: z.coerce.number().int().positive().optional(),
    expire_in: z.coerce.number().int().positive().optional(),
  })
  .loose();

/** Error answers seen: {error, error_name, error_reason, error_description} or {error, message}. */
const tokenErrorSchema = z
  .object({
    error: z.coerce.number().optional(),
    error_name: z.string().optional(),
    error_reason: z.string().optional(),
    error_description: z.string().optional(),
    message: z.string().optional(),
  })
  .loose();

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives (default 25 h when Zalo does not say). */
  expiresInSeconds: number;
}

/** Zalo refused the token request (a used or expired refresh token, a wrong code or secret). */
export class ZaloOAuthError extends Error {
  constructor(
    readonly code: number | null,
    readonly reason: string,
    readonly httpStatus: number,
  ) {
    super(`Zalo OAuth refused the request${code !== null ? ` (${code})` : ""}: ${reason}`);
    this.name = "ZaloOAuthError";
  }
}

export const DEFAULT_ACCESS_TOKEN_SECONDS = 90_000;
/** Refresh tokens last 3 months (Zalo's docs); kept for warnings, never relied on. */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3600_000;

export interface OAuthClientOptions {
  oauthRoot: string;
  appId: string;
  appSecret: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

async function tokenRequest(o: OAuthClientOptions, form: Record<string, string>): Promise<IssuedTokens> {
  const res = await (o.fetch ?? fetch)(new URL("/v4/oa/access_token", o.oauthRoot), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", secret_key: o.appSecret },
    body: new URLSearchParams({ ...form, app_id: o.appId }).toString(),
    signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
  });
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new ZaloOAuthError(null, `unreadable answer (HTTP ${res.status})`, res.status);
  }
  const ok = tokenAnswerSchema.safeParse(json);
  if (res.ok && ok.success) {
    return { accessToken: ok.data.access_token, refreshToken: ok.data.refresh_token, expiresInSeconds: ok.data.expires_in ?? ok.data.expire_in ?? DEFAULT_ACCESS_TOKEN_SECONDS };
  }
  const e = tokenErrorSchema.safeParse(json);
  const reason = (e.success && (e.data.error_description || e.data.error_reason || e.data.error_name || e.data.message)) || `HTTP ${res.status}`;
  throw new ZaloOAuthError(e.success ? (e.data.error ?? null) : null, reason, res.status);
}

/** Exchanges the code from the permission redirect (with the PKCE verifier) for a token pair. */
export function exchangeAuthorizationCode(o: OAuthClientOptions, code: string, codeVerifier: string): Promise<IssuedTokens> {
  return tokenRequest(o, { code, grant_type: "authorization_code", code_verifier: codeVerifier });
}

/** Rotates the pair: the refresh token is single-use, the answer carries the next one. */
export function refreshTokens(o: OAuthClientOptions, refreshToken: string): Promise<IssuedTokens> {
  return tokenRequest(o, { refresh_token: refreshToken, grant_type: "refresh_token" });
}

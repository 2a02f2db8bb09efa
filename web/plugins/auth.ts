/**
 * Sessions, roles and CSRF for the staff console. A session is a random token in an
 * HttpOnly, SameSite=Lax cookie; the database keeps only its SHA-256, with an expiry. The
 * role is read from the allowlist on every request, so a revoked grant takes effect at once.
 * Every form carries the session's CSRF token (anonymous forms: a double-submit cookie).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { roleAtLeast, type Role } from "../../bot/petitions/roles.ts";
import type { WebDeps } from "../deps.ts";
import { randomToken, sameSecret, sha256 } from "../auth/tokens.ts";

export const SESSION_COOKIE = "hdnd_sid";
export const ANON_CSRF_COOKIE = "hdnd_csrf";
export const STAFF_HOME = "/can-bo/";
export const SIGN_IN = "/can-bo/dang-nhap";

export interface Viewer {
  channel: string;
  externalId: string;
  role: Role;
  csrf: string;
  tokenHash: string;
}

declare module "fastify" {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

/** Staff (and admins) manage petitions; delegates read their area's. */
export const isStaff = (v: Viewer | null) => v !== null && roleAtLeast(v.role, "staff");

export function cookieOptions(deps: WebDeps, maxAgeSeconds?: number) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    // Secure whenever the public address is HTTPS (behind a reverse proxy).
    secure: Boolean(deps.config.PUBLIC_BASE_URL?.startsWith("https://")),
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** Creates a session for a signed-in person and sets its cookie. */
export async function startSession(deps: WebDeps, reply: FastifyReply, person: { channel: string; externalId: string }): Promise<void> {
  const token = randomToken();
  const now = deps.now();
  const hours = deps.config.WEB_SESSION_HOURS;
  await deps.data.createSession({
    tokenHash: sha256(token),
    channel: person.channel,
    externalId: person.externalId,
    csrfToken: randomToken(24),
    now,
    expiresAt: new Date(now.getTime() + hours * 3600_000),
  });
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(deps, hours * 3600));
}

/** The anonymous CSRF token of this browser (set when missing). */
export function anonCsrf(deps: WebDeps, request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[ANON_CSRF_COOKIE];
  if (existing && /^[\w-]{20,}$/.test(existing)) return existing;
  const token = randomToken(24);
  reply.setCookie(ANON_CSRF_COOKIE, token, { ...cookieOptions(deps), sameSite: "strict" });
  return token;
}

function bodyCsrf(request: FastifyRequest): string {
  const b = request.body as Record<string, unknown> | undefined;
  return typeof b?._csrf === "string" ? b._csrf : "";
}

/** 403 unless the form's token matches the session's (or, signed out, the cookie's). */
export async function checkCsrf(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const expected = request.viewer?.csrf ?? request.cookies[ANON_CSRF_COOKIE] ?? "";
  const got = bodyCsrf(request);
  if (!expected || !got || !sameSecret(expected, got)) {
    await reply.code(403).sendPage("error", { kind: "csrf" });
  }
}

/** Signed out → the sign-in page; signed in below `min` → 403. */
export function requireRole(min: Role) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.viewer) {
      await reply.redirect(SIGN_IN, 303);
      return;
    }
    if (!roleAtLeast(request.viewer.role, min)) await reply.code(403).sendPage("error", { kind: "forbidden" });
  };
}

async function sessionPlugin(app: FastifyInstance, deps: WebDeps) {
  app.decorateRequest("viewer", null);
  app.addHook("onRequest", async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 200) return;
    const tokenHash = sha256(token);
    const s = await deps.data.findSession(tokenHash, deps.now());
    if (!s) return;
    const role = await deps.data.roleOf(s.channel, s.externalId);
    request.viewer = { channel: s.channel, externalId: s.externalId, role, csrf: s.csrfToken, tokenHash };
  });
}

export const sessions = fp(sessionPlugin, { name: "hdnd-sessions" });

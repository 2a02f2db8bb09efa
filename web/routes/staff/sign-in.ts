/**
 * Sign-in without passwords: the person names their chat account, the bot sends a code to
 * that chat, the browser types it. Or a one-time link (from the same message, or printed by
 * `npm run admin -- web-link`) confirmed with a button (a GET never signs in: link
 * previewers would spend it). Sign-out deletes the session.
 */
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { z } from "zod";
import { CHANNELS } from "../../../bot/core/types.ts";
import { anonCsrf, checkCsrf, cookieOptions, requireRole, SESSION_COOKIE, SIGN_IN, STAFF_HOME, startSession } from "../../plugins/auth.ts";
import { MAX_CODE_ATTEMPTS, requestSignInCode } from "../../auth/sign-in.ts";
import { codeHash, randomToken, sameSecret, sha256 } from "../../auth/tokens.ts";
import type { WebDeps } from "../../deps.ts";
import { loginTexts } from "../../text.vi.ts";

const LOGIN_COOKIE = "hdnd_login";
const SIGN_IN_RATE = { max: 10, timeWindow: "1 minute" } as const;

const requestBody = z.object({
  _csrf: z.string().optional(),
  channel: z.enum(CHANNELS),
  user: z.string().trim().min(1).max(64).regex(/^[\w.@:+-]+$/),
});
const codeBody = z.object({ _csrf: z.string().optional(), code: z.string().trim().regex(/^\d{6}$/) });
const linkQuery = z.object({ t: z.string().regex(/^[\w-]{20,100}$/).optional() });
const linkBody = z.object({ _csrf: z.string().optional(), t: z.string().regex(/^[\w-]{20,100}$/) });

export const signInRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  const page = (reply: FastifyReply, view: string, csrf: string, data: Record<string, unknown> = {}) =>
    reply.sendPage(view, { title: loginTexts.title, csrf, channels: CHANNELS, ...data });

  app.get("/dang-nhap", async (request, reply) => {
    if (request.viewer && request.viewer.role !== "voter") return reply.redirect(STAFF_HOME, 303);
    return page(reply, "sign-in", anonCsrf(deps, request, reply), { values: { channel: "telegram", user: "" } });
  });

  app.post("/dang-nhap", { config: { rateLimit: SIGN_IN_RATE }, preHandler: checkCsrf }, async (request, reply) => {
    const parsed = requestBody.safeParse(request.body);
    const csrf = anonCsrf(deps, request, reply);
    if (!parsed.success) {
      const b = (request.body ?? {}) as Record<string, unknown>;
      return page(reply.code(400), "sign-in", csrf, { error: loginTexts.required, values: { channel: String(b.channel ?? ""), user: String(b.user ?? "") } });
    }
    const challenge = (await requestSignInCode(deps, { channel: parsed.data.channel, externalId: parsed.data.user })) ?? randomToken();
    reply.setCookie(LOGIN_COOKIE, challenge, { ...cookieOptions(deps, deps.config.WEB_LOGIN_CODE_MINUTES * 60), sameSite: "strict", path: "/can-bo/dang-nhap" });
    return reply.redirect(`${SIGN_IN}/ma`, 303);
  });

  app.get("/dang-nhap/ma", async (request, reply) => page(reply, "sign-in-code", anonCsrf(deps, request, reply)));

  app.post("/dang-nhap/ma", { config: { rateLimit: SIGN_IN_RATE }, preHandler: checkCsrf }, async (request, reply) => {
    const csrf = anonCsrf(deps, request, reply);
    const parsed = codeBody.safeParse(request.body);
    if (!parsed.success) return page(reply.code(400), "sign-in-code", csrf, { error: loginTexts.codeRequired });
    const challengeId = request.cookies[LOGIN_COOKIE] ?? "";
    const c = challengeId ? await deps.data.challengeByHash(sha256(challengeId)) : null;
    const now = deps.now();
    if (!c || !c.codeHash || c.usedAt || c.expiresAt.getTime() <= now.getTime() || c.attempts >= MAX_CODE_ATTEMPTS) {
      return page(reply.code(400), "sign-in-code", csrf, { error: loginTexts.expired });
    }
    if (!sameSecret(codeHash(challengeId, parsed.data.code), c.codeHash)) {
      const attempts = await deps.data.failChallenge(c.id);
      return page(reply.code(400), "sign-in-code", csrf, { error: loginTexts.wrongCode(MAX_CODE_ATTEMPTS - attempts) });
    }
    if (!(await deps.data.useChallenge(c.id, now))) return page(reply.code(400), "sign-in-code", csrf, { error: loginTexts.expired });
    await startSession(deps, reply, c);
    reply.clearCookie(LOGIN_COOKIE, { path: "/can-bo/dang-nhap" });
    return reply.redirect(STAFF_HOME, 303);
  });

  app.get("/dang-nhap/lien-ket", async (request, reply) => {
    const q = linkQuery.safeParse(request.query);
    return page(reply, "sign-in-link", anonCsrf(deps, request, reply), { token: q.success ? (q.data.t ?? null) : null });
  });

  app.post("/dang-nhap/lien-ket", { config: { rateLimit: SIGN_IN_RATE }, preHandler: checkCsrf }, async (request, reply) => {
    const csrf = anonCsrf(deps, request, reply);
    const parsed = linkBody.safeParse(request.body);
    const c = parsed.success ? await deps.data.challengeByLink(sha256(parsed.data.t)) : null;
    const now = deps.now();
    if (!c || c.usedAt || c.expiresAt.getTime() <= now.getTime() || !(await deps.data.useChallenge(c.id, now))) {
      return page(reply.code(400), "sign-in-link", csrf, { token: null, error: loginTexts.linkInvalid });
    }
    await startSession(deps, reply, c);
    return reply.redirect(STAFF_HOME, 303);
  });

  app.post("/dang-xuat", { preHandler: [requireRole("voter"), checkCsrf] }, async (request, reply) => {
    if (request.viewer) await deps.data.deleteSession(request.viewer.tokenHash);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect(SIGN_IN, 303);
  });
};

/**
 * Password-less sign-in: a one-time challenge with a 6-digit code (typed in the browser
 * that asked for it) and a one-time link; both expire, are single use, and the code allows
 * a few attempts. The code reaches the person through the bot's outbox, in their own chat.
 */
import { enqueue } from "../../bot/petitions/outbox.ts";
import type { WebDeps } from "../deps.ts";
import { baseUrl } from "../url.ts";
import { loginTexts } from "../text.vi.ts";
import { codeHash, randomCode, randomToken, sha256 } from "./tokens.ts";

export const MAX_CODE_ATTEMPTS = 5;
/** At most this many codes per account per 15 minutes (the rest are silently not sent). */
export const MAX_CODES_PER_WINDOW = 5;
export const LINK_PATH = "/can-bo/dang-nhap/lien-ket";

export interface IssuedSignIn {
  challengeId: string;
  code: string | null;
  link: string;
}

/** Creates a challenge for `person`; `withCode: false` is the admin's link-only sign-in. */
export async function issueSignIn(deps: WebDeps, person: { channel: string; externalId: string }, withCode: boolean): Promise<IssuedSignIn> {
  const now = deps.now();
  const challengeId = randomToken();
  const linkToken = randomToken();
  const code = withCode ? randomCode() : null;
  await deps.data.createChallenge({
    challengeHash: sha256(challengeId),
    linkHash: sha256(linkToken),
    codeHash: code ? codeHash(challengeId, code) : null,
    channel: person.channel,
    externalId: person.externalId,
    now,
    expiresAt: new Date(now.getTime() + deps.config.WEB_LOGIN_CODE_MINUTES * 60_000),
  });
  return { challengeId, code, link: `${baseUrl(deps.config)}${LINK_PATH}?t=${linkToken}` };
}

/**
 * Sends a code to the person's own chat when they hold a delegate/staff/admin role and
 * have not asked too often. Returns the challenge id for the browser's cookie, or null
 * (the caller answers the same way either way, so accounts cannot be probed).
 */
export async function requestSignInCode(deps: WebDeps, person: { channel: string; externalId: string }): Promise<string | null> {
  const role = await deps.data.roleOf(person.channel, person.externalId);
  if (role === "voter") return null;
  const since = new Date(deps.now().getTime() - 15 * 60_000);
  if ((await deps.data.recentChallenges(person.channel, person.externalId, since)) >= MAX_CODES_PER_WINDOW) return null;
  const issued = await issueSignIn(deps, person, true);
  await enqueue(
    deps.db,
    {
      channel: person.channel,
      // Private chats: the chat id is the user id on Telegram, Zalo and the console.
      chatId: person.externalId,
      text: loginTexts.chatMessage(issued.code!, deps.config.WEB_LOGIN_CODE_MINUTES, issued.link),
      payload: { kind: "web_sign_in" },
      dedupeKey: `web-sign-in:${sha256(issued.challengeId)}`,
    },
    deps.now,
  );
  deps.notify();
  return issued.challengeId;
}

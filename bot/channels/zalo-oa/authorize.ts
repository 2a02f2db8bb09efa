/**
 * First set-up (and re-authorisation) of the Official Account: prints the permission URL
 * (PKCE), reads back the URL the OA admin's browser was redirected to (or just the code),
 * exchanges the code and stores the pair through the token store. Tokens are never printed.
 * Used by `npm run admin -- zalo-oa-authorize` (scripts/zalo-oa-authorize.ts).
 */
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { buildOaPermissionUrl, createPkcePair, exchangeAuthorizationCode, REFRESH_TOKEN_LIFETIME_MS, type OAuthClientOptions } from "./oauth.ts";
import type { ZaloTokenStore } from "./token-store.ts";

export interface AuthorizeOptions {
  oauth: OAuthClientOptions;
  /** The callback URL registered for the app (Zalo refuses others). */
  redirectUri: string;
  store: ZaloTokenStore;
  /** The store key startZaloChannels uses: "zalo_oa:<app id>". */
  key: string;
  input: Readable;
  output: Writable;
  now?: () => Date;
}

export class AuthorizeError extends Error {}

/** The code from a pasted redirect URL (checking its state) or a bare code. */
export function codeFromAnswer(answer: string, state: string): string {
  const text = answer.trim();
  if (text === "") throw new AuthorizeError("Không nhận được mã (code). / No code given.");
  if (!/^https?:\/\//i.test(text)) return text;
  const url = new URL(text);
  const code = url.searchParams.get("code");
  if (!code) throw new AuthorizeError("Địa chỉ không có tham số code. / The URL has no code parameter.");
  const back = url.searchParams.get("state");
  if (back !== null && back !== state) throw new AuthorizeError("Tham số state không khớp: hãy dùng đúng liên kết vừa in ra. / The state does not match this request.");
  return code;
}

async function readLine(input: Readable): Promise<string> {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of rl) return line;
    return "";
  } finally {
    rl.close();
  }
}

/** Runs the exchange; resolves with the new access token's expiry. */
export async function authorizeOa(o: AuthorizeOptions): Promise<{ accessExpiresAt: Date }> {
  const now = o.now ?? (() => new Date());
  const pkce = createPkcePair();
  const state = randomBytes(12).toString("base64url");
  const url = buildOaPermissionUrl({ oauthRoot: o.oauth.oauthRoot, appId: o.oauth.appId, redirectUri: o.redirectUri, codeChallenge: pkce.challenge, state });
  o.output.write(
    "1. Quản trị viên OA mở liên kết sau (đăng nhập Zalo, chọn OA của phường, đồng ý cấp quyền):\n" +
      `   ${url}\n` +
      "2. Trình duyệt chuyển tới địa chỉ callback có ?code=…: dán toàn bộ địa chỉ đó (hoặc chỉ mã code) vào đây rồi nhấn Enter:\n",
  );
  const code = codeFromAnswer(await readLine(o.input), state);
  const issued = await exchangeAuthorizationCode(o.oauth, code, pkce.verifier);
  const at = now();
  const pair = {
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    accessExpiresAt: new Date(at.getTime() + issued.expiresInSeconds * 1000),
    refreshExpiresAt: new Date(at.getTime() + REFRESH_TOKEN_LIFETIME_MS),
    updatedAt: at,
  };
  // Replaces whatever pair is stored (a re-authorisation); compare-and-set against what was read.
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await o.store.read(o.key);
    if (await o.store.saveRotated(o.key, current?.refreshToken ?? null, pair)) {
      o.output.write(`Đã lưu cặp token của OA. Access token hết hạn lúc ${pair.accessExpiresAt.toISOString()}; bot tự làm mới trước hạn.\n`);
      return { accessExpiresAt: pair.accessExpiresAt };
    }
  }
  throw new AuthorizeError("Không lưu được cặp token (kho token thay đổi liên tục). / Could not store the pair.");
}

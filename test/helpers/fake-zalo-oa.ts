/**
 * A loopback fake of the Zalo Official Account platform for tests, implementing the
 * formats the channel relies on (docs/zalo.md):
 *  - webhook events, signed like Zalo (X-ZEvent-Signature: mac=sha256(app_id + body +
 *    timestamp + OA secret key)) and POSTed to a webhook URL, with bad/missing/tampered
 *    variants;
 *  - POST /v3.0/oa/message/cs with the `access_token` header: −216 for a missing, unknown or
 *    expired token, −32 when rate limiting is switched on, −230 outside the 7-day window
 *    (measured on the injected clock from the user's last message or follow), −213 after unfollow,
 *    −201 for malformed messages (more than 5 buttons, over 2,000 characters);
 *  - POST /v2.0/oa/upload/image (multipart "file": JPEG/PNG up to 1 MB) → attachment_id;
 *  - POST /v4/oa/access_token: refresh grants rotate the pair and refuse a refresh token
 *    that was already used; authorization-code grants check the PKCE verifier;
 *    GET /v4/oa/permission redirects back with a code as if the OA admin had agreed.
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeZaloOaOptions {
  appId?: string;
  appSecret?: string;
  oaSecretKey?: string;
  oaId?: string;
  now?: () => Date;
  accessTokenSeconds?: number;
}

export interface SentOaMessage {
  userId: string;
  /** The request body as sent. */
  body: { recipient: { user_id: string }; message: Record<string, unknown> };
  messageId: string;
  at: Date;
}

export interface RefusedOaMessage {
  userId: string;
  error: number;
  at: Date;
}

export type SignatureMode = "good" | "bad" | "none" | "tampered";

export interface PostResult {
  status: number;
  body: string;
}

export interface FakeZaloOa {
  /** OA API root (pass as ZALO_OA_API_ROOT) and OAuth root (ZALO_OAUTH_ROOT): the same server. */
  apiRoot: string;
  oauthRoot: string;
  appId: string;
  appSecret: string;
  oaSecretKey: string;
  oaId: string;
  /** A pair as if the OA had just been authorised. */
  issuePair(): { accessToken: string; refreshToken: string };
  /** Every issued access token expires now. */
  expireAccessTokens(): void;
  /** Refresh-grant calls received (successful or not). */
  refreshCalls: number;
  sent: SentOaMessage[];
  refused: RefusedOaMessage[];
  uploads: { attachmentId: string; size: number }[];
  /** The next `n` message sends answer −32. */
  rateLimitNext(n: number): void;
  /** Posts a signed event to `url`; a user_send_* event opens the user's 7-day window. */
  post(url: string, event: Record<string, unknown>, mode?: SignatureMode): Promise<PostResult>;
  userText(userId: string, text: string, msgId?: string): Record<string, unknown>;
  userImage(userId: string, url: string, caption?: string): Record<string, unknown>;
  userFile(userId: string, url: string, name: string, size: number): Record<string, unknown>;
  userSticker(userId: string, stickerId: string): Record<string, unknown>;
  userAudio(userId: string, url: string): Record<string, unknown>;
  userLocation(userId: string, latitude: number, longitude: number, label?: string): Record<string, unknown>;
  follow(userId: string): Record<string, unknown>;
  unfollow(userId: string): Record<string, unknown>;
  clickChatNow(userId: string): Record<string, unknown>;
  oaEcho(userId: string, text: string): Record<string, unknown>;
  /** The user writes to the OA (opens the 7-day window) without any webhook call. */
  userWrote(userId: string): void;
  /** The user unfollows the OA without any webhook call. */
  userUnfollowed(userId: string): void;
  /** Messages sent to `userId`, as plain text (template buttons appended as "[title]"). */
  textsTo(userId: string): string[];
  /** The buttons of the last message to `userId`. */
  lastButtons(userId: string): { title: string; type: string; payload: unknown }[];
  close(): Promise<void>;
}

const hex = (n: number) => randomBytes(n).toString("hex");
const WINDOW_MS = 7 * 24 * 3600_000;

function macOf(appId: string, body: string, timestamp: string, secret: string): string {
  return createHash("sha256").update(appId + body + timestamp + secret, "utf8").digest("hex");
}

/** Minimal multipart/form-data reader: the named parts and their bytes. */
function readMultipart(raw: Buffer, contentType: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return out;
  const text = raw.toString("latin1");
  for (const part of text.split(`--${boundary}`).slice(1, -1)) {
    const body = part.replace(/^\r\n/, "").replace(/\r\n$/, "");
    const split = body.indexOf("\r\n\r\n");
    const head = body.slice(0, split);
    const name = /name="([^"]+)"/i.exec(head)?.[1];
    if (name) out.set(name, Buffer.from(body.slice(split + 4), "latin1"));
  }
  return out;
}

export async function startFakeZaloOa(options: FakeZaloOaOptions = {}): Promise<FakeZaloOa> {
  const appId = options.appId ?? "3482178216594085616";
  const appSecret = options.appSecret ?? "app-secret-AbC123";
  const oaSecretKey = options.oaSecretKey ?? "oa-secret-XyZ789";
  const oaId = options.oaId ?? "579745863508352884";
  const now = options.now ?? (() => new Date());
  const accessSeconds = options.accessTokenSeconds ?? 90_000;

  const accessTokens = new Map<string, { expiresAt: number }>();
  const refreshTokens = new Map<string, { used: boolean }>();
  const codes = new Map<string, { challenge: string; used: boolean }>();
  const lastInteraction = new Map<string, number>();
  const unfollowed = new Set<string>();
  const attachments = new Set<string>();
  let rateLimited = 0;

  function issuePair() {
    const accessToken = `AT_${hex(12)}`;
    const refreshToken = `RT_${hex(12)}`;
    accessTokens.set(accessToken, { expiresAt: now().getTime() + accessSeconds * 1000 });
    refreshTokens.set(refreshToken, { used: false });
    return { accessToken, refreshToken };
  }

  const fake: FakeZaloOa = {
    apiRoot: "",
    oauthRoot: "",
    appId,
    appSecret,
    oaSecretKey,
    oaId,
    issuePair,
    expireAccessTokens() {
      for (const t of accessTokens.values()) t.expiresAt = now().getTime() - 1;
    },
    refreshCalls: 0,
    sent: [],
    refused: [],
    uploads: [],
    rateLimitNext(n) {
      rateLimited = n;
    },
    async post(url, event, mode = "good") {
      const body = JSON.stringify(event);
      const ts = String(event.timestamp ?? "");
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (mode === "good" || mode === "tampered") headers["x-zevent-signature"] = `mac=${macOf(appId, body, ts, oaSecretKey)}`;
      if (mode === "bad") headers["x-zevent-signature"] = `mac=${macOf(appId, body, ts, "not-the-secret")}`;
      // Tampered: signed, then one character of the body changed on the way.
      const sentBody = mode === "tampered" ? body.replace(/"text":"(.)/, (_m, c: string) => `"text":"${c === "X" ? "Y" : "X"}`) : body;
      // On Zalo's side the user's action happened whatever the webhook answers.
      const name = String(event.event_name);
      if (name.startsWith("user_send_")) {
        const user = (event.sender as { id: string }).id;
        lastInteraction.set(user, now().getTime());
        unfollowed.delete(user);
      }
      if (name === "unfollow") unfollowed.add((event.follower as { id: string }).id);
      if (name === "follow") {
        // Assumed (no public source states it): following counts as an interaction, so
        // the OA may answer a new follower.
        const user = (event.follower as { id: string }).id;
        unfollowed.delete(user);
        lastInteraction.set(user, now().getTime());
      }
      const res = await fetch(url, { method: "POST", headers, body: sentBody });
      return { status: res.status, body: await res.text() };
    },
    userText: (userId, text, msgId) => userEvent(userId, "user_send_text", { text, ...(msgId ? { msg_id: msgId } : {}) }),
    userImage: (userId, url, caption) => userEvent(userId, "user_send_image", { ...(caption ? { text: caption } : {}), attachments: [{ type: "image", payload: { thumbnail: url, url } }] }),
    userFile: (userId, url, name, size) => userEvent(userId, "user_send_file", { attachments: [{ type: "file", payload: { url, name, size: String(size), type: name.split(".").pop() } }] }),
    userSticker: (userId, id) => userEvent(userId, "user_send_sticker", { attachments: [{ type: "sticker", payload: { id, url: `https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=${id}` } }] }),
    userAudio: (userId, url) => userEvent(userId, "user_send_audio", { attachments: [{ type: "audio", payload: { url } }] }),
    userLocation: (userId, latitude, longitude, label) =>
      userEvent(userId, "user_send_location", { ...(label ? { text: label } : {}), attachments: [{ type: "location", payload: { coordinates: { latitude: String(latitude), longitude: String(longitude) } } }] }),
    follow: (userId) => ({ app_id: appId, oa_id: oaId, user_id_by_app: `app-${userId}`, event_name: "follow", timestamp: String(now().getTime()), source: "oa_profile", follower: { id: userId } }),
    unfollow: (userId) => ({ app_id: appId, oa_id: oaId, user_id_by_app: `app-${userId}`, event_name: "unfollow", timestamp: String(now().getTime()), source: "oa_profile", follower: { id: userId } }),
    clickChatNow: (userId) => ({ app_id: appId, oa_id: oaId, user_id: userId, event_name: "user_click_chatnow", timestamp: String(now().getTime()) }),
    oaEcho: (userId, text) => ({ app_id: appId, event_name: "oa_send_text", timestamp: String(now().getTime()), sender: { id: oaId }, recipient: { id: userId }, message: { msg_id: hex(10), text } }),
    userWrote(userId) {
      lastInteraction.set(userId, now().getTime());
      unfollowed.delete(userId);
    },
    userUnfollowed(userId) {
      unfollowed.add(userId);
    },
    textsTo(userId) {
      return fake.sent
        .filter((s) => s.userId === userId)
        .map((s) => {
          const m = s.body.message as { text?: string; attachment?: { payload?: { buttons?: { title: string }[] } } };
          const buttons = m.attachment?.payload?.buttons ?? [];
          return [m.text ?? "", ...buttons.map((b) => `[${b.title}]`)].filter(Boolean).join(" ");
        });
    },
    lastButtons(userId) {
      const last = fake.sent.filter((s) => s.userId === userId).at(-1);
      const m = last?.body.message as { attachment?: { payload?: { buttons?: { title: string; type: string; payload: unknown }[] } } } | undefined;
      return m?.attachment?.payload?.buttons ?? [];
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  function userEvent(userId: string, name: string, message: Record<string, unknown>): Record<string, unknown> {
    return {
      app_id: appId,
      user_id_by_app: `app-${userId}`,
      event_name: name,
      timestamp: String(now().getTime()),
      sender: { id: userId },
      recipient: { id: oaId },
      message: { msg_id: hex(10), ...message },
    };
  }

  type Answer = { status: number; json: unknown; headers?: Record<string, string> };
  const apiError = (error: number, message: string): Answer => ({ status: 200, json: { error, message } });

  function checkToken(req: http.IncomingMessage): Answer | null {
    const token = req.headers["access_token"];
    const t = typeof token === "string" ? accessTokens.get(token) : undefined;
    if (!t) return apiError(-216, "Access token is invalid");
    if (t.expiresAt <= now().getTime()) return apiError(-216, "Access token has expired");
    return null;
  }

  function sendCs(req: http.IncomingMessage, raw: Buffer): Answer {
    const bad = checkToken(req);
    if (bad) return bad;
    let body: SentOaMessage["body"];
    try {
      body = JSON.parse(raw.toString("utf8")) as SentOaMessage["body"];
    } catch {
      return apiError(-201, "Body is not JSON");
    }
    const userId = body?.recipient?.user_id;
    if (typeof userId !== "string" || !body.message) return apiError(-201, "recipient.user_id and message are required");
    const refuse = (error: number, message: string): Answer => {
      fake.refused.push({ userId, error, at: now() });
      return apiError(error, message);
    };
    if (rateLimited > 0) {
      rateLimited--;
      return refuse(-32, "Exceed rate limit");
    }
    if (unfollowed.has(userId)) return refuse(-213, "User has not followed OA");
    const last = lastInteraction.get(userId);
    if (last === undefined || now().getTime() - last > WINDOW_MS) return refuse(-230, "User has not interacted with the OA in the last 7 days");
    const m = body.message as { text?: unknown; attachment?: { type?: string; payload?: { buttons?: unknown[]; template_type?: string; elements?: { attachment_id?: string; url?: string }[] } } };
    if (m.text !== undefined && (typeof m.text !== "string" || m.text.length === 0 || m.text.length > 2000)) return refuse(-201, "Text must be 1–2000 characters");
    const buttons = m.attachment?.payload?.buttons;
    if (buttons !== undefined) {
      if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 5) return refuse(-201, "A template has 1 to 5 buttons");
      for (const b of buttons as { title?: unknown; type?: unknown; payload?: unknown }[]) {
        if (typeof b.title !== "string" || !["oa.query.hide", "oa.query.show", "oa.open.url"].includes(String(b.type)) || b.payload === undefined) return refuse(-201, "Invalid button");
      }
    }
    const media = m.attachment?.payload?.template_type === "media" ? m.attachment.payload.elements?.[0] : undefined;
    if (media && !(media.url || (media.attachment_id && attachments.has(media.attachment_id)))) return refuse(-201, "Unknown attachment_id");
    if (m.text === undefined && !m.attachment) return refuse(-201, "Empty message");
    const messageId = hex(16);
    fake.sent.push({ userId, body, messageId, at: now() });
    return { status: 200, json: { error: 0, message: "Success", data: { message_id: messageId, user_id: userId } } };
  }

  function uploadImage(req: http.IncomingMessage, raw: Buffer): Answer {
    const bad = checkToken(req);
    if (bad) return bad;
    const file = readMultipart(raw, String(req.headers["content-type"] ?? "")).get("file");
    if (!file) return apiError(-201, "file is required");
    const isJpeg = file[0] === 0xff && file[1] === 0xd8;
    const isPng = file.subarray(1, 4).toString("latin1") === "PNG";
    if (!isJpeg && !isPng) return apiError(-201, "Only jpg and png images are accepted");
    if (file.length > 1024 * 1024) return apiError(-201, "Image is larger than 1MB");
    const attachmentId = `att_${hex(12)}`;
    attachments.add(attachmentId);
    fake.uploads.push({ attachmentId, size: file.length });
    return { status: 200, json: { error: 0, message: "Success", data: { attachment_id: attachmentId } } };
  }

  function oauthError(reason: string): Answer {
    return { status: 200, json: { error: -14014, error_name: "Invalid parameter", error_reason: reason, error_description: reason } };
  }

  function accessToken(req: http.IncomingMessage, raw: Buffer): Answer {
    const form = new URLSearchParams(raw.toString("utf8"));
    if (req.headers["secret_key"] !== appSecret) return oauthError("Invalid secret key");
    if (form.get("app_id") !== appId) return oauthError("Invalid app_id");
    const grant = form.get("grant_type");
    if (grant === "refresh_token") {
      fake.refreshCalls++;
      const rt = refreshTokens.get(form.get("refresh_token") ?? "");
      if (!rt) return oauthError("Invalid refresh token");
      if (rt.used) return oauthError("Refresh token was already used");
      rt.used = true;
      const pair = issuePair();
      return { status: 200, json: { access_token: pair.accessToken, refresh_token: pair.refreshToken, expires_in: String(accessSeconds) } };
    }
    if (grant === "authorization_code") {
      const c = codes.get(form.get("code") ?? "");
      if (!c || c.used) return oauthError("Invalid authorization code");
      const verifier = form.get("code_verifier") ?? "";
      if (createHash("sha256").update(verifier, "ascii").digest("base64url") !== c.challenge) return oauthError("Invalid code verifier");
      c.used = true;
      const pair = issuePair();
      return { status: 200, json: { access_token: pair.accessToken, refresh_token: pair.refreshToken, expires_in: String(accessSeconds) } };
    }
    return oauthError("Unsupported grant_type");
  }

  function permission(url: URL): Answer {
    const redirect = url.searchParams.get("redirect_uri");
    const challenge = url.searchParams.get("code_challenge");
    if (url.searchParams.get("app_id") !== appId || !redirect || !challenge) return { status: 400, json: { error: -14003, error_name: "Invalid parameter" } };
    const code = `code_${hex(10)}`;
    codes.set(code, { challenge, used: false });
    const back = new URL(redirect);
    back.searchParams.set("code", code);
    back.searchParams.set("oa_id", oaId);
    const state = url.searchParams.get("state");
    if (state) back.searchParams.set("state", state);
    return { status: 302, json: {}, headers: { location: back.toString() } };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", "http://fake");
      let answer: Answer;
      if (req.method === "POST" && url.pathname === "/v3.0/oa/message/cs") answer = sendCs(req, raw);
      else if (req.method === "POST" && url.pathname === "/v2.0/oa/upload/image") answer = uploadImage(req, raw);
      else if (req.method === "POST" && url.pathname === "/v4/oa/access_token") answer = accessToken(req, raw);
      else if (req.method === "GET" && url.pathname === "/v4/oa/permission") answer = permission(url);
      else answer = { status: 404, json: { error: 404, message: "empty api" } };
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fake.apiRoot = `http://127.0.0.1:${port}`;
  fake.oauthRoot = `http://127.0.0.1:${port}`;
  return fake;
}

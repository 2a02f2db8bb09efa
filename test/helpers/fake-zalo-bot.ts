/**
 * A loopback fake of the Zalo Bot Platform API (https://bot-api.zaloplatforms.com/bot<token>/<method>)
 * for tests: getMe, getUpdates (one update per call; waits up to a short cap, then 408 like
 * the platform's "Request timeout"; refused while a webhook is set), setWebhook
 * (secret_token 8–256 characters) / deleteWebhook / getWebhookInfo, sendMessage (text
 * 1–2,000 characters), sendPhoto, sendChatAction. In webhook mode `deliver` POSTs an update
 * to the registered URL with X-Bot-Api-Secret-Token. An unknown token gets 401.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeZaloBotOptions {
  /** The accepted token (default "1459232241454765289:fake-secret"). */
  token?: string;
  /** Longest a getUpdates call waits for an update, whatever its timeout says (default 200 ms). */
  longPollCapMs?: number;
}

export interface BotCall {
  method: string;
  body: Record<string, unknown>;
  status: number;
}

export interface FakeZaloBot {
  apiRoot: string;
  token: string;
  botId: string;
  calls: BotCall[];
  /** sendMessage/sendPhoto accepted, in order. */
  sent: { chatId: string; text?: string; photo?: string; caption?: string }[];
  webhook: { url: string; secret: string } | null;
  pushText(userId: string, text: string, opts?: { name?: string; messageId?: string }): Record<string, unknown>;
  pushImage(userId: string, photoUrl: string, caption?: string): Record<string, unknown>;
  pushSticker(userId: string, sticker: string): Record<string, unknown>;
  pushUnsupported(userId: string): Record<string, unknown>;
  /** Queued updates not yet taken by getUpdates. */
  pending(): number;
  /** Webhook mode: POSTs `update` to the registered URL (with `secret`, default the registered one). */
  deliver(update: Record<string, unknown>, secret?: string | null): Promise<number>;
  textsTo(chatId: string): string[];
  /** The next `n` calls of `method` answer with this error. */
  failNext(method: string, n: number, errorCode: number, description?: string): void;
  close(): Promise<void>;
}

export async function startFakeZaloBot(options: FakeZaloBotOptions = {}): Promise<FakeZaloBot> {
  const token = options.token ?? "1459232241454765289:fake-secret";
  const botId = token.split(":")[0]!;
  const cap = options.longPollCapMs ?? 200;
  const queue: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  const failures = new Map<string, { n: number; code: number; description: string }>();

  const update = (eventName: string, userId: string, message: Record<string, unknown>, messageId?: string) => {
    const u = {
      event_name: eventName,
      message: {
        from: { id: userId, display_name: "Cử tri", is_bot: false },
        chat: { id: userId, chat_type: "PRIVATE" },
        message_id: messageId ?? randomBytes(10).toString("hex"),
        date: Date.now(),
        ...message,
      },
    };
    if (!fake.webhook) {
      queue.push(u);
      for (const w of waiters) w();
    }
    return u;
  };

  const fake: FakeZaloBot = {
    apiRoot: "",
    token,
    botId,
    calls: [],
    sent: [],
    webhook: null,
    pushText: (userId, text, o = {}) => update("message.text.received", userId, { text, ...(o.name ? { from: { id: userId, display_name: o.name } } : {}) }, o.messageId),
    pushImage: (userId, photoUrl, caption) => update("message.image.received", userId, { photo_url: photoUrl, ...(caption ? { caption } : {}) }),
    pushSticker: (userId, sticker) => update("message.sticker.received", userId, { sticker, url: `https://zalo-api.zadn.vn/sticker/${sticker}` }),
    pushUnsupported: (userId) => update("message.unsupported.received", userId, {}),
    pending: () => queue.length,
    async deliver(u, secret) {
      if (!fake.webhook) throw new Error("fake-zalo-bot: no webhook set");
      const headers: Record<string, string> = { "content-type": "application/json" };
      const s = secret === undefined ? fake.webhook.secret : secret;
      if (s !== null) headers["x-bot-api-secret-token"] = s;
      const res = await fetch(fake.webhook.url, { method: "POST", headers, body: JSON.stringify(u) });
      await res.text();
      return res.status;
    },
    textsTo: (chatId) => fake.sent.filter((s) => s.chatId === chatId).map((s) => s.text ?? `[ảnh ${s.photo}]${s.caption ? ` ${s.caption}` : ""}`),
    failNext(method, n, code, description = "error") {
      failures.set(method, { n, code, description });
    },
    async close() {
      for (const w of waiters) w();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  type Answer = { status: number; json: Record<string, unknown> };
  const ok = (result: unknown): Answer => ({ status: 200, json: { ok: true, result } });
  const err = (code: number, description: string): Answer => ({ status: code >= 500 ? code : 200, json: { ok: false, error_code: code, description } });

  async function getUpdates(req: http.IncomingMessage): Promise<Answer> {
    if (fake.webhook) return err(409, "Conflict: webhook is active, use deleteWebhook first");
    if (queue.length === 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          req.off("close", done);
          resolve();
        };
        const timer = setTimeout(done, cap);
        waiters.add(done);
        req.once("close", done);
      });
    }
    const next = queue.shift();
    return next ? ok(next) : err(408, "Request timeout");
  }

  function handle(method: string, body: Record<string, unknown>): Answer {
    switch (method) {
      case "getMe":
        return ok({ id: botId, account_name: "bot.TroLyHDND", account_type: "BASIC", can_join_groups: false });
      case "setWebhook": {
        const secret = String(body.secret_token ?? "");
        if (typeof body.url !== "string" || !/^https?:\/\//.test(body.url)) return err(400, "Bad Request: url is invalid");
        if (secret.length < 8 || secret.length > 256) return err(400, "Bad Request: secret_token must be 8-256 characters");
        fake.webhook = { url: body.url, secret };
        return ok({ url: body.url, updated_at: Date.now() });
      }
      case "deleteWebhook":
        fake.webhook = null;
        return ok({ url: "", updated_at: Date.now() });
      case "getWebhookInfo":
        return ok({ url: fake.webhook?.url ?? "", updated_at: Date.now() });
      case "sendMessage": {
        const text = body.text;
        if (!body.chat_id) return err(400, "Bad Request: chat_id is required");
        if (typeof text !== "string" || text.length === 0 || text.length > 2000) return err(400, "Bad Request: text must be 1-2000 characters");
        fake.sent.push({ chatId: String(body.chat_id), text });
        return ok({ message_id: randomBytes(10).toString("hex"), date: Date.now() });
      }
      case "sendPhoto":
        if (!body.chat_id || typeof body.photo !== "string") return err(400, "Bad Request: chat_id and photo are required");
        fake.sent.push({ chatId: String(body.chat_id), photo: body.photo, ...(typeof body.caption === "string" ? { caption: body.caption } : {}) });
        return ok({ message_id: randomBytes(10).toString("hex"), date: Date.now() });
      case "sendChatAction":
        return ok(true);
      default:
        return err(404, "Not Found: method not found");
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec((req.url ?? "").split("?")[0] ?? "");
        const method = m?.[2] ?? "";
        let body: Record<string, unknown> = {};
        try {
          body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
        } catch {
          body = {};
        }
        let answer: Answer;
        const planned = failures.get(method);
        if (!m || m[1] !== token) answer = { status: 401, json: { ok: false, error_code: 401, description: "Unauthorized" } };
        else if (planned && planned.n > 0) {
          planned.n--;
          answer = err(planned.code, planned.description);
        } else if (method === "getUpdates") answer = await getUpdates(req);
        else answer = handle(method, body);
        fake.calls.push({ method, body, status: answer.status });
        if (!res.destroyed) res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.json));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fake.apiRoot = `http://127.0.0.1:${port}`;
  return fake;
}

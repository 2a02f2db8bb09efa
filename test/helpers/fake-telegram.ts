/**
 * A loopback fake of the Telegram Bot API for transport tests: grammY talks to it through
 * `client: { apiRoot }`. It records every request, serves pushed updates to getUpdates
 * (short long-poll honouring `timeout` and `offset`), keeps sent messages so
 * editMessageText can succeed or fail like Telegram, can fail the next N calls of a
 * method with 429 + retry_after or a 5xx, and serves files: getFile for a file_id given
 * bytes with `putFile`, then GET /file/bot<token>/<file_path> (404 for unknown files,
 * "file is too big" over 20 MB like the real Bot API).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Message, Update, UserFromGetMe } from "grammy/types";

export interface RecordedRequest {
  method: string;
  /** JSON body, or form fields (JSON-looking strings parsed) for multipart/urlencoded. */
  body: Record<string, unknown>;
  /** HTTP status the fake answered with. */
  status: number;
  /** `result` on success, the error object otherwise. */
  response: unknown;
  at: number;
}

export type Failure = { status: 429; retryAfter: number; description?: string } | { status: number; description?: string };

export interface FakeChat {
  chatId?: number;
  userId?: number;
  chatType?: "private" | "group" | "supergroup";
  firstName?: string;
}

export interface FakeTelegramOptions {
  /** Upper bound on one getUpdates long-poll, whatever `timeout` asks (default 300 ms). */
  longPollCapMs?: number;
  botInfo?: UserFromGetMe;
}

export interface FakeTelegram {
  /** Pass to grammY as `client.apiRoot`. */
  apiRoot: string;
  botInfo: UserFromGetMe;
  requests: RecordedRequest[];
  /** Recorded requests of one method, successful or not. */
  calls(method: string): RecordedRequest[];
  /** Queues an update; returns its update_id. */
  pushUpdate(update: Omit<Update, "update_id">): number;
  pushText(text: string, chat?: FakeChat): number;
  /** The bot's idempotency key of a pushed update (as bot/channels/telegram/dispatch.ts builds it). */
  keyOf(updateId: number): string;
  pushPhoto(opts?: FakeChat & { caption?: string; fileIds?: string[] }): number;
  pushSticker(opts?: FakeChat & { fileId?: string }): number;
  pushDocument(opts: FakeChat & { fileId: string; fileName?: string; mimeType?: string; caption?: string }): number;
  pushVoice(opts?: FakeChat & { fileId?: string }): number;
  pushLocation(opts: FakeChat & { latitude: number; longitude: number; venue?: { title: string; address: string } }): number;
  /** Bytes served for `fileId` (getFile + the file download). */
  putFile(fileId: string, bytes: Buffer): void;
  /** File downloads served so far (paths after /file/bot<token>/). */
  fileDownloads: string[];
  /** A button press on message `messageId` (defaults to the last message the bot sent). */
  pushCallback(data: string, opts?: FakeChat & { messageId?: number }): number;
  /** The next `count` calls of `method` fail with `failure`. */
  failNext(method: string, count: number, failure: Failure): void;
  /** Resolves with the first recorded request (index ≥ `from`) matching `predicate`. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, opts?: { from?: number; timeoutMs?: number }): Promise<RecordedRequest>;
  /** Messages the bot sent, by `${chatId}:${messageId}`, as last edited. */
  messages: Map<string, Message>;
  webhook: { url: string; secret_token?: string } | null;
  close(): Promise<void>;
}

const DEFAULT_BOT: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: "Trợ lý HĐND",
  username: "tro_ly_hdnd_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

async function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return {};
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (typeof v === "string" && /^[[{]/.test(v)) {
      try {
        v = JSON.parse(v);
      } catch {
        /* keep the string */
      }
    }
    fields[k] = v;
  };
  if (type.includes("multipart/form-data")) {
    for (const part of parseMultipart(raw, type)) put(part.name, part.filename === undefined ? part.value : { filename: part.filename, size: part.size });
  } else {
    for (const [k, v] of new URLSearchParams(raw.toString("utf8"))) put(k, v);
  }
  return fields;
}

/**
 * Minimal multipart/form-data parser. grammY writes headers without a space after the
 * colon and unquoted filenames, which undici's strict `formData()` rejects.
 */
function parseMultipart(raw: Buffer, contentType: string): { name: string; value: string; filename?: string; size: number }[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) throw new Error("multipart without boundary");
  const text = raw.toString("latin1"); // byte-preserving; field values are decoded as UTF-8 below
  const parts = text.split(`--${b}`).slice(1, -1);
  return parts.map((p) => {
    const body = p.replace(/^\r\n/, "").replace(/\r\n$/, "");
    const split = body.indexOf("\r\n\r\n");
    const head = body.slice(0, split);
    const content = body.slice(split + 4);
    const name = /name="?([^";\r\n]+)"?/i.exec(head.replace(/filename="?[^";\r\n]+"?/i, ""))?.[1] ?? "";
    const filename = /filename="?([^";\r\n]+)"?/i.exec(head)?.[1];
    const bytes = Buffer.from(content, "latin1");
    return { name, value: bytes.toString("utf8"), size: bytes.length, ...(filename !== undefined ? { filename } : {}) };
  });
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const longPollCapMs = options.longPollCapMs ?? 300;
  const botInfo = options.botInfo ?? DEFAULT_BOT;
  const requests: RecordedRequest[] = [];
  const updates: Update[] = [];
  const failures = new Map<string, { count: number; failure: Failure }>();
  const messages = new Map<string, Message>();
  const files = new Map<string, Buffer>();
  const fileDownloads: string[] = [];
  const pollWaiters = new Set<() => void>();
  const requestWaiters = new Set<() => void>();
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let lastBotMessage: Message | undefined;
  const fake = { webhook: null as FakeTelegram["webhook"] };

  const now = () => Math.floor(Date.now() / 1000);
  const chatOf = (c: FakeChat = {}) => {
    const userId = c.userId ?? 1001;
    const chatId = c.chatId ?? userId;
    const type = c.chatType ?? "private";
    const chat =
      type === "private"
        ? { id: chatId, type, first_name: c.firstName ?? "Cử tri" }
        : { id: chatId, type, title: "Nhóm cán bộ" };
    const from = { id: userId, is_bot: false, first_name: c.firstName ?? "Cử tri" };
    return { chat, from };
  };

  const keys = new Map<number, string>();
  function pushUpdate(update: Omit<Update, "update_id">): number {
    const full = { update_id: nextUpdateId++, ...update } as Update;
    const m = (full as { message?: Message }).message;
    const cb = (full as { callback_query?: { id: string } }).callback_query;
    keys.set(full.update_id, m ? `tg:${botInfo.id}:m:${m.chat.id}:${m.message_id}` : cb ? `tg:${botInfo.id}:cb:${cb.id}` : `tg:${botInfo.id}:u:${full.update_id}`);
    updates.push(full);
    for (const wake of pollWaiters) wake();
    return full.update_id;
  }

  function record(r: RecordedRequest) {
    requests.push(r);
    for (const wake of requestWaiters) wake();
  }

  function storeBotMessage(chatId: unknown, extra: Partial<Message>): Message {
    const id = Number(chatId);
    const msg = {
      message_id: nextMessageId++,
      date: now(),
      chat: { id, type: id < 0 ? "group" : "private", ...(id < 0 ? { title: "Nhóm" } : { first_name: "Cử tri" }) },
      from: { id: botInfo.id, is_bot: true, first_name: botInfo.first_name, username: botInfo.username },
      ...extra,
    } as Message;
    messages.set(`${id}:${msg.message_id}`, msg);
    lastBotMessage = msg;
    return msg;
  }

  type Outcome = { status: number; result?: unknown; error?: { error_code: number; description: string; parameters?: Record<string, unknown> } };
  const ok = (result: unknown): Outcome => ({ status: 200, result });
  const fail = (status: number, description: string, parameters?: Record<string, unknown>): Outcome => ({
    status,
    error: { error_code: status, description, ...(parameters ? { parameters } : {}) },
  });

  async function getUpdates(body: Record<string, unknown>, req: http.IncomingMessage): Promise<Outcome> {
    const offset = Number(body.offset ?? 0);
    const limit = Number(body.limit ?? 100);
    const timeoutMs = Math.min(Number(body.timeout ?? 0) * 1000, longPollCapMs);
    // Telegram forgets updates below the offset: they are confirmed.
    while (updates.length > 0 && updates[0]!.update_id < offset) updates.shift();
    const pending = () => updates.filter((u) => u.update_id >= offset).slice(0, limit);
    if (pending().length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          pollWaiters.delete(done);
          req.off("close", done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        pollWaiters.add(done);
        req.once("close", done); // grammY aborts the poll on bot.stop()
      });
    }
    return ok(pending());
  }

  function handle(method: string, body: Record<string, unknown>): Outcome {
    switch (method) {
      case "getMe":
        return ok(botInfo);
      case "sendMessage":
        if (!body.chat_id) return fail(400, "Bad Request: chat_id is empty");
        if (typeof body.text !== "string" || body.text.trim() === "") return fail(400, "Bad Request: message text is empty");
        return ok(storeBotMessage(body.chat_id, { text: body.text, ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}) } as Partial<Message>));
      case "sendPhoto":
        return ok(
          storeBotMessage(body.chat_id, {
            photo: [{ file_id: "sent-photo", file_unique_id: "sent-photo-u", width: 100, height: 100 }],
            ...(typeof body.caption === "string" ? { caption: body.caption } : {}),
          } as Partial<Message>),
        );
      case "editMessageText": {
        const key = `${Number(body.chat_id)}:${Number(body.message_id)}`;
        const msg = messages.get(key);
        if (!msg) return fail(400, "Bad Request: message to edit not found");
        const m = msg as Message & { text?: string; reply_markup?: unknown };
        if (m.text === body.text && JSON.stringify(m.reply_markup ?? null) === JSON.stringify(body.reply_markup ?? null)) {
          return fail(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same");
        }
        const edited = { ...m, text: body.text, edit_date: now(), reply_markup: body.reply_markup } as Message;
        messages.set(key, edited);
        return ok(edited);
      }
      case "answerCallbackQuery":
      case "deleteWebhook":
        if (method === "deleteWebhook") fake.webhook = null;
        return ok(true);
      case "setWebhook":
        fake.webhook = { url: String(body.url), ...(body.secret_token ? { secret_token: String(body.secret_token) } : {}) };
        return ok(true);
      case "getWebhookInfo":
        return ok({ url: fake.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: 0 });
      case "getFile": {
        const bytes = files.get(String(body.file_id));
        if (bytes && bytes.length > 20 * 1024 * 1024) return fail(400, "Bad Request: file is too big");
        return ok({ file_id: body.file_id, file_unique_id: `${String(body.file_id)}-u`, file_size: bytes?.length ?? 1234, file_path: `photos/${String(body.file_id)}.jpg` });
      }
      default:
        return fail(404, "Not Found: method not found");
    }
  }

  const server = http.createServer((req, res) => {
    const fileMatch = /^\/file\/bot[^/]+\/photos\/(.+)\.jpg$/.exec((req.url ?? "").split("?")[0] ?? "");
    if (req.method === "GET" && fileMatch) {
      const id = decodeURIComponent(fileMatch[1]!);
      fileDownloads.push(`photos/${id}.jpg`);
      const bytes = files.get(id);
      if (!bytes) return void res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
      return void res.writeHead(200, { "content-type": "application/octet-stream", "content-length": bytes.length }).end(bytes);
    }
    void (async () => {
      const m = /^\/bot[^/]+\/(?:test\/)?([A-Za-z]+)$/.exec((req.url ?? "").split("?")[0] ?? "");
      const method = m?.[1] ?? "";
      let body: Record<string, unknown> = {};
      let outcome: Outcome;
      try {
        body = await readBody(req);
        const planned = failures.get(method);
        if (planned && planned.count > 0) {
          planned.count--;
          const f = planned.failure;
          outcome =
            f.status === 429
              ? fail(429, f.description ?? `Too Many Requests: retry after ${(f as { retryAfter: number }).retryAfter}`, {
                  retry_after: (f as { retryAfter: number }).retryAfter,
                })
              : fail(f.status, f.description ?? "Internal Server Error");
        } else if (method === "getUpdates") {
          outcome = await getUpdates(body, req);
        } else {
          outcome = handle(method, body);
        }
      } catch (err) {
        outcome = fail(400, `Bad Request: ${String(err)}`);
      }
      record({ method, body, status: outcome.status, response: outcome.error ?? outcome.result, at: Date.now() });
      if (res.destroyed) return;
      const payload = outcome.error ? { ok: false, ...outcome.error } : { ok: true, result: outcome.result };
      res.writeHead(outcome.status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const api: FakeTelegram = {
    apiRoot: `http://127.0.0.1:${port}`,
    botInfo,
    requests,
    messages,
    get webhook() {
      return fake.webhook;
    },
    set webhook(v) {
      fake.webhook = v;
    },
    calls: (method) => requests.filter((r) => r.method === method),
    pushUpdate,
    keyOf: (updateId: number) => {
      const key = keys.get(updateId);
      if (!key) throw new Error(`fake-telegram: no update ${updateId} was pushed`);
      return key;
    },
    pushText(text, c) {
      const { chat, from } = chatOf(c);
      const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
      return pushUpdate({ message: { message_id: nextMessageId++, date: now(), chat, from, text, ...(entities ? { entities } : {}) } } as Omit<Update, "update_id">);
    },
    pushPhoto(o = {}) {
      const { chat, from } = chatOf(o);
      const ids = o.fileIds ?? ["photo-small", "photo-medium", "photo-large"];
      const photo = ids.map((file_id, i) => ({ file_id, file_unique_id: `${file_id}-u`, width: 90 * (i + 1), height: 60 * (i + 1) }));
      return pushUpdate({ message: { message_id: nextMessageId++, date: now(), chat, from, photo, ...(o.caption ? { caption: o.caption } : {}) } } as Omit<Update, "update_id">);
    },
    pushSticker(o = {}) {
      const { chat, from } = chatOf(o);
      const sticker = { file_id: o.fileId ?? "sticker-1", file_unique_id: "sticker-1-u", type: "regular", width: 512, height: 512, is_animated: false, is_video: false };
      return pushUpdate({ message: { message_id: nextMessageId++, date: now(), chat, from, sticker } } as Omit<Update, "update_id">);
    },
    pushDocument(o) {
      const { chat, from } = chatOf(o);
      const document = { file_id: o.fileId, file_unique_id: `${o.fileId}-u`, ...(o.fileName ? { file_name: o.fileName } : {}), ...(o.mimeType ? { mime_type: o.mimeType } : {}), ...(files.has(o.fileId) ? { file_size: files.get(o.fileId)!.length } : {}) };
      return pushUpdate({ message: { message_id: nextMessageId++, date: now(), chat, from, document, ...(o.caption ? { caption: o.caption } : {}) } } as Omit<Update, "update_id">);
    },
    pushVoice(o = {}) {
      const { chat, from } = chatOf(o);
      const voice = { file_id: o.fileId ?? "voice-1", file_unique_id: "voice-1-u", duration: 3, mime_type: "audio/ogg" };
      return pushUpdate({ message: { message_id: nextMessageId++, date: now(), chat, from, voice } } as Omit<Update, "update_id">);
    },
    pushLocation(o) {
      const { chat, from } = chatOf(o);
      const location = { latitude: o.latitude, longitude: o.longitude };
      const venue = o.venue ? { location, title: o.venue.title, address: o.venue.address } : undefined;
      return pushUpdate({ message: { message_id: nextMessageId++, date: now(), chat, from, location, ...(venue ? { venue } : {}) } } as Omit<Update, "update_id">);
    },
    putFile(fileId, bytes) {
      files.set(fileId, bytes);
    },
    fileDownloads,
    pushCallback(data, o = {}) {
      const { chat, from } = chatOf(o);
      const base = o.messageId !== undefined ? messages.get(`${chat.id}:${o.messageId}`) : lastBotMessage;
      const message = base ?? { message_id: o.messageId ?? 1, date: now(), chat, text: "…" };
      return pushUpdate({
        callback_query: { id: `cbq-${nextUpdateId}`, from, chat_instance: `ci-${chat.id}`, data, message },
      } as Omit<Update, "update_id">);
    },
    failNext(method, count, failure) {
      failures.set(method, { count, failure });
    },
    waitForRequest(predicate, opts = {}) {
      const from = opts.from ?? 0;
      const timeoutMs = opts.timeoutMs ?? 5_000;
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = requests.slice(from).find(predicate);
          if (!hit) return false;
          clearTimeout(timer);
          requestWaiters.delete(onRecord);
          resolve(hit);
          return true;
        };
        const onRecord = () => void check();
        const timer = setTimeout(() => {
          requestWaiters.delete(onRecord);
          const seen = requests.slice(from).map((r) => `${r.method}:${r.status}`).join(", ");
          reject(new Error(`fake-telegram: no matching request within ${timeoutMs} ms (seen: ${seen || "none"})`));
        }, timeoutMs);
        if (!check()) requestWaiters.add(onRecord);
      });
    },
    async close() {
      for (const wake of pollWaiters) wake();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return api;
}

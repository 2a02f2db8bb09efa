/**
 * The Zalo Bot Platform HTTP API (https://bot-api.zaloplatforms.com/bot<token>/<method>,
 * POST with a JSON body, answers {ok, result} or {ok: false, error_code, description}).
 * Methods and fields follow the platform's documentation (bot.zaloplatforms.com/docs, as
 * mirrored in public repositories) and public code using it; see docs/zalo.md. Unlike
 * Telegram, getUpdates returns one update per call (or 408 when none came in time).
 */
import { z } from "zod";
import { zaloBotUpdateSchema, type ZaloBotUpdate } from "./updates.ts";

/** sendMessage text and sendPhoto captions are 1–2,000 characters. */
export const ZALO_BOT_TEXT_LIMIT = 2000;

const envelopeSchema = z
  .object({ ok: z.boolean(), result: z.unknown().optional(), error_code: z.coerce.number().optional(), description: z.string().optional() })
  .loose();

const meSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String), account_name: z.string().optional(), account_type: z.string().optional(), can_join_groups: z.boolean().optional() }).loose();
const sentSchema = z.object({ message_id: z.union([z.string(), z.number()]).transform(String).optional(), date: z.number().optional() }).loose();
const webhookInfoSchema = z.object({ url: z.string().optional(), updated_at: z.number().optional() }).loose();

export type ZaloBotInfo = z.infer<typeof meSchema>;

/** An error answer of the Bot API (error_code as the platform gives it; 0 for transport failures). */
export class ZaloBotApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`Zalo Bot API ${method} failed (${errorCode}): ${description}`);
    this.name = "ZaloBotApiError";
  }
  /** getUpdates found nothing before its time-out. */
  get isPollingTimeout(): boolean {
    return this.errorCode === 408;
  }
  /** Retrying cannot help (bad request, forbidden, unknown chat). */
  get isPermanent(): boolean {
    return this.errorCode === 400 || this.errorCode === 403 || this.errorCode === 404;
  }
}

export interface ZaloBotClientOptions {
  token: string;
  apiRoot?: string;
  fetch?: typeof fetch;
  /** Per call, except getUpdates which waits its own time-out plus this (default 15 s). */
  timeoutMs?: number;
}

export interface ZaloBotClient {
  /** The bot id: the part of the token before ":" (Zalo's token format is <bot id>:<secret>). */
  readonly botId: string;
  getMe(): Promise<ZaloBotInfo>;
  /** One update, or null when none arrived within `timeoutSeconds`. */
  getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<ZaloBotUpdate | null>;
  setWebhook(url: string, secretToken: string): Promise<void>;
  deleteWebhook(): Promise<void>;
  getWebhookInfo(): Promise<{ url: string }>;
  sendMessage(chatId: string, text: string): Promise<{ messageId: string }>;
  sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<{ messageId: string }>;
  sendChatAction(chatId: string, action: "typing"): Promise<void>;
}

export function createZaloBotClient(options: ZaloBotClientOptions): ZaloBotClient {
  const root = (options.apiRoot ?? "https://bot-api.zaloplatforms.com").replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const botId = options.token.split(":")[0] ?? "";

  async function call(method: string, body: Record<string, unknown>, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await doFetch(`${root}/bot${options.token}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      // The URL holds the token: report the method and the error kind only.
      throw new ZaloBotApiError(method, 0, err instanceof Error ? err.name : "fetch failed");
    }
    const parsed = envelopeSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new ZaloBotApiError(method, res.status, "unreadable answer");
    if (!parsed.data.ok) throw new ZaloBotApiError(method, parsed.data.error_code ?? res.status, parsed.data.description ?? "error");
    return parsed.data.result;
  }

  function checkText(text: string, what: string): void {
    if (text.length === 0 || text.length > ZALO_BOT_TEXT_LIMIT) throw new RangeError(`${what} has 1–${ZALO_BOT_TEXT_LIMIT} characters (got ${text.length})`);
  }

  return {
    botId,
    async getMe() {
      return meSchema.parse(await call("getMe", {}));
    },
    async getUpdates(timeoutSeconds, signal) {
      try {
        // The timeout is a string in the documentation's examples.
        const result = await call("getUpdates", { timeout: String(timeoutSeconds) }, { timeoutMs: (timeoutSeconds + 10) * 1000, ...(signal ? { signal } : {}) });
        if (result === undefined || result === null) return null;
        // The update itself, or (some gateways) wrapped in an array of one.
        const one = Array.isArray(result) ? result[0] : result;
        return one === undefined ? null : zaloBotUpdateSchema.parse(one);
      } catch (err) {
        if (err instanceof ZaloBotApiError && err.isPollingTimeout) return null;
        throw err;
      }
    },
    async setWebhook(url, secretToken) {
      if (secretToken.length < 8 || secretToken.length > 256) throw new RangeError("secret_token has 8–256 characters");
      webhookInfoSchema.parse(await call("setWebhook", { url, secret_token: secretToken }));
    },
    async deleteWebhook() {
      await call("deleteWebhook", {});
    },
    async getWebhookInfo() {
      return { url: webhookInfoSchema.parse(await call("getWebhookInfo", {})).url ?? "" };
    },
    async sendMessage(chatId, text) {
      checkText(text, "a message");
      return { messageId: sentSchema.parse(await call("sendMessage", { chat_id: chatId, text })).message_id ?? "" };
    },
    async sendPhoto(chatId, photoUrl, caption) {
      if (caption !== undefined) checkText(caption, "a caption");
      return { messageId: sentSchema.parse(await call("sendPhoto", { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) })).message_id ?? "" };
    },
    async sendChatAction(chatId, action) {
      await call("sendChatAction", { chat_id: chatId, action });
    },
  };
}

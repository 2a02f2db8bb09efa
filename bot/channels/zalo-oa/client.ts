/**
 * The Official Account API calls the bot makes: consultation messages (text, text with up
 * to 5 buttons, image) on POST /v3.0/oa/message/cs and image upload on
 * POST /v2.0/oa/upload/image, with the access token in the `access_token` header (the
 * v3 convention; Zalo's PHP SDK does the same). Errors are handled by OA_ERROR_TABLE:
 * a token error refreshes the token (single-flight) and retries once, a rate limit or
 * transport failure is retried with backoff, anything else is thrown as ZaloOaApiError.
 */
import { z } from "zod";
import type { Logger } from "../../logger.ts";
import { describeError } from "../common.ts";
import { oaErrorRule, ZaloOaApiError } from "./errors.ts";
import type { ZaloTokenManager } from "./token-manager.ts";

/** Zalo refuses consultation texts longer than this. */
export const OA_TEXT_LIMIT = 2000;
/** A template carries at most this many buttons. */
export const OA_MAX_BUTTONS = 5;
/** Button titles are cut to this length (Zalo's limit is not documented publicly; short titles are safe). */
export const OA_BUTTON_TITLE_LIMIT = 100;

export type OaButton =
  | { title: string; type: "oa.query.hide" | "oa.query.show"; payload: string }
  | { title: string; type: "oa.open.url"; url: string };

const answerSchema = z
  .object({
    error: z.coerce.number(),
    message: z.string().optional().default(""),
    data: z
      .object({ message_id: z.string().optional(), user_id: z.string().optional(), attachment_id: z.string().optional() })
      .loose()
      .optional(),
  })
  .loose();
type Answer = z.infer<typeof answerSchema>;

export interface ZaloOaClientOptions {
  apiRoot: string;
  tokens: Pick<ZaloTokenManager, "getAccessToken" | "renewAfterRejection">;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** Retries of a rate limit (−32) or a transport failure (default 2). */
  maxRetries?: number;
  /** First backoff; doubles per retry (default 1 s). */
  backoffMs?: number;
  log?: Logger;
}

export interface ZaloOaClient {
  sendText(userId: string, text: string): Promise<{ messageId: string }>;
  sendButtons(userId: string, text: string, buttons: readonly OaButton[]): Promise<{ messageId: string }>;
  /** Uploads a JPEG/PNG (Zalo accepts up to 1 MB); returns its attachment_id. */
  uploadImage(bytes: Uint8Array, fileName?: string, mime?: string): Promise<string>;
  sendImage(userId: string, image: { attachmentId: string } | { url: string }, caption?: string): Promise<{ messageId: string }>;
}

export function createZaloOaClient(options: ZaloOaClientOptions): ZaloOaClient {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxRetries = options.maxRetries ?? 2;
  const backoffMs = options.backoffMs ?? 1000;
  const root = options.apiRoot.replace(/\/+$/, "");

  /** One call with the token/retry policy; `makeBody` is called per attempt (a FormData is single-use). */
  async function call(path: string, makeBody: () => { body: string | FormData; contentType?: string }): Promise<Answer> {
    let token = await options.tokens.getAccessToken();
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      let answer: Answer;
      try {
        const { body, contentType } = makeBody();
        const res = await doFetch(`${root}${path}`, {
          method: "POST",
          headers: { access_token: token, ...(contentType ? { "content-type": contentType } : {}) },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const parsed = answerSchema.safeParse(await res.json().catch(() => null));
        if (!parsed.success) throw new Error(`unreadable answer (HTTP ${res.status})`);
        answer = parsed.data;
      } catch (err) {
        // Network failure, time-out, 5xx page: transient.
        if (attempt < maxRetries) {
          options.log?.warn("zalo-oa: API call failed, retrying", { path, error: describeError(err) });
          await sleep(backoffMs * 2 ** attempt);
          continue;
        }
        throw new ZaloOaApiError(0, describeError(err), { action: "retry", meaning: "transport failure" });
      }
      if (answer.error === 0) return answer;
      const rule = oaErrorRule(answer.error);
      if (rule.action === "refresh_token" && !refreshed) {
        refreshed = true;
        token = await options.tokens.renewAfterRejection(token);
        continue;
      }
      if (rule.action === "retry" && attempt < maxRetries) {
        await sleep(backoffMs * 2 ** attempt);
        continue;
      }
      throw new ZaloOaApiError(answer.error, answer.message, rule);
    }
  }

  async function sendMessage(userId: string, message: Record<string, unknown>): Promise<{ messageId: string }> {
    const json = JSON.stringify({ recipient: { user_id: userId }, message });
    const answer = await call("/v3.0/oa/message/cs", () => ({ body: json, contentType: "application/json" }));
    return { messageId: answer.data?.message_id ?? "" };
  }

  function checkText(text: string): void {
    if (text.length === 0 || text.length > OA_TEXT_LIMIT) throw new RangeError(`an OA message text has 1–${OA_TEXT_LIMIT} characters (got ${text.length})`);
  }

  return {
    sendText(userId, text) {
      checkText(text);
      return sendMessage(userId, { text });
    },
    sendButtons(userId, text, buttons) {
      checkText(text);
      if (buttons.length === 0 || buttons.length > OA_MAX_BUTTONS) throw new RangeError(`an OA template has 1–${OA_MAX_BUTTONS} buttons (got ${buttons.length})`);
      return sendMessage(userId, {
        text,
        attachment: {
          type: "template",
          payload: {
            buttons: buttons.map((b) => {
              const title = b.title.slice(0, OA_BUTTON_TITLE_LIMIT);
              return b.type === "oa.open.url" ? { title, type: b.type, payload: { url: b.url } } : { title, type: b.type, payload: b.payload };
            }),
          },
        },
      });
    },
    async uploadImage(bytes, fileName = "image.jpg", mime = "image/jpeg") {
      const answer = await call("/v2.0/oa/upload/image", () => {
        const form = new FormData();
        form.append("file", new Blob([bytes], { type: mime }), fileName);
        return { body: form };
      });
      const id = answer.data?.attachment_id;
      if (!id) throw new ZaloOaApiError(0, "upload answer without attachment_id", { action: "retry", meaning: "unexpected answer" });
      return id;
    },
    sendImage(userId, image, caption) {
      if (caption !== undefined) checkText(caption);
      const element = "attachmentId" in image ? { media_type: "image", attachment_id: image.attachmentId } : { media_type: "image", url: image.url };
      return sendMessage(userId, { ...(caption ? { text: caption } : {}), attachment: { type: "template", payload: { template_type: "media", elements: [element] } } });
    },
  };
}

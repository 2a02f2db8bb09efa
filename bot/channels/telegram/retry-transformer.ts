/**
 * API transformer that retries Telegram calls on flood control (429, honouring
 * `retry_after`) and on 5xx/network errors with exponential backoff, a bounded number of
 * times. A small stand-in for @grammyjs/auto-retry that needs no extra dependency.
 */
import { HttpError } from "grammy";
import type { Transformer } from "grammy";
import { describeError, silentLogger, type Logger } from "../common.ts";

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** First backoff for 5xx/network errors; doubles each retry (default 500 ms). */
  baseDelayMs?: number;
  /** Cap on one backoff (default 15 s). */
  maxDelayMs?: number;
  /** A 429 asking to wait longer than this is returned to the caller (default 60 s). */
  maxRetryAfterSeconds?: number;
  /** Methods never retried. getUpdates is retried by grammY's polling loop itself. */
  skipMethods?: readonly string[];
  logger?: Logger;
  /** Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Resolves after `ms`, or rejects early when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function retryTransformer(options: RetryOptions = {}): Transformer {
  const maxRetries = options.maxRetries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 15_000;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const skip = new Set(options.skipMethods ?? ["getUpdates"]);
  const logger = options.logger ?? silentLogger;
  const sleep = options.sleep ?? abortableSleep;

  const backoff = (attempt: number) => {
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return Math.round(exp / 2 + Math.random() * (exp / 2)); // jitter spreads simultaneous retries
  };

  return async (prev, method, payload, signal) => {
    if (skip.has(method)) return prev(method, payload, signal);
    for (let attempt = 0; ; attempt++) {
      let delay: number;
      try {
        const res = await prev(method, payload, signal);
        if (res.ok || attempt >= maxRetries) return res;
        if (res.error_code === 429) {
          const retryAfter = res.parameters?.retry_after;
          if (retryAfter !== undefined && retryAfter > maxRetryAfter) return res;
          delay = retryAfter !== undefined ? retryAfter * 1000 : backoff(attempt);
        } else if (res.error_code >= 500) {
          delay = backoff(attempt);
        } else {
          return res; // 400/403/404: retrying cannot help
        }
        logger.warn("telegram: API call failed, retrying", {
          method,
          errorCode: res.error_code,
          description: res.description,
          attempt: attempt + 1,
          delayMs: delay,
        });
      } catch (err) {
        // Only transport failures are retried; aborts (bot stopping) end at once.
        if (!(err instanceof HttpError) || signal?.aborted || attempt >= maxRetries) throw err;
        delay = backoff(attempt);
        logger.warn("telegram: network error, retrying", { method, error: describeError(err), attempt: attempt + 1, delayMs: delay });
      }
      // grammY types its signal with the abort-controller shim; at run time it is the global one.
      await sleep(delay, signal as AbortSignal | undefined);
    }
  };
}

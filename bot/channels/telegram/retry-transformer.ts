/**
 * API transformer that retries Telegram calls on flood control (429, honouring
 * `retry_after`) and on 5xx/network errors with exponential backoff, a bounded number of
 * times.
 *
 * Why not @grammyjs/auto-retry (v2.0.2, src/mod.ts at commit 05f3095 of grammyjs/auto-retry):
 * - its wait is a module-private `pause()` on `setTimeout(…, 1000 * seconds)` (lines 12–25)
 *   with no option to inject one, so tests can only shorten it with fake timers, which the
 *   fault tests cannot use (real sockets through test/helpers/flaky-proxy.ts);
 * - the 5xx/network back-off starts at a fixed 3 s and doubles up to an hour
 *   (`INITIAL_LAST_DELAY = 3`, `ONE_HOUR`, lines 9–10 and 105–109), not configurable:
 *   the fault tests' two 500s would wait 3 s + 6 s instead of ~0.25 s + 0.5 s, and one
 *   acknowledgement to a voter would wait seconds where 0.5 s is enough;
 * - network errors (`HttpError`, e.g. a connection reset) are retried in an inner loop that
 *   `maxRetryAttempts` does not bound (lines 110–131; the count is only decremented in the
 *   outer loop, line 159): during an outage a send never returns and the outbox cannot
 *   count its attempts or give up;
 * - no per-method exclusion (getUpdates is retried by grammY's polling loop already), no
 *   jitter, and it reports through the `debug` package (line 7) instead of our logger.
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

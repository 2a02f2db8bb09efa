/**
 * Long polling for the Zalo Bot Platform: getUpdates returns one update per call and
 * removes it from the platform's queue, so each update is handed over (stored by the
 * core) before the next call. Failures back off exponentially; an invalid token (401)
 * stops the loop. Sleep and abort are injected so tests never wait for real.
 */
import type { Logger } from "../../logger.ts";
import { describeError } from "../common.ts";
import { ZaloBotApiError, type ZaloBotClient } from "./client.ts";
import type { ZaloBotUpdate } from "./updates.ts";

export interface ZaloBotPollingOptions {
  client: Pick<ZaloBotClient, "getUpdates">;
  /** Stores and handles one update; polling continues when it resolves. */
  onUpdate: (update: ZaloBotUpdate) => Promise<void>;
  log: Logger;
  /** getUpdates long-poll time-out (default 30 s). */
  timeoutSeconds?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** First backoff after a failure (default 1 s; doubles up to maxBackoffMs). */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export interface ZaloBotPolling {
  /** Resolves when the loop has ended (stop() or a fatal error). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

export function startZaloBotPolling(o: ZaloBotPollingOptions): ZaloBotPolling {
  const controller = new AbortController();
  const sleep = o.sleep ?? abortableSleep;
  const timeoutSeconds = o.timeoutSeconds ?? 30;
  const backoff = o.backoffMs ?? 1000;
  const maxBackoff = o.maxBackoffMs ?? 60_000;

  const done = (async () => {
    let failures = 0;
    while (!controller.signal.aborted) {
      let update: ZaloBotUpdate | null;
      try {
        update = await o.client.getUpdates(timeoutSeconds, controller.signal);
        failures = 0;
      } catch (err) {
        if (controller.signal.aborted) break;
        if (err instanceof ZaloBotApiError && err.errorCode === 401) {
          o.log.error("zalo-bot: the bot token was refused (401); polling stopped");
          break;
        }
        failures++;
        o.log.warn("zalo-bot: getUpdates failed, backing off", { error: describeError(err), failures });
        await sleep(Math.min(maxBackoff, backoff * 2 ** (failures - 1)), controller.signal);
        continue;
      }
      if (!update) continue;
      try {
        await o.onUpdate(update);
      } catch (err) {
        // The platform has already dequeued it; the handler logs what was lost.
        o.log.error("zalo-bot: an update could not be handled", { error: describeError(err) });
      }
    }
  })();

  return {
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}

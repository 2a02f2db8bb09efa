/**
 * Keeps zca-js's listener running. It closes about every 60 s (code 1006, which zca-js's own
 * `retryOnClose` ignores) and sometimes goes silent, so it is restarted on every close and
 * after a quiet spell (the watchdog), with a growing delay while it keeps failing.
 */
import { describeError, type Logger } from "../common.ts";
import type { ZaloListener } from "./zca-api.ts";

/** After this many restarts without a "connected", the account itself is the likely problem. */
const SUSPECT_ACCOUNT_AFTER = 5;

export interface ListenerSupervisorOptions {
  listener: ZaloListener;
  logger: Logger;
  /** Restart the listener after this long without any event. */
  watchdogMs: number;
  /** First delay before restarting a closed listener; doubles while it keeps failing. */
  restartDelayMs: number;
  maxRestartDelayMs: number;
  /** How long to wait for zca-js's "closed" after stopping it for a restart. */
  closeGraceMs: number;
}

export interface ListenerSupervisor {
  start(): void;
  stop(): void;
  /** A listener event arrived (a message): the listener is alive, postpone the watchdog. */
  touch(): void;
  /** Listener restarts so far (not counting the first start). */
  readonly restarts: number;
}

export function superviseListener(options: ListenerSupervisorOptions): ListenerSupervisor {
  const { listener, logger, watchdogMs, restartDelayMs, maxRestartDelayMs, closeGraceMs } = options;
  let running = false;
  let listenerActive = false;
  let awaitingClose = false;
  let failures = 0;
  let restarts = 0;
  let started = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let watchdog: NodeJS.Timeout | undefined;

  function touch(): void {
    if (!running || restartTimer) return;
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      logger.warn(`zalo: no listener event for ${watchdogMs} ms, restarting the listener`);
      restart();
    }, watchdogMs);
  }

  function startListener(): void {
    restartTimer = undefined;
    if (!running) return;
    try {
      // Our own restarts cover every close code; zca-js's retry skips 1006.
      listener.start({ retryOnClose: false });
      listenerActive = true;
      if (started) restarts++;
      started = true;
      touch();
    } catch (err) {
      logger.warn("zalo: listener start failed", { error: describeError(err) });
      scheduleStart();
    }
  }

  function scheduleStart(): void {
    if (!running || restartTimer) return;
    clearTimeout(watchdog);
    const delay = Math.min(maxRestartDelayMs, restartDelayMs * 2 ** Math.min(failures, 20));
    failures++;
    if (failures === SUSPECT_ACCOUNT_AFTER || (failures > SUSPECT_ACCOUNT_AFTER && failures % 10 === 0)) {
      logger.error(
        `zalo: the listener failed to connect ${failures} times in a row — the Zalo account may be rate-limited, locked or logged out ` +
          "(tài khoản Zalo có thể bị giới hạn, bị khoá hoặc đã đăng xuất). Still retrying; the rest of the bot keeps running.",
      );
    }
    restartTimer = setTimeout(startListener, delay);
  }

  /** Stops a live listener and starts it again once it has closed. */
  function restart(): void {
    if (!running) return;
    clearTimeout(watchdog);
    if (!listenerActive) return scheduleStart();
    awaitingClose = true;
    try {
      listener.stop();
    } catch (err) {
      logger.warn("zalo: listener stop failed", { error: describeError(err) });
    }
    // Starting before the old socket reports "closed" would let its close reset the new one.
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      awaitingClose = false;
      listenerActive = false;
      scheduleStart();
    }, closeGraceMs);
  }

  function onConnected(): void {
    failures = 0;
    logger.info("zalo: listener connected");
    touch();
  }

  function onClosed(code: number, reason: string): void {
    listenerActive = false;
    if (!running) return;
    if (awaitingClose) {
      awaitingClose = false;
      clearTimeout(restartTimer);
      restartTimer = undefined;
    } else if (code === 1006) {
      logger.info("zalo: listener closed (1006, routine on Zalo), restarting");
    } else {
      const hint = code === 3000 || code === 3003 ? " — another Zalo Web/PC session may have taken over this account" : "";
      logger.warn(`zalo: listener closed with code ${code}${hint}, restarting`, { reason });
    }
    scheduleStart();
  }

  function onError(err: unknown): void {
    logger.warn("zalo: listener error", { error: describeError(err) });
  }

  return {
    start() {
      if (running) return;
      running = true;
      listener.on("connected", onConnected);
      listener.on("closed", onClosed);
      listener.on("error", onError);
      startListener();
    },
    stop() {
      if (!running) return;
      running = false;
      clearTimeout(watchdog);
      clearTimeout(restartTimer);
      restartTimer = undefined;
      listener.off("connected", onConnected);
      listener.off("closed", onClosed);
      listener.off("error", onError);
      if (listenerActive) {
        listenerActive = false;
        try {
          listener.stop();
        } catch (err) {
          logger.warn("zalo: listener stop failed", { error: describeError(err) });
        }
      }
    },
    touch,
    get restarts() {
      return restarts;
    },
  };
}

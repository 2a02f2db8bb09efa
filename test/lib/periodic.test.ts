/**
 * Periodic jobs on croner (lib/periodic.ts) and the outbox dispatcher's background drain,
 * on vitest's fake clock: no test waits for a real second.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OutboxDispatcher } from "../../bot/delivery/dispatcher.ts";
import { silentLogger } from "../../bot/logger.ts";
import type { DbClient } from "../../bot/petitions/types.ts";
import { every } from "../../lib/periodic.ts";

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-05-10T03:00:00.000Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("every", () => {
  it("runs on the pattern's seconds until stopped", async () => {
    let runs = 0;
    const job = every("*/10 * * * * *", () => void runs++, () => {});
    await vi.advanceTimersByTimeAsync(9_999);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(runs).toBe(4);
    job.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(4);
  });

  it("never starts a run while the previous one is still going", async () => {
    let started = 0;
    let finish: () => void = () => {};
    const job = every("* * * * * *", () => {
      started++;
      return new Promise<void>((resolve) => (finish = resolve));
    }, () => {});
    await vi.advanceTimersByTimeAsync(5_000);
    expect(started).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(2);
    job.stop();
    finish();
  });

  it("hands a failure to onError and keeps running", async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const job = every("* * * * * *", async () => {
      runs++;
      throw new Error(`run ${runs}`);
    }, (err) => errors.push(err));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(3);
    expect(errors.map((e) => (e as Error).message)).toEqual(["run 1", "run 2", "run 3"]);
    job.stop();
  });

  it("does not keep the process alive", () => {
    const timeouts = vi.spyOn(globalThis, "setTimeout");
    const job = every("* * * * * *", () => {}, () => {});
    const timer = timeouts.mock.results.at(-1)?.value as { hasRef(): boolean };
    expect(timer.hasRef()).toBe(false);
    job.stop();
  });
});

describe("OutboxDispatcher.start", () => {
  it("drains every second (expiring stale attempts) until stopped", async () => {
    const dispatcher = new OutboxDispatcher({} as DbClient, { log: silentLogger });
    const poke = vi.spyOn(dispatcher, "poke").mockResolvedValue(undefined);
    dispatcher.start();
    dispatcher.start(); // a second start does not add a second job
    await vi.advanceTimersByTimeAsync(3_000);
    expect(poke.mock.calls).toEqual([[true], [true], [true]]);
    await dispatcher.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(poke).toHaveBeenCalledTimes(3);
  });
});

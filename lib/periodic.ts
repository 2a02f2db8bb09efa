/**
 * Periodic background work on croner, with the options every job of this project needs set
 * in one place: a run never overlaps the previous one when it takes longer than the period
 * (`protect`), the timer never keeps the process alive (`unref`), and a failure goes to
 * `onError` instead of becoming an unhandled rejection (`catch`).
 *
 * Patterns have six fields, seconds first: `"*\/10 * * * * *"` runs at :00, :10, :20… of every
 * minute. Croner's resolution is one second; work that must run more often needs a timer.
 */
import { Cron } from "croner";

export interface PeriodicJob {
  /** Cancels the next runs (a run in progress finishes). */
  stop(): void;
}

/** Starts `job` on the cron `pattern`; the job may be async (the next run waits for it). */
export function every(pattern: string, job: () => unknown, onError: (err: unknown) => void): PeriodicJob {
  const cron = new Cron(pattern, { protect: true, unref: true, catch: (err) => onError(err) }, async () => {
    await job();
  });
  return { stop: () => cron.stop() };
}

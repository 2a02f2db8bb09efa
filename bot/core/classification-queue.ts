/**
 * Background classification of filed petitions, after the voter already has their code.
 *
 * - At most `concurrency` run at once (p-queue) and at most `maxWaiting` wait in memory; a
 *   petition refused by a full line stays "received" in the database, its id kept in this
 *   process's backlog and read back when the line has drained to half. Only this
 *   process's own ids: workers sharing a database never read back each other's petitions.
 * - A classification that fails for a passing reason (database briefly unreachable) is
 *   retried while the process runs, with exponential backoff, up to `retry.attempts`.
 * - `shutdown()` finishes what runs or waits in memory and leaves the backlog in the
 *   database for the next start.
 */
import PQueue from "p-queue";
import { isDomainError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { subjectOf, type ClassificationSubject } from "../petitions/intake.ts";
import type { DbClient } from "../petitions/types.ts";

export interface RetryPolicy {
  /** First delay; doubles on each attempt up to maxMs. */
  baseMs: number;
  maxMs: number;
  /** Attempts in all, the first included. */
  attempts: number;
}

/** Runs `fn` after `ms`; returns a cancel function. Injected by tests (no real waiting). */
export type Scheduler = (fn: () => void, ms: number) => () => void;

export const realScheduler: Scheduler = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
};

export interface ClassificationQueueOptions {
  db: DbClient;
  /** Classifies one petition and applies the result (throws on failure). */
  classify(subject: ClassificationSubject): Promise<void>;
  log: Logger;
  concurrency?: number;
  maxWaiting?: number;
  retry?: RetryPolicy;
  schedule?: Scheduler;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 2_000, maxMs: 300_000, attempts: 8 };

export class ClassificationQueue {
  private readonly queue: PQueue;
  private readonly maxWaiting: number;
  private readonly retry: RetryPolicy;
  private readonly schedule: Scheduler;
  /** Petitions queued or being classified by this process. */
  private readonly queued = new Set<number>();
  /** Ids waiting as "received" rows, oldest first. */
  private readonly backlogIds: number[] = [];
  /** Failed petitions waiting for their retry: id → cancel. */
  private readonly retrying = new Map<number, () => void>();
  private refilling: Promise<boolean> | null = null;
  private stopping = false;
  private retryWaiters: Array<() => void> = [];

  constructor(private readonly opts: ClassificationQueueOptions) {
    this.queue = new PQueue({ concurrency: opts.concurrency ?? 4 });
    this.maxWaiting = opts.maxWaiting ?? 1000;
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.schedule = opts.schedule ?? realScheduler;
  }

  /** Queues a petition just filed (or read back); refused ones wait in the database. */
  push(subject: ClassificationSubject, attempt = 1): void {
    if (this.queued.has(subject.id)) return;
    if (this.queue.size >= this.maxWaiting) {
      this.backlogIds.push(subject.id);
      return;
    }
    this.queued.add(subject.id);
    void this.queue.add(async () => {
      try {
        await this.opts.classify(subject);
      } catch (err) {
        this.failed(subject, attempt, err);
      } finally {
        this.queued.delete(subject.id);
        if (this.backlogIds.length > 0 && this.queue.size <= this.maxWaiting / 2) void this.refill();
      }
    });
  }

  private failed(subject: ClassificationSubject, attempt: number, err: unknown): void {
    // A domain error (the petition vanished, was closed) will not change by waiting.
    if (isDomainError(err) || attempt >= this.retry.attempts || this.stopping) {
      this.opts.log.error("classification failed; the petition stays received until the next start", { petition: subject.id, attempt, err: String(err) });
      return;
    }
    const delay = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1));
    this.opts.log.warn("classification failed; retrying", { petition: subject.id, attempt, delayMs: delay, err: String(err) });
    const cancel = this.schedule(() => {
      this.retrying.delete(subject.id);
      this.push(subject, attempt + 1);
      this.wakeRetryWaiters();
    }, delay);
    this.retrying.set(subject.id, cancel);
  }

  private wakeRetryWaiters(): void {
    const w = this.retryWaiters;
    this.retryWaiters = [];
    for (const resolve of w) resolve();
  }

  /** Start-up: petitions left "received" (ids only; read back in batches). */
  async recover(ids: readonly number[]): Promise<void> {
    const known = new Set(this.backlogIds);
    for (const id of ids) if (!this.queued.has(id) && !this.retrying.has(id) && !known.has(id)) this.backlogIds.push(id);
    if (this.backlogIds.length > 0) await this.refill();
  }

  /** Queues backlog petitions still "received", oldest first, as many as the line takes; false on a database error. */
  refill(): Promise<boolean> {
    if (this.refilling) return this.refilling;
    this.refilling = (async () => {
      while (!this.stopping && this.backlogIds.length > 0 && this.queue.size < this.maxWaiting) {
        const ids = this.backlogIds.slice(0, this.maxWaiting - this.queue.size);
        const rows = await this.opts.db.petitions.rowsByIds(ids);
        // Rows no longer "received" were classified meanwhile (staff, another worker): dropped.
        this.backlogIds.splice(0, ids.length);
        for (const r of rows) if (r.status === "received") this.push(subjectOf(r));
      }
      return true;
    })()
      .catch((err: unknown) => {
        // The ids stay in the backlog: the next finished job or the periodic sweep tries again.
        this.opts.log.error("could not read unclassified petitions back", { err: String(err) });
        return false;
      })
      .finally(() => {
        this.refilling = null;
      });
    return this.refilling;
  }

  /** Periodic sweep: retries a read-back that failed, once the line is short. */
  async sweep(): Promise<void> {
    if (this.backlogIds.length > 0 && this.queue.size <= this.maxWaiting / 2) await this.refill();
  }

  /** Everything done: the line, the backlog and the scheduled retries. */
  async idle(): Promise<void> {
    for (;;) {
      await this.queue.onIdle();
      if (this.refilling) await this.refilling;
      else if (this.retrying.size > 0 && !this.stopping) await new Promise<void>((r) => this.retryWaiters.push(r));
      else if (this.stopping || this.backlogIds.length === 0 || !(await this.refill())) return;
    }
  }

  /** Shutdown: finish what runs or waits in memory; the backlog and retries stay in the database. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const cancel of this.retrying.values()) cancel();
    this.retrying.clear();
    this.wakeRetryWaiters();
    if (this.refilling) await this.refilling;
    await this.queue.onIdle();
  }

  backlog(): { running: number; waiting: number; inDatabase: number; retrying: number } {
    return { running: this.queue.pending, waiting: this.queue.size, inDatabase: this.backlogIds.length, retrying: this.retrying.size };
  }
}

/**
 * Background work started by a message after its acknowledgement (classification with a
 * slow LLM). Bounded concurrency and, optionally, a bounded waiting line; `idle()` lets
 * tests and shutdown wait for completion. Work is recoverable: a petition left "received"
 * (by a crash, or refused here when the line was full) is read back from the database.
 */
export class JobQueue {
  private running = 0;
  private readonly queue: Array<() => Promise<void>> = [];
  private waiters: Array<() => void> = [];

  constructor(
    private readonly concurrency = 4,
    private readonly onError: (err: unknown) => void = () => {},
    /** Jobs allowed to wait beyond the running ones; `push` refuses more. */
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  /** Queues `job`; false (job not taken) when the waiting line is full. */
  push(job: () => Promise<void>): boolean {
    if (this.running >= this.concurrency && this.queue.length >= this.maxWaiting) return false;
    this.queue.push(job);
    this.pump();
    return true;
  }

  /** Jobs waiting to start. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Jobs started and not finished. */
  get active(): number {
    return this.running;
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length) {
      const job = this.queue.shift()!;
      this.running++;
      job()
        .catch(this.onError)
        .finally(() => {
          this.running--;
          this.pump();
          if (this.running === 0 && this.queue.length === 0) {
            const w = this.waiters;
            this.waiters = [];
            for (const resolve of w) resolve();
          }
        });
    }
  }

  /** Resolves when no job is queued or running. */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/**
 * Background work started by a message after its acknowledgement (classification with a
 * slow LLM). Bounded concurrency; `idle()` lets tests and shutdown wait for completion.
 * Work is recoverable: a petition left "received" by a crash is classified again at start.
 */
export class JobQueue {
  private running = 0;
  private readonly queue: Array<() => Promise<void>> = [];
  private waiters: Array<() => void> = [];

  constructor(
    private readonly concurrency = 4,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  push(job: () => Promise<void>): void {
    this.queue.push(job);
    this.pump();
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

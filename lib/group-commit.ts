/**
 * Group commit: items added while a flush is running wait and go together in the next
 * flush, so N concurrent callers cost about two statements instead of N, and a lone caller
 * is flushed at once (no timer, no added latency). `add` resolves once its item's flush
 * has finished, and rejects when that flush failed.
 */
export class GroupCommit<T> {
  private waiting: { item: T; done: () => void; fail: (err: unknown) => void }[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly flush: (items: T[]) => Promise<void>) {}

  add(item: T): Promise<void> {
    const p = new Promise<void>((done, fail) => this.waiting.push({ item, done, fail }));
    if (!this.running) this.running = this.drain();
    return p;
  }

  private async drain(): Promise<void> {
    // Let callers of this same tick join the first batch.
    await Promise.resolve();
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await this.flush(batch.map((b) => b.item));
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.fail(err);
      }
    }
    this.running = null;
  }
}

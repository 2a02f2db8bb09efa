/** A FIFO lock: one holder at a time, waiters served in arrival order. */
export class Lock {
  private tail: Promise<void> = Promise.resolve();
  private holders = 0;

  /** True while someone holds the lock or waits for it. */
  get busy(): boolean {
    return this.holders > 0;
  }

  acquire(): Promise<() => void> {
    this.holders++;
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => () => {
      this.holders--;
      release();
    });
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

/**
 * One message per user at a time. The rate limit and the pending prompt are read from and
 * written back to the user's state, so two concurrent messages (webhook mode) would
 * overwrite each other's state and a parallel flood would never be limited. In this
 * process a promise chain per user orders them; across processes (PostgreSQL) the user's
 * ChatSession lease does (openTurn waits for it).
 */
export class UserTurns {
  private readonly chains = new Map<string, Promise<void>>();

  /** Runs `fn` after every earlier turn of the same user has ended. */
  run(key: string, fn: () => Promise<void>): Promise<void> {
    const run = (this.chains.get(key) ?? Promise.resolve()).then(fn);
    const tail = run.catch(() => {});
    this.chains.set(key, tail);
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
    return run;
  }
}

/** Waits for a lease held by another worker: short pauses growing to 200 ms. */
export async function waitForLease<T>(attempt: () => Promise<T | null>, onWait: () => void): Promise<T> {
  for (let waited = 0; ; waited++) {
    const got = await attempt();
    if (got !== null) return got;
    if (waited === 0) onWait();
    await new Promise((r) => setTimeout(r, Math.min(200, 10 * 2 ** Math.min(5, waited))));
  }
}

/**
 * A second, synchronous better-sqlite3 connection beside the Prisma client, for the few
 * statements every chat message runs (store the message, file the petition, read and write
 * the conversation state). Through Prisma each statement costs ~0.6 ms of CPU (query
 * compilation in wasm, the client runtime, promise hops); a prepared better-sqlite3
 * statement costs ~5 µs. Measured on this machine: scripts/bench-load.ts.
 *
 * Rules that keep the two connections consistent:
 * - Work runs under the client's FIFO lock (see db.ts), so it never overlaps a Prisma
 *   interactive transaction in this process, and inside one SQLite transaction
 *   (IMMEDIATE: writers in other processes wait on busy_timeout, never deadlock).
 * - Values are written the way the Prisma adapter writes them: DateTime as integer
 *   milliseconds (timestampFormat "unixepoch-ms"), Boolean as 0/1, JSON as text. Prisma
 *   column defaults (now(), @updatedAt) are applied by the client, not by SQL: every
 *   insert here names those columns.
 * Only SQLite has this path; on PostgreSQL the services use Prisma.
 */
import Database from "better-sqlite3";

/** The lock db.ts puts in front of the Prisma adapter; shared with this connection. */
export interface AsyncLock {
  acquire(): Promise<() => void>;
}

export interface SqliteDirect {
  /** Runs `fn` in one IMMEDIATE transaction under the shared lock. */
  write<T>(fn: (db: Database.Database) => T): Promise<T>;
  /**
   * Runs a read at once, without the lock: in WAL mode a reader on this connection never
   * waits for a writer and sees only committed rows (one statement, or a deferred
   * transaction for several, so they see one snapshot).
   */
  read<T>(fn: (db: Database.Database) => T): T;
  /** A cached prepared statement. */
  stmt(sql: string): Database.Statement;
  readonly open: boolean;
  close(): void;
}

const registry = new WeakMap<object, SqliteDirect>();

/** The direct connection that belongs to a Prisma client (SQLite only), or null. */
export function directSqlite(client: object): SqliteDirect | null {
  const d = registry.get(client);
  return d && d.open ? d : null;
}

export function attachDirectSqlite(client: object, direct: SqliteDirect): void {
  registry.set(client, direct);
}

/** Opens the direct connection to `file` (must not be ":memory:": that would be another database). */
export function openSqliteDirect(file: string, lock: AsyncLock, pragmas: string): SqliteDirect {
  const db = new Database(file, { timeout: 10_000 });
  db.exec(pragmas);
  const cache = new Map<string, Database.Statement>();
  let open = true;
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  // Created once: better-sqlite3 transaction wrappers are not free to build per call.
  const inTransaction = db.transaction(<T>(fn: (d: Database.Database) => T): T => fn(db));
  return {
    stmt,
    read: <T>(fn: (d: Database.Database) => T): T => inTransaction.deferred(fn) as T,
    get open() {
      return open;
    },
    async write<T>(fn: (d: Database.Database) => T): Promise<T> {
      const release = await lock.acquire();
      try {
        return inTransaction.immediate(fn) as T;
      } finally {
        release();
      }
    },
    close() {
      if (!open) return;
      open = false;
      cache.clear();
      db.close();
    },
  };
}

/** Integer milliseconds, as the Prisma adapter stores DateTime here. */
export const ms = (d: Date): number => d.getTime();

/**
 * The SQLite executor: one better-sqlite3 connection, prepared statements cached by text.
 *
 * better-sqlite3 runs each statement synchronously; one connection means a statement issued
 * while another caller's transaction is open would run inside it. So a transaction holds a
 * FIFO lock from BEGIN to COMMIT, and single statements wait for it too — when nothing
 * holds the lock (the common case) they run at once. WAL: readers in other processes
 * (CLIs) are never blocked by the bot's writes; synchronous=NORMAL: no fsync per commit
 * (a killed process loses nothing committed; a power cut may lose the last commits).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Lock } from "./lock.ts";
import type { Dialect, Sql, SqlDatabase, SqlStats, SqlValue } from "./types.ts";

export const sqliteDialect: Dialect = {
  engine: "sqlite",
  forUpdate: "",
  skipLocked: "",
  groupConcat: (expr, sep) => `group_concat(${expr}, '${sep.replace(/'/g, "''")}')`,
  lookupJoin: (ids, idColumn, table, alias) => `${ids} d CROSS JOIN ${table} ${alias} ON ${alias}.id = d.${idColumn}`,
};

export interface SqliteOptions {
  /** NORMAL (default) or FULL (an fsync per commit). */
  synchronous?: "OFF" | "NORMAL" | "FULL" | "EXTRA";
  /** Prepared statements kept (least recently used dropped first). */
  statementCache?: number;
}

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((v) => (v instanceof Date ? v.getTime() : typeof v === "boolean" ? (v ? 1 : 0) : v));
}

export function openSqlite(file: string, opts: SqliteOptions = {}): SqlDatabase {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${opts.synchronous ?? "NORMAL"}`);
  db.pragma("foreign_keys = ON");
  const max = opts.statementCache ?? 500;
  const cache = new Map<string, Database.Statement>();
  const stats: SqlStats = { statements: 0, transactions: 0 };
  const lock = new Lock();
  /** Set inside a transaction's callback: the outer executor must not be used there. */
  const inTx = new AsyncLocalStorage<boolean>();
  let open = true;

  function prepare(sql: string): Database.Statement {
    let s = cache.get(sql);
    if (s) {
      // Re-inserted: Map order is the recency order the eviction below relies on.
      cache.delete(sql);
      cache.set(sql, s);
      return s;
    }
    s = db.prepare(sql);
    cache.set(sql, s);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return s;
  }

  const exec = {
    all<T>(sql: string, params: readonly SqlValue[] = []): T[] {
      stats.statements++;
      return prepare(sql).all(...bind(params)) as T[];
    },
    get<T>(sql: string, params: readonly SqlValue[] = []): T | undefined {
      stats.statements++;
      const s = prepare(sql);
      return (s.reader ? s.get(...bind(params)) : (s.run(...bind(params)), undefined)) as T | undefined;
    },
    run(sql: string, params: readonly SqlValue[] = []): number {
      stats.statements++;
      const s = prepare(sql);
      // INSERT … RETURNING is a reader; run() still executes it.
      return s.run(...bind(params)).changes;
    },
  };

  /** Runs `fn` now if the lock is free, else after the current holder. */
  async function locked<T>(fn: () => T): Promise<T> {
    if (inTx.getStore()) throw new Error("store: the outer connection was used inside a transaction (use the transaction's handle)");
    if (!open) throw new Error("store: the database is closed");
    if (!lock.busy) return fn();
    const release = await lock.acquire();
    try {
      return fn();
    } finally {
      release();
    }
  }

  const txHandle: Sql = {
    dialect: sqliteDialect,
    all: async (sql, params) => exec.all(sql, params),
    get: async (sql, params) => exec.get(sql, params),
    run: async (sql, params) => exec.run(sql, params),
    transaction: (fn) => fn(txHandle),
  };

  return {
    dialect: sqliteDialect,
    stats,
    all: (sql, params) => locked(() => exec.all(sql, params)),
    get: (sql, params) => locked(() => exec.get(sql, params)),
    run: (sql, params) => locked(() => exec.run(sql, params)),
    async transaction(fn) {
      if (inTx.getStore()) throw new Error("store: the outer connection was used inside a transaction (use the transaction's handle)");
      const release = await lock.acquire();
      try {
        if (!open) throw new Error("store: the database is closed");
        // IMMEDIATE: the write lock is taken at BEGIN, so writers in other processes wait on
        // busy_timeout instead of failing with SQLITE_BUSY at their first write.
        prepare("BEGIN IMMEDIATE").run();
        stats.transactions++;
        try {
          const out = await inTx.run(true, () => fn(txHandle));
          prepare("COMMIT").run();
          return out;
        } catch (err) {
          if (db.inTransaction) prepare("ROLLBACK").run();
          throw err;
        }
      } finally {
        release();
      }
    },
    async close() {
      if (!open) return;
      const release = await lock.acquire();
      open = false;
      cache.clear();
      db.close();
      release();
    },
  };
}

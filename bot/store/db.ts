/**
 * Prisma client factory. SQLite through the better-sqlite3 driver adapter is the
 * embedded default; PostgreSQL (several bot processes sharing one database) goes through
 * @prisma/adapter-pg with the client generated from the derived prisma/postgres/schema.prisma.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { PrismaClient as PgPrismaClient } from "../../generated/prisma-pg/client.ts";
import { isPostgresUrl, pgAdapter } from "./postgres.ts";
import { attachDirectSqlite, openSqliteDirect } from "./sqlite-direct.ts";

/**
 * The one client type the code base compiles against: the SQLite client's. The PostgreSQL
 * client is generated from the same models (only the provider differs), so its model API,
 * argument and result types are the same; `createDb` casts it to this type. Nothing may
 * rely on provider-only features (e.g. `mode: "insensitive"`). Raw SQL (none so far) must
 * read integers with Number(): `$queryRaw` returns BigInt for every SQLite integer, but on
 * PostgreSQL number for int4 and BigInt for int8 (count(*), sum()).
 */
export type Db = PrismaClient;
export type DbEngine = "sqlite" | "postgresql";
export const DEFAULT_DATABASE_URL = "file:./data/tro-ly-hdnd.db";

/** A FIFO lock: one holder at a time, waiters served in arrival order. */
class Lock {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

/**
 * SQLite has one connection here: a statement issued while another caller's interactive
 * transaction is open would run inside that transaction and vanish with its rollback.
 * The adapter only queues transactions, so this wrapper queues single statements behind
 * them too. (Code inside a transaction must use its `tx`, never the outer client.)
 */
function serialized(inner: SqlDriverAdapter, lock: Lock = new Lock()): SqlDriverAdapter {
  const one = async <T>(fn: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q: SqlQuery) => one(() => inner.queryRaw(q)),
    executeRaw: (q: SqlQuery) => one(() => inner.executeRaw(q)),
    executeScript: (s: string) => one(() => inner.executeScript(s)),
    getConnectionInfo: inner.getConnectionInfo?.bind(inner),
    dispose: () => inner.dispose(),
    async startTransaction(isolationLevel) {
      const release = await lock.acquire();
      let tx: Transaction;
      try {
        tx = await inner.startTransaction(isolationLevel);
      } catch (err) {
        release();
        throw err;
      }
      let done = false;
      const finish = async (fn: () => Promise<void>) => {
        try {
          await fn();
        } finally {
          if (!done) {
            done = true;
            release();
          }
        }
      };
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (q: SqlQuery) => tx.queryRaw(q),
        executeRaw: (q: SqlQuery) => tx.executeRaw(q),
        commit: () => finish(() => tx.commit()),
        rollback: () => finish(() => tx.rollback()),
      };
    },
  };
}

/**
 * Per-connection settings. WAL: a commit appends to the log instead of rewriting pages
 * through a rollback journal, and readers in other processes (CLIs) are not blocked by the
 * bot's writes. synchronous=NORMAL: no fsync per commit (only at checkpoints). A killed
 * process loses nothing that was committed; a power cut or kernel crash can lose the last
 * commits since the previous checkpoint. Measured cost of FULL here: see scripts/bench-load.ts.
 * SQLITE_SYNCHRONOUS=FULL restores an fsync per commit.
 */
function sqlitePragmas(): string {
  const sync = (process.env.SQLITE_SYNCHRONOUS ?? "NORMAL").toUpperCase();
  return `PRAGMA journal_mode = WAL; PRAGMA synchronous = ${["OFF", "NORMAL", "FULL", "EXTRA"].includes(sync) ? sync : "NORMAL"};`;
}

async function connectTuned(inner: SqlMigrationAwareDriverAdapterFactory): Promise<SqlDriverAdapter> {
  const adapter = await inner.connect();
  await adapter.executeScript(sqlitePragmas());
  return adapter;
}

function serializedFactory(inner: SqlMigrationAwareDriverAdapterFactory, lock: Lock): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => serialized(await connectTuned(inner), lock),
    connectToShadowDb: async () => serialized(await inner.connectToShadowDb()),
  };
}

/** Prisma's unique-constraint error (P2002): a concurrent writer inserted the same key first. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

const engines = new WeakMap<object, DbEngine>();

/**
 * The engine behind a client made by createDb (SQLite otherwise). PostgreSQL is the one
 * that several bot processes share, so cross-process rules (user leases) apply there.
 */
export function engineOf(db: object): DbEngine {
  return engines.get(db) ?? "sqlite";
}

/** The engine a DATABASE_URL selects. */
export function dbEngine(url: string): DbEngine {
  if (url.startsWith("file:")) return "sqlite";
  if (isPostgresUrl(url)) return "postgresql";
  throw new Error(`DATABASE_URL không hợp lệ / unsupported DATABASE_URL: ${url.split(":")[0]}: (expected file:... or postgresql://...)`);
}

export interface CreateDbOptions {
  /**
   * SQLite only: also open the synchronous connection the hot message path uses
   * (sqlite-direct.ts). Default true; false leaves every statement to Prisma.
   */
  direct?: boolean;
}

/**
 * Opens a Prisma client: SQLite for a `file:` URL (the directory is created if missing),
 * PostgreSQL for a `postgresql://` URL (pool of `connection_limit` connections, default 10;
 * `?schema=` selects a schema). Migrations are applied by scripts/setup.mjs, not here.
 */
export function createDb(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, options: CreateDbOptions = {}): Db {
  if (dbEngine(url) === "postgresql") {
    // Many connections, row locks and MVCC: no client-side serialisation is needed.
    // See the Db type for why the cast is sound.
    const client = new PgPrismaClient({ adapter: pgAdapter(url) }) as unknown as Db;
    engines.set(client, "postgresql");
    return client;
  }
  const file = url.slice("file:".length);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // WAL (set at connect, see sqlitePragmas) lets readers in other processes proceed during writes.
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 }, { timestampFormat: "unixepoch-ms" });
  const lock = new Lock();
  const client = new PrismaClient({ adapter: serializedFactory(adapter, lock) });
  if (options.direct === false || file === ":memory:") return client;
  const direct = openSqliteDirect(file, lock, sqlitePragmas());
  attachDirectSqlite(client, direct);
  // The direct connection lives as long as the client's.
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    direct.close();
    await disconnect();
  };
  return client;
}

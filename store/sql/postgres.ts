/**
 * The PostgreSQL executor: a pg pool, every statement a named prepared statement (parsed
 * once per connection, then only bound and executed), transactions on one pooled client.
 * Timestamps are `timestamp(3)` holding UTC (as Prisma writes them): parameters go as ISO
 * strings, which PostgreSQL reads into such a column ignoring the "Z", and results are
 * parsed back as UTC — on this pool's own type parsers, leaving pg's globals alone.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { toPostgres } from "./compile.ts";
import { pgSettings } from "./pg-settings.ts";
import type { Dialect, Sql, SqlDatabase, SqlStats, SqlValue } from "./types.ts";

export const postgresDialect: Dialect = {
  engine: "postgresql",
  forUpdate: "FOR UPDATE",
  skipLocked: "FOR UPDATE SKIP LOCKED",
  groupConcat: (expr, sep) => `string_agg(${expr}, '${sep.replace(/'/g, "''")}')`,
  lookupJoin: (ids, idColumn, table, alias) => `${ids} d CROSS JOIN LATERAL (SELECT * FROM ${table} WHERE id = d.${idColumn} OFFSET 0) ${alias}`,
};

const TIMESTAMP_OID = 1114;

const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === TIMESTAMP_OID) return (v: string) => new Date(`${v.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((v) => (v instanceof Date ? v.toISOString() : v));
}

const names = new Map<string, string>();
/** A stable statement name per text (pg remembers which names each connection prepared). */
function nameOf(text: string): string {
  let n = names.get(text);
  if (!n) {
    n = `s_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    names.set(text, n);
  }
  return n;
}

type Queryable = Pick<pg.PoolClient, "query">;

function executor(q: Queryable, stats: SqlStats, transaction: Sql["transaction"]): Sql {
  async function rows<T>(sql: string, params: readonly SqlValue[] = []): Promise<pg.QueryResult> {
    stats.statements++;
    const text = toPostgres(sql);
    return q.query<T & pg.QueryResultRow>({ name: nameOf(text), text, values: bind(params) });
  }
  return {
    dialect: postgresDialect,
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await rows<T>(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly SqlValue[]) => (await rows<T>(sql, params)).rows[0] as T | undefined,
    run: async (sql, params) => (await rows(sql, params)).rowCount ?? 0,
    transaction,
  };
}

export interface PostgresOptions {
  /** Pool settings on top of those read from the URL. */
  pool?: pg.PoolConfig;
  /** User when the URL names none (the configuration's PGUSER). */
  defaultUser?: string;
}

export function openPostgres(url: string, opts: PostgresOptions = {}): SqlDatabase {
  const { pool: config } = pgSettings(url, { ...opts.pool, types }, opts.defaultUser);
  const pool = new pg.Pool(config);
  // An idle connection dropped by the server is replaced on the next query; it must not crash the process.
  pool.on("error", () => {});
  const stats: SqlStats = { statements: 0, transactions: 0 };

  async function transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      stats.transactions++;
      const tx: Sql = executor(client, stats, (inner) => inner(tx));
      const out = await fn(tx);
      await client.query("COMMIT");
      return out;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      // A connection that could not roll back is discarded, not reused mid-transaction.
      client.release(broken);
    }
  }

  const outer = executor(pool, stats, transaction);
  let closing: Promise<void> | null = null;
  return {
    ...outer,
    stats,
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}

/**
 * PostgreSQL connection settings shared by the store (store/sql/postgres.ts), the Prisma CLI
 * configuration (prisma.config.ts) and the test databases (test/helpers/test-db.ts).
 *
 * Works around three @prisma/adapter-pg 6.19 problems (see shared STACK.md, point 2):
 *  - columns of type `name` (OID 19) and `"char"` (OID 18) make the adapter throw
 *    "Column type 'name' could not be deserialized" (prisma/orm#27403); migrate's catalog
 *    queries return them. The pool's client class reports them as text.
 *  - the shadow database pool is built by spreading the config with another `database`,
 *    which a `connectionString` overrides (it then connects to the main database): every
 *    config here has explicit host/port/database instead.
 *  - the adapter drops its shadow database while the shadow pool is still open, which
 *    fails: our shadow factory ends the pool first.
 * Pools use `allowExitOnIdle`, so CLIs do not linger ~10 s after their last query.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgresql://") || url.startsWith("postgres://");
}

/** OIDs of `"char"` and `name`, which adapter-pg 6.19 cannot map to a column type. */
const CHAR_OID = 18;
const NAME_OID = 19;
const TEXT_OID = 25;

interface RowDescription {
  fields: { dataTypeID: number }[];
}

/**
 * A pg client that reports `name`/`"char"` columns as text. pg parses both as strings
 * already; only the type id seen by adapter-pg changes.
 */
export class NameAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const self = this as unknown as { _handleRowDescription(msg: RowDescription): void };
    const original = self._handleRowDescription;
    self._handleRowDescription = function (this: unknown, msg: RowDescription) {
      for (const f of msg.fields) if (f.dataTypeID === NAME_OID || f.dataTypeID === CHAR_OID) f.dataTypeID = TEXT_OID;
      return original.call(this, msg);
    };
  }
}

export interface PgSettings {
  /** Pool configuration with explicit host, port, user, password and database. */
  pool: pg.PoolConfig;
  /** Schema from `?schema=` (Prisma's URL convention); undefined means "public". */
  schema: string | undefined;
}

/** Quotes an SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function sslFromMode(mode: string | null): pg.PoolConfig["ssl"] | undefined {
  switch (mode) {
    case null:
    case "disable":
      return undefined;
    case "verify-ca":
    case "verify-full":
      return true;
    default:
      // require / prefer / allow: encrypted, certificate not verified (as libpq does).
      return { rejectUnauthorized: false };
  }
}

/**
 * Pool settings from a postgresql:// URL. Understands Prisma's URL parameters `schema`,
 * `connection_limit`, `connect_timeout` (s), `pool_timeout` (s), `sslmode`, plus `host`
 * (a Unix socket directory) and `application_name`.
 */
export function pgSettings(url: string, overrides: pg.PoolConfig = {}, defaultUser?: string): PgSettings {
  if (!isPostgresUrl(url)) throw new Error(`not a PostgreSQL URL: ${url.split(":")[0]}:`);
  const u = new URL(url);
  const q = u.searchParams;
  const num = (name: string): number | undefined => {
    const v = q.get(name);
    if (v === null || v === "") return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`DATABASE_URL: ${name}=${v} is not a number`);
    return n;
  };
  const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
  const connectTimeout = num("connect_timeout");
  const poolTimeout = num("pool_timeout");
  const ssl = sslFromMode(q.get("sslmode"));
  const schema = q.get("schema") || undefined;
  const pool: pg.PoolConfig = {
    host: q.get("host") || u.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost",
    port: u.port ? Number(u.port) : 5432,
    // The configuration's PGUSER (bot/config.ts) when the URL names no user.
    user: decodeURIComponent(u.username) || defaultUser || "postgres",
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    database,
    ...(ssl !== undefined ? { ssl } : {}),
    application_name: q.get("application_name") || "tro-ly-hdnd",
    // Prisma's default pool size is num_cpus * 2 + 1; 10 (pg's default) serves one bot process.
    max: num("connection_limit") || 10,
    // Waiting for a connection (or for the server) fails after this instead of hanging.
    connectionTimeoutMillis: ((poolTimeout ?? connectTimeout ?? 10) || 0) * 1000,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
    // Unqualified names (raw SQL, migrations) resolve in the chosen schema.
    ...(schema ? { options: `-c search_path=${ident(schema)}` } : {}),
    ...overrides,
  };
  return { pool, schema };
}

/** The driver adapter factory for the runtime client. */
export function pgAdapter(url: string, overrides: pg.PoolConfig = {}, defaultUser?: string): PrismaPg {
  const { pool, schema } = pgSettings(url, { Client: NameAsTextClient, ...overrides }, defaultUser);
  return new PrismaPg(pool, schema ? { schema } : undefined);
}

/**
 * The adapter factory for the Prisma CLI (migrate deploy/diff/status): the runtime one,
 * plus a shadow database that is created on the same server and dropped after its pool.
 */
export function pgMigrationAdapter(url: string, defaultUser?: string): SqlMigrationAwareDriverAdapterFactory {
  const { pool } = pgSettings(url, { Client: NameAsTextClient }, defaultUser);
  const main = pgAdapter(url, {}, defaultUser);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const admin = new pg.Pool({ ...pool, max: 1, options: undefined });
      const name = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
      await admin.query(`CREATE DATABASE ${ident(name)}`);
      const adapter = await new PrismaPg({ ...pool, database: name, options: undefined }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        try {
          await dispose(); // ends the shadow pool first: DROP DATABASE needs it closed
          await admin.query(`DROP DATABASE IF EXISTS ${ident(name)}`);
        } finally {
          await admin.end();
        }
      };
      return adapter;
    },
  };
}

/** Creates `database` on the server of `url` when it does not exist yet. */
export async function ensurePgDatabase(url: string): Promise<void> {
  const { pool } = pgSettings(url);
  const database = pool.database!;
  const admin = new pg.Client({ ...pool, database: "postgres", options: undefined } as pg.ClientConfig);
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${ident(database)}`).catch((err: { code?: string }) => {
        if (err.code !== "42P04") throw err; // created concurrently
      });
    }
  } finally {
    await admin.end();
  }
}

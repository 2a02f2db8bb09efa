/**
 * A fresh database per createTestDb() call, on the engine the run is for:
 *  - SQLite (default): a temp file with every prisma/migrations script applied directly
 *    through better-sqlite3 (no Prisma CLI, so it is fast and offline);
 *  - PostgreSQL, when TEST_DATABASE=postgres (or TEST_PG_URL is set): a new schema in the
 *    test database on TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432/tro_ly_hdnd_test),
 *    with every prisma/postgres/migrations script applied; cleanup drops the schema.
 * Either way the URL opens more clients (or child processes) on the same data.
 */
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { PrismaClient as PgPrismaClient } from "../../generated/prisma-pg/client.ts";
import { openStore, type Store } from "../../store/index.ts";
import { ensurePgDatabase, ident, pgAdapter, pgSettings } from "../../store/sql/pg-settings.ts";

const PRISMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma");
const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
const PG_MIGRATIONS_DIR = path.join(PRISMA_DIR, "postgres", "migrations");

export const DEFAULT_TEST_PG_URL = "postgresql://postgres@127.0.0.1:5432/tro_ly_hdnd_test";

/**
 * A Prisma client on a test database: an independent reader (and fixture writer) that
 * checks the rows the store wrote. The product itself reads and writes through the store.
 */
export type Inspector = PrismaClient;

/** An inspector on the database at `url` (SQLite `file:` or PostgreSQL). */
export function openInspector(url: string): Inspector {
  if (url.startsWith("file:")) {
    // DateTime as integer milliseconds, as the store writes it.
    return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: url.slice(5), timeout: 10_000 }, { timestampFormat: "unixepoch-ms" }) });
  }
  // The PostgreSQL client has the same model API (generated from the same models).
  return new PgPrismaClient({ adapter: pgAdapter(url) }) as unknown as PrismaClient;
}

export interface TestDb {
  /** The store under test. */
  db: Store;
  /** Prisma on the same database, to check rows independently of the store. */
  prisma: Inspector;
  /** URL of the database (`file:` or `postgresql://…?schema=…`), to open more clients on the same data. */
  url: string;
  /** Disconnects the client and deletes the database (temp directory or schema). */
  cleanup: () => Promise<void>;
}

export type TestEngine = "sqlite" | "postgresql";

/** The engine of this test run: TEST_DATABASE=postgres|postgresql, or TEST_PG_URL set. */
export function testEngine(env: NodeJS.ProcessEnv = process.env): TestEngine {
  const wanted = (env.TEST_DATABASE ?? "").trim().toLowerCase();
  if (wanted === "postgres" || wanted === "postgresql" || wanted === "pg") return "postgresql";
  if (wanted === "" && env.TEST_PG_URL) return "postgresql";
  return "sqlite";
}

/** Server/database the PostgreSQL tests use. */
export function testPgUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEST_PG_URL || DEFAULT_TEST_PG_URL;
}

function migrationScripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((folder) => readFileSync(path.join(dir, folder, "migration.sql"), "utf8"));
}

/** Applies every prisma/migrations/<name>/migration.sql, in folder-name order. */
export function applyMigrations(file: string): void {
  const sqlite = new Database(file);
  try {
    // exec runs a multi-statement script, unlike prepare().
    for (const script of migrationScripts(MIGRATIONS_DIR)) sqlite.exec(script);
  } finally {
    sqlite.close();
  }
}

/**
 * RAM-backed /dev/shm when the machine has it: every commit fsyncs, and on slow disks
 * that alone made one filing cost ~200 ms. Durability is not what these tests check.
 */
function tempRoot(): string {
  try {
    accessSync("/dev/shm", constants.W_OK);
    return "/dev/shm";
  } catch {
    return os.tmpdir();
  }
}

async function createSqliteTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tempRoot(), "tro-ly-hdnd-test-"));
  const file = path.join(dir, "test.db");
  applyMigrations(file);
  const url = `file:${file}`;
  const db = openStore(url);
  const prisma = openInspector(url);
  return {
    db,
    prisma,
    url,
    cleanup: async () => {
      await db.close();
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------ PostgreSQL

/** Schemas are named test_<creation time, base 36>_<pid>_<random>. */
const SCHEMA_PREFIX = "test_";
/** Schemas left behind by a crashed run are dropped once they are this old. */
const STALE_MS = 6 * 3600_000;

let admin: Promise<pg.Pool> | null = null;

/** One small pool per test process for creating and dropping schemas. */
function adminPool(): Promise<pg.Pool> {
  admin ??= (async () => {
    const base = testPgUrl();
    await ensurePgDatabase(base);
    const { pool: config } = pgSettings(base, { max: 2, application_name: "tro-ly-hdnd-tests" });
    const pool = new pg.Pool(config);
    pool.on("error", () => {}); // an idle admin connection dropped by the server is not a test failure
    await dropStaleSchemas(pool);
    return pool;
  })();
  return admin;
}

async function dropStaleSchemas(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'test\\_%'");
  for (const { nspname } of rows) {
    const born = parseInt(nspname.slice(SCHEMA_PREFIX.length).split("_")[0] ?? "", 36);
    if (Number.isFinite(born) && Date.now() - born > STALE_MS) {
      await pool.query(`DROP SCHEMA IF EXISTS ${ident(nspname)} CASCADE`).catch(() => {});
    }
  }
}

/** `base` with `?schema=` set (other parameters kept). */
function withSchema(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set("schema", schema);
  return u.toString();
}

/** Creates a schema holding the PostgreSQL migrations; returns its name and URL. */
export async function createPgSchema(): Promise<{ schema: string; url: string }> {
  const pool = await adminPool();
  const schema = `${SCHEMA_PREFIX}${Date.now().toString(36)}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`CREATE SCHEMA ${ident(schema)}`);
    await client.query(`SET LOCAL search_path TO ${ident(schema)}`);
    // The simple query protocol runs a whole multi-statement script.
    for (const script of migrationScripts(PG_MIGRATIONS_DIR)) await client.query(script);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return { schema, url: withSchema(testPgUrl(), schema) };
}

export async function dropPgSchema(schema: string): Promise<void> {
  const pool = await adminPool();
  await pool.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`);
}

async function createPgTestDb(): Promise<TestDb> {
  const { schema, url } = await createPgSchema();
  const db = openStore(url);
  const prisma = openInspector(url);
  return {
    db,
    prisma,
    url,
    cleanup: async () => {
      try {
        await db.close();
        await prisma.$disconnect();
      } finally {
        await dropPgSchema(schema);
      }
    },
  };
}

/** True when a PostgreSQL server answers at `url` (used to skip PostgreSQL-only tests). */
export async function pgReachable(url: string = testPgUrl(), timeoutMs = 2_000): Promise<boolean> {
  const { pool: config } = pgSettings(url);
  const client = new pg.Client({ ...config, database: "postgres", connectionTimeoutMillis: timeoutMs, options: undefined } as pg.ClientConfig);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function createTestDb(): Promise<TestDb> {
  return testEngine() === "postgresql" ? createPgTestDb() : createSqliteTestDb();
}

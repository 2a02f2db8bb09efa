#!/usr/bin/env node
// Prepares a checkout to run: generates both Prisma clients (SQLite and PostgreSQL; the
// code imports both, createDb picks one from DATABASE_URL) and applies the migrations of
// the engine DATABASE_URL names.
// Fast path: skipped when the schemas and migrations are unchanged since the last run
// against the same database (for PostgreSQL: and the database has every migration), so
// every CLI can call it before starting.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { PG_MIGRATIONS, PG_SCHEMA, SQLITE_MIGRATIONS, SQLITE_SCHEMA, postgresSchemaInSync } from "./prisma-postgres.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const url = process.env.DATABASE_URL ?? "file:./data/tro-ly-hdnd.db";
const postgres = url.startsWith("postgresql://") || url.startsWith("postgres://");
if (!postgres && !url.startsWith("file:")) {
  process.stderr.write(`DATABASE_URL không hợp lệ / unsupported DATABASE_URL: ${url.split(":")[0]}: (expected file:... or postgresql://...)\n`);
  process.exit(2);
}

function migrationNames(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

const h = createHash("sha256");
for (const f of [SQLITE_SCHEMA, PG_SCHEMA]) h.update(f).update(existsSync(f) ? readFileSync(f) : "");
for (const dir of [SQLITE_MIGRATIONS, PG_MIGRATIONS]) {
  for (const d of migrationNames(dir)) h.update(d).update(readFileSync(path.join(dir, d, "migration.sql")));
}
h.update(url);
const stamp = h.digest("hex");
const dataDir = path.resolve(process.env.DATA_DIR ?? "data");
const stampFile = path.join(dataDir, `.setup-${createHash("sha256").update(url).digest("hex").slice(0, 12)}`);
const dbFile = url.startsWith("file:") ? path.resolve(url.slice(5)) : null;

/** A pg client for the server of DATABASE_URL (same URL reading as bot/store/postgres.ts). */
async function pgClient(database) {
  const { default: pg } = await import("pg");
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode");
  return new pg.Client({
    host: u.searchParams.get("host") || u.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || process.env.PGUSER || "postgres",
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database ?? (decodeURIComponent(u.pathname.slice(1)) || "postgres"),
    ...(sslmode && sslmode !== "disable" ? { ssl: sslmode.startsWith("verify") ? true : { rejectUnauthorized: false } } : {}),
    connectionTimeoutMillis: 5_000,
  });
}
const quote = (name) => `"${name.replace(/"/g, '""')}"`;

/** Names of the migrations recorded as applied in the PostgreSQL database (null: unknown). */
async function appliedPgMigrations() {
  const schema = new URL(url).searchParams.get("schema") || "public";
  const client = await pgClient();
  try {
    await client.connect();
    const r = await client.query(
      `SELECT migration_name FROM ${quote(schema)}."_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    return new Set(r.rows.map((row) => row.migration_name));
  } catch {
    return null; // unreachable, no database or no migrations table yet: run the slow path
  } finally {
    await client.end().catch(() => {});
  }
}

/** migrate deploy needs the database (and the `?schema=`) to exist: create them if missing. */
async function ensurePgDatabase() {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.slice(1)) || "postgres";
  const schema = u.searchParams.get("schema");
  const admin = await pgClient("postgres");
  try {
    await admin.connect();
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${quote(database)}`).catch((err) => {
        if (err.code !== "42P04") throw err; // created meanwhile by another process
      });
      process.stdout.write(`created PostgreSQL database ${database}\n`);
    }
  } catch (err) {
    // Not fatal here (e.g. no access to the "postgres" database): migrate deploy reports
    // what is really wrong.
    process.stderr.write(`setup: could not check/create database ${database}: ${err.message}\n`);
  } finally {
    await admin.end().catch(() => {});
  }
  if (!schema) return;
  const client = await pgClient();
  try {
    await client.connect();
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(schema)}`);
  } catch (err) {
    process.stderr.write(`setup: could not create schema ${schema}: ${err.message}\n`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function isFresh() {
  if (process.argv.includes("--force")) return false;
  if (!existsSync("generated/prisma/client.ts") || !existsSync("generated/prisma-pg/client.ts")) return false;
  if (!existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) return false;
  if (dbFile !== null) return existsSync(dbFile);
  const applied = await appliedPgMigrations();
  return applied !== null && migrationNames(PG_MIGRATIONS).every((m) => applied.has(m));
}

if (await isFresh()) process.exit(0);

if (!postgresSchemaInSync()) {
  process.stderr.write(
    `${PG_SCHEMA} không khớp với ${SQLITE_SCHEMA} / is out of step with ${SQLITE_SCHEMA}.\n` +
      `Chạy / run: node scripts/prisma-postgres.mjs (and add the PostgreSQL migration: see that script's header).\n`,
  );
  process.exit(1);
}

// The Prisma CLI straight from node_modules (npx would add its own start-up and warnings).
const prismaCli = path.join(root, "node_modules", "prisma", "build", "index.js");
function run(args, databaseUrl) {
  const [cmd, argv] = existsSync(prismaCli) ? [process.execPath, [prismaCli, ...args]] : ["npx", ["--no-install", "prisma", ...args]];
  const r = spawnSync(cmd, argv, { encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl } });
  if (r.status !== 0) {
    process.stderr.write((r.stdout ?? "") + (r.stderr ?? "") + (r.error ? String(r.error) : ""));
    process.stderr.write(`\nLỗi khi chạy prisma ${args.join(" ")} (xem thông báo ở trên).\n`);
    process.exit(r.status ?? 1);
  }
}

// prisma.config.ts picks schema and adapter from DATABASE_URL; `generate` never connects,
// so each client is generated under a placeholder URL of its engine.
run(["generate"], "file::memory:");
run(["generate"], "postgresql://generate-only.invalid/unused");
if (postgres) await ensurePgDatabase();
run(["migrate", "deploy"], url);
mkdirSync(dataDir, { recursive: true });
writeFileSync(stampFile, stamp);

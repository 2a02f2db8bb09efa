/**
 * Prisma CLI configuration. The JS schema engine with a driver adapter keeps every
 * migrate/generate command offline (the classic engine downloads a native binary).
 * A config file turns off Prisma's .env loading, so DATABASE_URL gets its default here.
 *
 * DATABASE_URL picks the engine: `file:` → prisma/schema.prisma, prisma/migrations and
 * better-sqlite3; `postgresql://` → the derived prisma/postgres/schema.prisma (see
 * scripts/prisma-postgres.mjs), prisma/postgres/migrations and adapter-pg.
 * (`--schema` on the command line still overrides the schema, e.g. for `generate`.)
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { isPostgresUrl, pgMigrationAdapter } from "./store/sql/pg-settings.ts";

const DEFAULT_URL = "file:./data/tro-ly-hdnd.db";
process.env.DATABASE_URL ??= DEFAULT_URL;
const url = process.env.DATABASE_URL;
const postgres = isPostgresUrl(url);
if (url.startsWith("file:")) mkdirSync(path.dirname(path.resolve(url.slice("file:".length))), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: postgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations") },
  adapter: async () => (postgres ? pgMigrationAdapter(url, process.env.PGUSER) : new PrismaBetterSQLite3({ url })),
});

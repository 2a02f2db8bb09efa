/**
 * Prisma CLI configuration. The JS schema engine with a driver adapter keeps every
 * migrate/generate command offline (the classic engine downloads a native binary).
 * A config file turns off Prisma's .env loading, so DATABASE_URL gets its default here.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const DEFAULT_URL = "file:./data/tro-ly-hdnd.db";
process.env.DATABASE_URL ??= DEFAULT_URL;
const url = process.env.DATABASE_URL;
if (url.startsWith("file:")) mkdirSync(path.dirname(path.resolve(url.slice("file:".length))), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});

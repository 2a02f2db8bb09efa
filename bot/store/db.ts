/**
 * Prisma client factory. SQLite through the better-sqlite3 driver adapter is the
 * embedded default; PostgreSQL support comes through the pg adapter (scale-out).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.ts";

export type Db = PrismaClient;
export const DEFAULT_DATABASE_URL = "file:./data/tro-ly-hdnd.db";

/** Opens a Prisma client for a `file:` SQLite URL (the directory is created if missing). */
export function createDb(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Db {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL không hợp lệ / unsupported DATABASE_URL: ${url.split(":")[0]}: (expected file:...)`);
  }
  const file = url.slice("file:".length);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: file }, { timestampFormat: "unixepoch-ms" });
  return new PrismaClient({ adapter });
}

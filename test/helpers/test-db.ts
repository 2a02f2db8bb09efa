/**
 * Per-test-file SQLite database: a temp file with every migration applied directly
 * through better-sqlite3 (no Prisma CLI, so it is fast and offline).
 */
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { createDb, type Db } from "../../bot/store/db.ts";

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

export interface TestDb {
  db: Db;
  /** `file:` URL of the database, to open more clients on the same file. */
  url: string;
  /** Disconnects the client and deletes the temp directory. */
  cleanup: () => Promise<void>;
}

/** Applies every prisma/migrations/<name>/migration.sql, in folder-name order. */
export function applyMigrations(file: string): void {
  const folders = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const sqlite = new Database(file);
  try {
    for (const folder of folders) {
      // exec runs a multi-statement script, unlike prepare().
      sqlite.exec(readFileSync(path.join(MIGRATIONS_DIR, folder, "migration.sql"), "utf8"));
    }
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

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tempRoot(), "tro-ly-hdnd-test-"));
  const file = path.join(dir, "test.db");
  applyMigrations(file);
  const url = `file:${file}`;
  const db = createDb(url);
  return {
    db,
    url,
    cleanup: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

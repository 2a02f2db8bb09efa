#!/usr/bin/env node
// Prepares a checkout to run: generates the Prisma client and applies migrations.
// Fast path: skipped when the schema and migrations are unchanged since the last run
// against the same database, so every CLI can call it before starting.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const url = process.env.DATABASE_URL ?? "file:./data/tro-ly-hdnd.db";
const migrationsDir = "prisma/migrations";
const h = createHash("sha256");
h.update(readFileSync("prisma/schema.prisma"));
for (const d of readdirSync(migrationsDir).sort()) {
  const f = path.join(migrationsDir, d, "migration.sql");
  if (existsSync(f)) h.update(d).update(readFileSync(f));
}
h.update(url);
const stamp = h.digest("hex");
const dataDir = path.resolve(process.env.DATA_DIR ?? "data");
const stampFile = path.join(dataDir, `.setup-${createHash("sha256").update(url).digest("hex").slice(0, 12)}`);
const dbFile = url.startsWith("file:") ? path.resolve(url.slice(5)) : null;
const fresh =
  existsSync("generated/prisma/client.ts") &&
  existsSync(stampFile) &&
  readFileSync(stampFile, "utf8") === stamp &&
  (dbFile === null || existsSync(dbFile));
if (fresh && !process.argv.includes("--force")) process.exit(0);

function run(args) {
  const r = spawnSync("npx", ["--no-install", "prisma", ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: url } });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    process.stderr.write(`\nLỗi khi chạy prisma ${args.join(" ")} (xem thông báo ở trên).\n`);
    process.exit(r.status ?? 1);
  }
}
run(["generate"]);
run(["migrate", "deploy"]);
mkdirSync(dataDir, { recursive: true });
writeFileSync(stampFile, stamp);

#!/usr/bin/env node
// Derives prisma/postgres/schema.prisma from prisma/schema.prisma: the datasource provider
// becomes "postgresql" and the client is generated into generated/prisma-pg; nothing else
// changes. Prisma refuses env() in `provider`, so PostgreSQL needs its own schema file (and
// its own migrations folder, prisma/postgres/migrations). The output is deterministic and
// committed; test/store/postgres-schema.test.ts fails when it is out of step.
//
//   node scripts/prisma-postgres.mjs           write prisma/postgres/schema.prisma if it changed
//   node scripts/prisma-postgres.mjs --check   exit 1 when the committed copy is stale
//   node scripts/prisma-postgres.mjs --out F   write the derived schema to F instead
//
// After changing prisma/schema.prisma: add the SQLite migration as usual, run this script,
// then author the PostgreSQL migration with the same folder name (PostgreSQL reachable):
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx prisma migrate diff \
//     --from-migrations prisma/postgres/migrations \
//     --to-schema-datamodel prisma/postgres/schema.prisma --script \
//     > prisma/postgres/migrations/<same name as the SQLite one>/migration.sql
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const PG_SCHEMA = "prisma/postgres/schema.prisma";
export const SQLITE_MIGRATIONS = "prisma/migrations";
export const PG_MIGRATIONS = "prisma/postgres/migrations";

const HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/prisma-postgres.mjs: do not edit.\n" +
  "// Differences: datasource provider \"postgresql\", client output ../../generated/prisma-pg.\n\n";

/** Replaces `key = "from"` with `key = "to"` inside the `kind name { … }` block, exactly once. */
function rewriteInBlock(text, kind, key, from, to) {
  const block = new RegExp(`^${kind}\\s+\\w+\\s*\\{[^}]*\\}`, "m");
  const m = block.exec(text);
  if (!m) throw new Error(`prisma-postgres: no ${kind} block in ${SQLITE_SCHEMA}`);
  const line = new RegExp(`^(\\s*${key}\\s*=\\s*)"${from.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"`, "m");
  if (!line.test(m[0])) throw new Error(`prisma-postgres: expected ${key} = "${from}" in the ${kind} block of ${SQLITE_SCHEMA}`);
  const replaced = m[0].replace(line, `$1"${to}"`);
  return text.slice(0, m.index) + replaced + text.slice(m.index + m[0].length);
}

/** The PostgreSQL schema text for a SQLite schema text. */
export function derivePostgresSchema(sqliteSchema) {
  let out = sqliteSchema.replace(/\r\n/g, "\n");
  out = rewriteInBlock(out, "datasource", "provider", "sqlite", "postgresql");
  out = rewriteInBlock(out, "generator", "output", "../generated/prisma", "../../generated/prisma-pg");
  return HEADER + out;
}

/** Derived text for the schema currently in the checkout. */
export function currentDerivedSchema(root = ROOT) {
  return derivePostgresSchema(readFileSync(path.join(root, SQLITE_SCHEMA), "utf8"));
}

/** True when prisma/postgres/schema.prisma matches prisma/schema.prisma. */
export function postgresSchemaInSync(root = ROOT) {
  const file = path.join(root, PG_SCHEMA);
  return existsSync(file) && readFileSync(file, "utf8") === currentDerivedSchema(root);
}

function main(argv) {
  const derived = currentDerivedSchema();
  if (argv.includes("--check")) {
    if (postgresSchemaInSync()) return 0;
    process.stderr.write(`${PG_SCHEMA} is out of step with ${SQLITE_SCHEMA}: run node scripts/prisma-postgres.mjs\n`);
    return 1;
  }
  const outIdx = argv.indexOf("--out");
  const target = outIdx >= 0 ? path.resolve(argv[outIdx + 1] ?? "") : path.join(ROOT, PG_SCHEMA);
  if (existsSync(target) && readFileSync(target, "utf8") === derived) return 0;
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, derived);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target) || target}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(main(process.argv.slice(2)));
}

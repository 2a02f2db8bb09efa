/**
 * The PostgreSQL schema and migrations are source files derived from prisma/schema.prisma
 * (see scripts/prisma-postgres.mjs): these tests fail when they are out of step with it.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derivePostgresSchema } from "../../scripts/prisma-postgres.mjs";
import { ensurePgDatabase } from "../../store/sql/pg-settings.ts";
import { pgReachable, testPgUrl } from "../helpers/test-db.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const at = (...p: string[]) => path.join(ROOT, ...p);
const read = (...p: string[]) => readFileSync(at(...p), "utf8");
const FIX = "run `node scripts/prisma-postgres.mjs` and commit prisma/postgres/schema.prisma";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "tro-ly-hdnd-pg-schema-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? -1, out }));
  });
}

const migrationFolders = (dir: string) =>
  readdirSync(at(dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

describe("derived PostgreSQL schema", () => {
  it("is prisma/schema.prisma with only the provider and the client output changed", () => {
    const derived = derivePostgresSchema(read("prisma", "schema.prisma"));
    expect(read("prisma", "postgres", "schema.prisma"), FIX).toBe(derived);
    expect(derived).toMatch(/datasource db \{[^}]*provider\s*=\s*"postgresql"/);
    expect(derived).toMatch(/generator client \{[^}]*output\s*=\s*"\.\.\/\.\.\/generated\/prisma-pg"/);
    // Same text otherwise: drop the header and undo the two rewrites.
    const back = derived
      .replace(/^(\/\/[^\n]*\n)+\n/, "")
      .replace('provider = "postgresql"', 'provider = "sqlite"')
      .replace('"../../generated/prisma-pg"', '"../generated/prisma"');
    expect(back).toBe(read("prisma", "schema.prisma").replace(/\r\n/g, "\n"));
  });

  it("is what the script writes (deterministic), and --check agrees", async () => {
    const out = path.join(tmp, "schema.prisma");
    const written = await run(process.execPath, [at("scripts", "prisma-postgres.mjs"), "--out", out]);
    expect(written.code, written.out).toBe(0);
    expect(readFileSync(out, "utf8"), FIX).toBe(read("prisma", "postgres", "schema.prisma"));
    const check = await run(process.execPath, [at("scripts", "prisma-postgres.mjs"), "--check"]);
    expect(check.code, check.out).toBe(0);
  });

  it("detects a change it was not given", () => {
    const changed = read("prisma", "schema.prisma").replace("model ChatSession {", "model ChatSession {\n  extra String?");
    expect(derivePostgresSchema(changed)).not.toBe(read("prisma", "postgres", "schema.prisma"));
    expect(() => derivePostgresSchema(changed.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/provider/);
  });
});

describe("PostgreSQL migrations", () => {
  it("has one migration per SQLite migration, with the same folder name", () => {
    const sqlite = migrationFolders("prisma/migrations");
    const postgres = migrationFolders("prisma/postgres/migrations");
    expect(postgres, "every prisma/migrations/<name> needs prisma/postgres/migrations/<name> (see scripts/prisma-postgres.mjs)").toEqual(sqlite);
    for (const name of postgres) expect(existsSync(at("prisma", "postgres", "migrations", name, "migration.sql")), name).toBe(true);
    expect(read("prisma", "postgres", "migrations", "migration_lock.toml")).toMatch(/provider = "postgresql"/);
  });

  // `migrate diff --from-migrations` replays the migrations into a shadow database, so it
  // needs a PostgreSQL server; the rest of this file works offline.
  it("replay to exactly the derived schema (prisma migrate diff --exit-code)", async (ctx) => {
    const url = testPgUrl();
    if (!(await pgReachable(url))) {
      console.warn(`!!! PostgreSQL unreachable at ${new URL(url).host}: migrations-vs-schema check SKIPPED !!!`);
      ctx.skip();
    }
    await ensurePgDatabase(url);
    const cli = at("node_modules", "prisma", "build", "index.js");
    const diff = (schema: string) =>
      run(process.execPath, [cli, "migrate", "diff", "--from-migrations", "prisma/postgres/migrations", "--to-schema-datamodel", schema, "--exit-code"], {
        DATABASE_URL: url,
      });
    // A schema with one more column must be reported as a difference (exit code 2).
    const drifted = path.join(tmp, "drifted.prisma");
    writeFileSync(drifted, read("prisma", "postgres", "schema.prisma").replace("model ChatSession {", "model ChatSession {\n  extra String?"));
    const [same, other] = await Promise.all([diff("prisma/postgres/schema.prisma"), diff(drifted)]);
    expect(same.code, `PostgreSQL migrations differ from prisma/postgres/schema.prisma:\n${same.out}`).toBe(0);
    expect(same.out).toContain("No difference detected");
    expect(other.code, other.out).toBe(2);
    expect(other.out).toMatch(/extra/);
  }, 180_000);
});

/**
 * Configuration is read once: only bot/config.ts reads the environment (loadConfig) and
 * every other module of the product takes its settings from the Config it returns, so the
 * bot and the scripts (eval classify --llm, report…) run one set-up with one set of defaults.
 * Scripts and tests may read process.env (to pass it on to child processes or loadConfig).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PRODUCT_DIRS = ["bot", "rag", "store", "web", "lib"];
const ALLOWED = new Set(["bot/config.ts"]);
/**
 * Reads not yet routed through the configuration, in files whose owner is changing them;
 * the last test fails once an entry is no longer needed, so the list can only shrink.
 */
const PENDING = new Map<string, string>([]);

const ENV_READ = [
  /\bprocess\s*(?:\.|\?\.)\s*env\b/,
  /\bprocess\s*\[\s*["'`]env["'`]\s*\]/,
  /\bimport\s*\{[^}]*\benv\b[^}]*\}\s*from\s*["'](?:node:)?process["']/,
  /\bDeno\.env\b|\bimport\.meta\.env\b/,
];

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) walk(rel, out);
    else if (/\.(?:[cm]?ts|[cm]?js)$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** Comments may mention process.env; only code counts. */
const stripComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

function envReaders(): string[] {
  return PRODUCT_DIRS.flatMap((d) => walk(d)).filter((f) => ENV_READ.some((re) => re.test(stripComments(readFileSync(path.join(ROOT, f), "utf8")))));
}

describe("configuration is read once", () => {
  it("finds what it looks for (the check is not vacuous)", () => {
    expect(envReaders()).toContain("bot/config.ts");
    for (const snippet of ["const x = process.env.X;", "process?.env", 'process["env"]', 'import { env } from "node:process";'])
      expect(ENV_READ.some((re) => re.test(stripComments(snippet))), snippet).toBe(true);
    expect(ENV_READ.some((re) => re.test(stripComments("// process.env is read in bot/config.ts")))).toBe(false);
  });

  it("no module under bot/, rag/, store/, web/ or lib/ reads the environment but bot/config.ts", () => {
    const offenders = envReaders().filter((f) => !ALLOWED.has(f) && !PENDING.has(f));
    expect(offenders, "take the value from loadConfig() (bot/config.ts) instead").toEqual([]);
  });

  it("every pending exception still reads the environment (remove it from PENDING once fixed)", () => {
    const readers = new Set(envReaders());
    for (const f of PENDING.keys()) expect(readers.has(f), f).toBe(true);
  });
});

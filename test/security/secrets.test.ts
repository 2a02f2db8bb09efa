/**
 * Secrets hygiene: no hard-coded tokens or keys in the source (bot/, rag/, scripts/),
 * secrets come only from the environment, every setting bot/config.ts reads is documented
 * in .env.example (with secret values left empty), and a filled-in .env is never tracked.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { envSchema } from "../../bot/config.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SOURCE_DIRS = ["bot", "rag", "scripts"];
const TEXT_EXT = /\.(ts|mts|cts|js|mjs|cjs|json|ya?ml|sh|md|txt|sql|toml|env)$/i;

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) walk(rel, out);
    else out.push(rel);
  }
  return out;
}

/**
 * Tracked files, plus new files not ignored (they are about to be committed); a plain
 * directory walk when git is not available (e.g. an exported tarball).
 */
function sourceFiles(): string[] {
  const listed = git(["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", ...SOURCE_DIRS]);
  const files = listed !== null ? listed.split("\0").filter(Boolean) : SOURCE_DIRS.flatMap((d) => walk(d));
  return files.filter((f) => TEXT_EXT.test(f) && existsSync(path.join(ROOT, f)) && statSync(path.join(ROOT, f)).size < 2_000_000);
}

const SECRET_PATTERNS: Array<[string, RegExp]> = [
  ["Telegram bot token", /\b\d{8,10}:[A-Za-z0-9_-]{35}\b/],
  ["OpenAI key", /\bsk-(?:proj-|live-|test-)?[A-Za-z0-9_-]{20,}/],
  ["AWS access key", /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["Google API key", /\bAIza[0-9A-Za-z_-]{35}\b/],
  ["GitHub token", /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,})\b/],
  ["Slack token", /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["JWT", /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ["URL with a password", /\b(?:postgres(?:ql)?|mysql|redis|amqp|mongodb(?:\+srv)?|https?):\/\/[^\s:/"'`@]+:[^\s@"'`$<{]{3,}@/i],
  [
    "credential assigned a literal",
    /\b\w*?(?:api[_-]?key|apikey|secret|token|password|passwd|pwd|cookie|imei|bearer)["'`]?\s*[:=]\s*["'`][A-Za-z0-9+/_.=:-]{12,}["'`]/i,
  ],
  ["Authorization header literal", /authorization["'`]?\s*[:=]\s*["'`](?:Bearer|Basic)\s+[A-Za-z0-9+/_.=-]{12,}/i],
];

/**
 * Values that say they are not secrets (fakes for benches and local endpoints). Only the
 * generic "name = literal" rule honours them; a real token format is flagged regardless.
 */
const PLACEHOLDER = /not-needed|test|fake|dummy|example|bench|placeholder|changeme|your[-_]|xxxx/i;
const isPlaceholder = (kind: string, match: string) => kind === "credential assigned a literal" && PLACEHOLDER.test(match);

describe("no hard-coded secrets in bot/, rag/, scripts/", () => {
  const files = sourceFiles();

  it("finds the source to scan", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain(path.join("bot", "config.ts"));
  });

  it("no token, key, private key or password literal", () => {
    const hits: string[] = [];
    for (const f of files) {
      const lines = readFileSync(path.join(ROOT, f), "utf8").split("\n");
      lines.forEach((line, i) => {
        for (const [kind, re] of SECRET_PATTERNS) {
          const m = re.exec(line);
          if (m && !isPlaceholder(kind, m[0])) hits.push(`${f}:${i + 1} ${kind}: ${line.trim().slice(0, 120)}`);
        }
      });
    }
    expect(hits).toEqual([]);
  });

  it("the patterns do catch real-looking secrets (so the scan is not vacuous)", () => {
    const samples = [
      `const token = "1234567890:AAHk3jd8Fh2kLm9Qw0ErTy6UiOp4AsDfGhJ";`,
      `apiKey: "sk-proj-9sD8f7G6h5J4k3L2m1N0bV9cX8zQ7wE6r"`,
      `DATABASE_URL=postgresql://hdnd:S3cretPass@db.internal:5432/hdnd`,
      `-----BEGIN RSA PRIVATE KEY-----`,
      `ZALO_COOKIE: "a8f7d6s5a4f3d2s1a0f9"`,
    ];
    for (const s of samples) expect(SECRET_PATTERNS.some(([, re]) => re.test(s) && !isPlaceholder("", re.exec(s)![0])), s).toBe(true);
    // And leave ordinary code alone.
    for (const s of [`apiKey: cfg.apiKey ?? "not-needed",`, `const url = "postgresql://localhost/hdnd";`, `TELEGRAM_BOT_TOKEN: optionalString,`, `const TOKEN = "123456:bench-load";`]) {
      expect(SECRET_PATTERNS.some(([kind, re]) => re.test(s) && !isPlaceholder(kind, re.exec(s)![0])), s).toBe(false);
    }
  });

  it("a filled-in .env is git-ignored and not tracked; no credential files are tracked", () => {
    const tracked = git(["ls-files", "-z"]);
    if (tracked === null) return; // not a git checkout
    const all = tracked.split("\0").filter(Boolean);
    expect(all.filter((f) => /(^|\/)\.env(\.(?!example$)[^/]*)?$/.test(f))).toEqual([]);
    expect(all.filter((f) => /\.(pem|key|p12|pfx)$|(^|\/)(credentials|zalo[-_]?cred[^/]*)\.json$/i.test(f))).toEqual([]);
    expect(git(["check-ignore", "-q", ".env"]), ".env must be in .gitignore").not.toBeNull();
  });
});

// ------------------------------------------------------------------ configuration docs

const EXAMPLE = readFileSync(path.join(ROOT, ".env.example"), "utf8");
/** KEY → value as written in .env.example (commented-out entries count as documented). */
const documented = new Map(
  [...EXAMPLE.matchAll(/^\s*#?\s*([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()] as const),
);

/** Names read from an environment object in a source text: env.X, process.env.X, env["X"]. */
function envReads(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/\benv\s*(?:\.\s*([A-Z][A-Z0-9_]*)|\[\s*["'`]([A-Z][A-Z0-9_]*)["'`]\s*\])/g)) names.add((m[1] ?? m[2])!);
  return [...names].sort();
}

describe("configuration is documented", () => {
  const schemaKeys = Object.keys(envSchema.shape).sort();
  const configSource = readFileSync(path.join(ROOT, "bot", "config.ts"), "utf8");

  it("every variable bot/config.ts reads is in .env.example", () => {
    const read = [...new Set([...schemaKeys, ...envReads(configSource)])].sort();
    expect(read.length).toBeGreaterThan(20);
    expect(read.filter((k) => !documented.has(k))).toEqual([]);
  });

  it("and .env.example documents nothing the configuration does not read", () => {
    expect([...documented.keys()].filter((k) => !schemaKeys.includes(k))).toEqual([]);
  });

  it("secret settings are left empty in .env.example", () => {
    const SECRET = /TOKEN|KEY$|SECRET|PASSWORD|COOKIE|IMEI/;
    const filled = [...documented].filter(([k, v]) => SECRET.test(k) && v !== "");
    expect(filled).toEqual([]);
    // A database URL in the example carries no password.
    expect(documented.get("DATABASE_URL") ?? "").not.toMatch(/:\/\/[^/@]+:[^@]+@/);
  });

  it("every variable read anywhere in bot/, rag/, scripts/ is documented (standard PG* libpq variables aside)", () => {
    const missing = new Map<string, string[]>();
    for (const f of sourceFiles()) {
      if (!/\.(ts|mts|js|mjs)$/.test(f)) continue;
      for (const k of envReads(readFileSync(path.join(ROOT, f), "utf8"))) {
        if (documented.has(k) || /^PG[A-Z]+$/.test(k) || ["NODE_ENV", "CI", "HOME", "PATH"].includes(k)) continue;
        missing.set(k, [...(missing.get(k) ?? []), f]);
      }
    }
    expect(Object.fromEntries(missing)).toEqual({});
  });
});

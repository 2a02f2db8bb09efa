/**
 * Command-line edges: wrong input gets one clear Vietnamese line and a non-zero exit, never
 * a stack trace, and a ward typed without diacritics is the ward.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isValidUserId } from "../../bot/core/types.ts";
import { dateFromIso } from "../../rag/dates/period.ts";
import { evalClassify, EvalInputError } from "../../scripts/eval-classify.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "tro-ly-hdnd-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const env = { ...process.env, DATABASE_URL: `file:${path.join(tmp, "cli.db")}`, DATA_DIR: tmp, LOG_LEVEL: "warn" };
let prepared = false;

/** Runs a script as `npm run` would (its setup step first), on a store of its own. */
function run(script: string, args: string[]) {
  if (!prepared) {
    const setup = spawnSync(process.execPath, [path.join(ROOT, "scripts", "setup.mjs")], { cwd: ROOT, encoding: "utf8", env, timeout: 120_000 });
    expect(setup.status, setup.stderr).toBe(0);
    prepared = true;
  }
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", script), ...args], { cwd: ROOT, encoding: "utf8", env, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("dates and ids typed by people", () => {
  it("refuses days that do not exist", () => {
    expect(dateFromIso("2026-02-30")).toBeNull();
    expect(dateFromIso("2026-13-01")).toBeNull();
    expect(dateFromIso("2025-02-29")).toBeNull();
    expect(dateFromIso("2028-02-29")?.toISOString()).toBe("2028-02-29T05:00:00.000Z");
  });

  it("checks a user id against its channel", () => {
    expect(isValidUserId("telegram", "abc")).toBe(false);
    expect(isValidUserId("telegram", "-100200")).toBe(false);
    expect(isValidUserId("telegram", "123456789")).toBe(true);
    expect(isValidUserId("console", "canbo-1")).toBe(true);
    expect(isValidUserId("console", "a b")).toBe(false);
  });
});

describe("eval classify", () => {
  it("refuses a file in another format instead of printing an empty matrix", async () => {
    const file = path.join(tmp, "wrong.jsonl");
    writeFileSync(file, '{"question":"ai chủ trì?","doc":null}\n{"question":"quý này?","doc":null}\n');
    await expect(evalClassify(file, { print: false, classify: async () => ({ intent: "other", category: null, source: "offline", confidence: 1 }) })).rejects.toBeInstanceOf(EvalInputError);
    await expect(evalClassify(path.join(tmp, "missing.jsonl"), { print: false })).rejects.toThrow(/không đọc được/);
  });
});

// Each case starts a Node process through tsx (and the first also runs setup): seconds each,
// far more on a loaded machine, so these get more time than the suite's 30 s.
describe("CLI processes", { timeout: 120_000 }, () => {
  it("report --csv into a missing folder: one line, exit 2, no stack trace", () => {
    const r = run("report.ts", ["--from", "2026-01-01", "--to", "2026-06-30", "--csv", path.join(tmp, "missing", "out.csv")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/không tồn tại/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("due --ward without diacritics lists that ward; a date that does not exist is refused", () => {
    const ok = run("due.ts", ["--period", "2026", "--ward", "Phuc Loi", "--json"]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.err).not.toMatch(/không có văn bản/);
    const items = JSON.parse(ok.out) as { doc: string }[];
    expect(items.length).toBeGreaterThan(0);
    const bad = run("due.ts", ["--period", "quý này", "--date", "2026-02-30"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/2026-02-30/);
  });
});

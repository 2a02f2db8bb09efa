// Bench-only preload (`node --import file:///…/bench-sql-counter.mjs?out=FILE[&breakdown=1]`): counts every SQL
// statement the process sends, on both engines, and how many of them open a transaction.
// The load benchmark divides the counts by the petitions filed. Counted at the driver
// (pg.Client#query, better-sqlite3 statement runs), so BEGIN/COMMIT, polling and lease
// sweeps are included: the figure is every round trip, not only the filing path.
// Written to FILE (JSON) on SIGUSR2 (the bench asks after start-up) and at exit; with
// breakdown=1 also the count of each statement text. Options ride in the import URL, so the
// product's one-configuration rule (only bot/config.ts reads the environment) holds here too.
// Production never loads it.
import { writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";

const params = new URL(import.meta.url).searchParams;
const out = params.get("out");
const counts = { statements: 0, transactions: 0 };
const breakdown = params.get("breakdown") === "1" ? new Map() : null;
const count = (text) => {
  counts.statements++;
  if (typeof text === "string" && /^\s*BEGIN\b/i.test(text)) counts.transactions++;
  if (breakdown) {
    const k = String(text).replace(/\s+/g, " ").slice(0, 140);
    breakdown.set(k, (breakdown.get(k) ?? 0) + 1);
  }
};

if (out) {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    count(typeof config === "string" ? config : config?.text);
    return query.call(this, config, ...rest);
  };

  // better-sqlite3's Statement class is only reachable through a statement: patched on first use.
  let patched = false;
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (...args) {
    const stmt = prepare.apply(this, args);
    if (!patched) {
      patched = true;
      const proto = Object.getPrototypeOf(stmt);
      for (const m of ["run", "get", "all", "iterate"]) {
        const orig = proto[m];
        proto[m] = function (...a) {
          count(this.source);
          return orig.apply(this, a);
        };
      }
    }
    return stmt;
  };

  // Peak memory by kind (bench only): tells a live heap from garbage or native buffers.
  const memory = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    for (const k of Object.keys(memory)) memory[k] = Math.max(memory[k], Math.round(m[k] / 1048576));
  };
  setInterval(sample, 1000).unref();

  const flush = () => {
    sample();
    try {
      const b = breakdown ? { breakdown: [...breakdown].sort((x, y) => y[1] - x[1]) } : {};
      writeFileSync(out, JSON.stringify({ ...counts, memoryMb: memory, ...b }));
    } catch {
      /* the bench's folder is gone: nothing to report to */
    }
  };
  // A signal, not a timer: writing the file periodically cost the bot measurable CPU.
  process.on("SIGUSR2", flush);
  process.on("exit", flush);
}

#!/usr/bin/env node
// The whole test suite again on PostgreSQL (`npm run test:pg`): every createTestDb() gets
// its own schema in the test database on TEST_PG_URL (default
// postgresql://postgres@127.0.0.1:5432/tro_ly_hdnd_test). When nothing listens there the
// suite is skipped with a loud line (exit 0): a machine without PostgreSQL still passes
// `npm test`; any other failure (authentication, a failing test) fails.
// Extra arguments go to vitest, e.g. `npm run test:pg -- test/petitions`.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const url = process.env.TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/tro_ly_hdnd_test";
const u = new URL(url);
const host = u.hostname.replace(/^\[(.*)\]$/, "$1") || "127.0.0.1";
const port = Number(u.port || 5432);

function reachable() {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3_000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

if (!(await reachable())) {
  const line = `!!! PostgreSQL unreachable on ${host}:${port}: PostgreSQL suite SKIPPED !!!`;
  process.stdout.write(`\n${"!".repeat(line.length)}\n${line}\n${"!".repeat(line.length)}\n\n`);
  process.exit(0);
}

process.stdout.write(`PostgreSQL suite on ${host}:${port} (database ${u.pathname.slice(1) || "postgres"}, one schema per test database)\n`);
const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
const child = spawn(process.execPath, [vitest, "run", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, TEST_DATABASE: "postgres", TEST_PG_URL: url },
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

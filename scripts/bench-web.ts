/**
 * npm run bench -- web [--sizes 10000,100000] [--seconds 5]: the queue page and the public
 * list with N petitions (SQLite), loaded by autocannon on 127.0.0.1; p50/p95 of the
 * server's own time per request (Fastify's reply.elapsedTime), target p95 ≤ 50 ms at 100,000.
 * Petitions are inserted directly in bulk (the bench measures reads, not intake).
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { loadConfig } from "../bot/config.ts";
import { silentLogger } from "../bot/logger.ts";
import { seedUnits } from "../bot/petitions/units.ts";
import { createTestDb } from "../test/helpers/test-db.ts";
import { createStoreWebData } from "../web/data/store.ts";
import { noPlanProgress } from "../web/plan-progress.ts";
import { buildWebApp } from "../web/server.ts";
import { randomToken, sha256 } from "../web/auth/tokens.ts";
import { SESSION_COOKIE } from "../web/plugins/auth.ts";
import { grantRole } from "../bot/core/roles.ts";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "10000,100000" }, seconds: { type: "string", default: "5" }, json: { type: "boolean", default: false } } });
const sizes = values.sizes!.split(",").map(Number);
const seconds = Number(values.seconds);
const CATS = ["ha_tang", "moi_truong", "dat_dai_xay_dung", "an_ninh_trat_tu", "y_te", "giao_duc"];
const STATUSES = ["classified", "needs_review", "assigned", "in_progress", "resolved", "closed"];

function seed(file: string, n: number) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const t0 = Date.parse("2025-01-01T00:00:00Z");
  const user = db.prepare("INSERT INTO ChatUser (channel, externalId, createdAt) VALUES ('console', ?, ?)");
  const pet = db.prepare(`INSERT INTO Petition (code, voterId, channel, chatId, originalText, normalizedText, intent, category, confidence, classifierSource, location, urgent, status, unitId, dueAt, createdAt, updatedAt, isPublic)
    VALUES (?, ?, 'console', ?, ?, ?, 'petition', ?, 0.9, 'offline', ?, ?, ?, ?, ?, ?, ?, 1)`);
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const uid = Number(user.run(`v${i}`, t0).lastInsertRowid);
      const at = t0 + i * 60_000;
      const text = `Đèn đường ngõ ${i % 300} phố Hoa Lâm tổ dân phố ${i % 12} hỏng, gọi 09${String(i).padStart(8, "0")}`;
      pet.run(`KN-2026-${String(i).padStart(6, "0")}`, uid, `v${i}`, text, text, CATS[i % CATS.length], `ngõ ${i % 300}, tổ dân phố ${i % 12}`, i % 17 === 0 ? 1 : 0, STATUSES[i % STATUSES.length], (i % 10) + 1, at + 15 * 86_400_000, at, at);
    }
  })();
  db.close();
}

const results: Array<Record<string, unknown>> = [];
for (const n of sizes) {
  const tdb = await createTestDb();
  await seedUnits(tdb.db);
  seed(tdb.url.slice(5), n);
  const data = createStoreWebData(tdb.db);
  const t0 = Date.now();
  while ((await data.refreshSearchIndex(5000)) > 0);
  const indexMs = Date.now() - t0;
  const config = loadConfig({ DATABASE_URL: tdb.url, LOG_LEVEL: "silent" });
  const deps = { config, db: tdb.db, data, log: silentLogger, now: () => new Date("2026-11-20T00:00:00Z"), petitionDeps: {}, notify: () => {}, planProgress: noPlanProgress };
  const app = await buildWebApp(deps);
  const times = new Map<string, number[]>();
  app.addHook("onResponse", async (req, reply) => {
    if (reply.statusCode !== 200) return; // 429s from the public rate limit are not page renders
    const key = req.url.split("?")[0]!;
    (times.get(key) ?? times.set(key, []).get(key)!).push(reply.elapsedTime);
  });
  await grantRole(tdb.db, "console", "bench", "staff");
  const token = randomToken();
  await data.createSession({ tokenHash: sha256(token), channel: "console", externalId: "bench", csrfToken: "x", now: new Date(), expiresAt: new Date(Date.now() + 3600_000) });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  for (const [name, path, headers] of [
    ["queue", "/can-bo/", { cookie: `${SESSION_COOKIE}=${token}` }],
    ["queue ?q=", "/can-bo/?q=hoa%20lam%20ngo%2042", { cookie: `${SESSION_COOKIE}=${token}` }],
    // Every word common (in every petition but "3", in a tenth): the list order drives, the total is capped.
    ["queue ?q= common", "/can-bo/?q=to%20dan%20pho%203", { cookie: `${SESSION_COOKIE}=${token}` }],
    ["public", "/cong-khai?trang=3", {}],
  ] as const) {
    times.clear();
    const r = await autocannon({ url: `${address}${path}`, connections: 4, duration: seconds, headers: headers as Record<string, string> });
    const xs = (times.get(path.split("?")[0]!) ?? []).sort((a, b) => a - b);
    const q = (p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
    const row = { petitions: n, page: name, requests: xs.length, p50_ms: +q(0.5).toFixed(1), p95_ms: +q(0.95).toFixed(1), non2xx: r.non2xx, index_build_ms: indexMs };
    results.push(row);
    if (!values.json) process.stdout.write(`${n} petitions, ${name}: p50 ${row.p50_ms} ms, p95 ${row.p95_ms} ms server time (${row.requests} requests, ${r.non2xx} non-2xx)\n`);
  }
  await app.close();
  await tdb.cleanup();
}
if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);

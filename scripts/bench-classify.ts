/**
 * Offline classification latency and memory (target: ≤ 2 ms per message).
 *   npm run bench -- classify [--json] [--n 20000]
 * Messages: the shipped training texts cycled with light noise, so the benchmark needs no
 * external file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createClassifier } from "../bot/classify/classifier.ts";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, n: { type: "string", default: "20000" } } });
const n = Math.max(1000, Number(values.n) || 20000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const texts = readFileSync(path.join(root, "corpus/training/messages.train.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { text: string }).text);

const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const classifier = createClassifier();
const loadMs = performance.now() - t0;

// Warm-up so JIT compilation is not counted as per-message latency.
for (let i = 0; i < 500; i++) await classifier.classify(texts[i % texts.length]!);
const lat: number[] = [];
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
for (let i = 0; i < n; i++) {
  const text = `${texts[i % texts.length]!}${i % 3 === 0 ? " ạ" : ""}`;
  const s = performance.now();
  await classifier.classify(text);
  lat.push(performance.now() - s);
}
const wall = performance.now() - wall0;
const cpu = process.cpuUsage(cpu0);
lat.sort((a, b) => a - b);
const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))]!;
const result = {
  messages: n,
  modelLoadMs: Number(loadMs.toFixed(1)),
  p50Ms: Number(q(0.5).toFixed(3)),
  p95Ms: Number(q(0.95).toFixed(3)),
  p99Ms: Number(q(0.99).toFixed(3)),
  meanCpuMs: Number(((cpu.user + cpu.system) / 1000 / n).toFixed(3)),
  throughputPerSec: Math.round((n / wall) * 1000),
  rssMb: Math.round(process.memoryUsage().rss / 1e6),
  modelRssMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e6),
  target: "p95 ≤ 2 ms",
};
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(`offline classifier, ${n} messages (source: corpus/training)`);
  console.log(`model load ${result.modelLoadMs} ms; per message p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms; mean CPU ${result.meanCpuMs} ms`);
  console.log(`throughput ${result.throughputPerSec} msg/s; RSS ${result.rssMb} MB (model and features ≈ ${result.modelRssMb} MB)`);
  console.log(`target p95 ≤ 2 ms: ${result.p95Ms <= 2 ? "met" : "NOT met"}`);
}

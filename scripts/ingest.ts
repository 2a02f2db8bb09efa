/**
 * Ingests the corpus (corpus/manifest.json + corpus/documents/) into the store and
 * rebuilds the retrieval index when something changed. Unchanged documents are skipped.
 *   npm run ingest [-- --force]
 */
import { parseArgs } from "node:util";
import { ingestCorpus } from "../rag/ingest/ingest.ts";
import { openKnowledge } from "../rag/knowledge/open.ts";
import { configOrExit, fail, logToStderr, storeOf } from "./cli.ts";

let force = false;
try {
  force = Boolean(parseArgs({ options: { force: { type: "boolean", default: false } } }).values.force);
} catch (err) {
  fail(`${(err as Error).message}\nCách dùng: npm run ingest [-- --force]`);
}
const config = configOrExit();
const db = storeOf(config);
try {
  const t0 = performance.now();
  const report = force ? await ingestCorpus(db, { force: true }) : null;
  // Opening the knowledge base ingests what changed and rebuilds the index if needed.
  const { kb } = await openKnowledge(config, db, logToStderr);
  const r = report ?? kb.ingest;
  console.log(`Văn bản: ${r.processed.length} nạp mới/cập nhật, ${r.unchanged.length} không đổi, ${r.removed.length} đã gỡ.`);
  for (const d of kb.documents) {
    const n = kb.tasks.filter((t) => t.doc === d.file).length;
    console.log(`  ${d.file}  ${String(n).padStart(4)} nhiệm vụ  ${d.ward.padEnd(11)} ${d.title.slice(0, 80)}`);
  }
  console.log(`Tổng: ${kb.tasks.length} nhiệm vụ. (${(performance.now() - t0).toFixed(0)} ms)`);
} finally {
  await db.close();
}

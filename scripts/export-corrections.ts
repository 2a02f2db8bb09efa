/**
 * Exports staff category corrections as labelled training data, for retraining the offline
 * classifier:
 *   npm run --silent export-corrections > data/corrections.jsonl
 *   npm run train -- --extra data/corrections.jsonl
 * Lines are {"id","text","intent":"petition","category"}; the text is redacted (phones, ID
 * numbers, e-mails, names) because training files are shared and committed.
 */
import { redact } from "../lib/redact.ts";
import { configOrExit, storeOf } from "./cli.ts";

const config = configOrExit();
const db = storeOf(config);
try {
  // The latest correction of each petition is its label.
  const rows = await db.feedback.corrections();
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.petitionId, r);
  for (const r of latest.values()) {
    process.stdout.write(`${JSON.stringify({ id: `correction-${r.petitionId}`, text: redact(r.text).text, intent: "petition", category: r.newCategory })}\n`);
  }
  process.stderr.write(`${latest.size} nhãn đã xuất (từ ${rows.length} lần sửa).\n`);
} finally {
  await db.close();
}

/**
 * Asks the plan corpus a question.
 *   npm run --silent ask -- "ai chủ trì giám sát đất đai?" [--date 2026-05-10] [--json]
 * JSON: {answer, found, citations: [{doc, section, quote}]}.
 */
import { parseArgs } from "node:util";
import { ask } from "../rag/answer/ask.ts";
import { dateFromIso } from "../rag/dates/period.ts";
import { configOrExit, fail, knowledgeOf, logToStderr } from "./cli.ts";

const USAGE = 'Cách dùng: npm run --silent ask -- "<câu hỏi>" [--date 2026-05-10] [--json]';
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { date: { type: "string" }, json: { type: "boolean", default: false } } });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const question = parsed.positionals.join(" ").trim();
if (!question) fail(`thiếu câu hỏi.\n${USAGE}`);
const now = parsed.values.date ? (dateFromIso(parsed.values.date) ?? fail(`--date phải có dạng YYYY-MM-DD.`)) : new Date();

const config = configOrExit();
const { db, kb, llm } = await knowledgeOf(config);
try {
  const answer = await ask(kb, question, { now, llm, onLlmError: (e) => logToStderr(`LLM lỗi, dùng câu trả lời trích xuất: ${(e as Error).message}`) });
  if (parsed.values.json) {
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  } else {
    const sources = answer.citations.map((c, i) => `  [${i + 1}] ${c.doc} — ${c.section}`).join("\n");
    process.stdout.write(`${answer.answer}\n${sources ? `\nNguồn:\n${sources}\n` : ""}`);
  }
} finally {
  await db.close();
}

/**
 * Asks the plan corpus a question.
 *   npm run --silent ask -- "ai chủ trì giám sát đất đai?" [--date 2026-05-10] [--ward "Phúc Lợi"] [--context ctx.json] [--json]
 * JSON: {answer, found, citations: [{doc, section, quote}]}.
 * --ward answers a question naming no ward from that ward's documents (as the bot does).
 * --context keeps a conversation in a file: read before the question (if it exists), written
 * after, so follow-ups work from the command line ("còn quý sau?", "chi tiết mục 2").
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ask } from "../rag/answer/ask.ts";
import { readContext } from "../rag/answer/context.ts";
import { formatAnswer } from "../rag/answer/format.ts";
import { dateFromIso } from "../rag/dates/period.ts";
import { configOrExit, fail, knowledgeOf, logToStderr } from "./cli.ts";

const USAGE = 'Cách dùng: npm run --silent ask -- "<câu hỏi>" [--date 2026-05-10] [--ward "Phúc Lợi"] [--context ctx.json] [--json]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { date: { type: "string" }, ward: { type: "string" }, context: { type: "string" }, json: { type: "boolean", default: false } },
  });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const question = parsed.positionals.join(" ").trim();
if (!question) fail(`thiếu câu hỏi.\n${USAGE}`);
const now = parsed.values.date ? (dateFromIso(parsed.values.date) ?? fail(`--date phải có dạng YYYY-MM-DD.`)) : new Date();
const contextFile = parsed.values.context;
const context = contextFile && existsSync(contextFile) ? readContext(JSON.parse(readFileSync(contextFile, "utf8"))) : null;

const config = configOrExit();
const { db, kb, llm } = await knowledgeOf(config);
try {
  const result = await ask(kb, question, {
    now,
    llm,
    defaultWard: parsed.values.ward ?? null,
    context,
    onLlmError: (e) => logToStderr(`LLM lỗi, dùng câu trả lời trích xuất: ${(e as Error).message}`),
  });
  if (contextFile) writeFileSync(contextFile, `${JSON.stringify(result.context, null, 2)}\n`);
  const { answer, found, citations } = result;
  if (parsed.values.json) {
    // The stable interface: the context stays out of it.
    process.stdout.write(`${JSON.stringify({ answer, found, citations }, null, 2)}\n`);
  } else {
    const titleOf = (file: string) => kb.documents.find((d) => d.file === file)?.title ?? file;
    process.stdout.write(`${formatAnswer({ answer, found, citations }, { titleOf })}\n`);
  }
} finally {
  await db.close();
}

/**
 * Evaluation entry point.
 *   npm run eval -- due --file <due.json>
 *   npm run eval -- qa --file <qa.jsonl> [--date 2026-11-23] [--verbose]
 *   npm run eval -- classify --file <messages.jsonl> [--llm]
 */
import { parseArgs } from "node:util";
import { dateFromIso } from "../rag/dates/period.ts";
import { configOrExit, fail, knowledgeOf, logToStderr } from "./cli.ts";
import { evalDue, loadDueFile } from "./eval-due.ts";
import { evalQa, loadQaFile } from "./eval-qa.ts";

const USAGE = "Cách dùng: npm run eval -- (due|qa|classify) --file <tệp> [--verbose] [--date YYYY-MM-DD] [--llm]";
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { file: { type: "string" }, verbose: { type: "boolean", default: false }, date: { type: "string" }, llm: { type: "boolean", default: false } } });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const [what] = parsed.positionals;
const file = parsed.values.file;
if (!what || !["due", "qa", "classify"].includes(what) || !file) fail(USAGE);
const pct = (x: number) => x.toFixed(3);

if (what === "classify") {
  const { evalClassify, EvalInputError } = await import("./eval-classify.ts");
  try {
    // --llm: the LLM classifier with the bot's own settings (loadConfig), when one is configured.
    await evalClassify(file, { llm: parsed.values.llm });
  } catch (err) {
    if (err instanceof EvalInputError) fail(err.message, 2);
    throw err;
  }
  process.exit(0);
}

/** The labelled file, read before the corpus is opened: a wrong file fails in one line. */
function readLabelled<T>(load: (f: string) => T): T {
  try {
    return load(file!);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return fail(e.code ? `không đọc được tệp ${file} (${e.code}).` : `${file}: không đúng định dạng (${e.message.split("\n")[0]}).`, 2);
  }
}
const dueFile = what === "due" ? readLabelled(loadDueFile) : null;
const qaItems = what === "qa" ? readLabelled(loadQaFile) : null;

const config = configOrExit();
const { db, kb, llm } = await knowledgeOf(config);
try {
  if (what === "due") {
    const scores = evalDue(kb, dueFile!);
    console.log("kỳ            gold  ours  khớp  precision  recall");
    for (const s of scores) {
      console.log(`${s.period.padEnd(12)} ${String(s.gold).padStart(5)} ${String(s.ours).padStart(5)} ${String(s.matched).padStart(5)}  ${pct(s.precision).padStart(9)}  ${pct(s.recall).padStart(6)}`);
      if (parsed.values.verbose) {
        for (const m of s.missing) console.log(`    thiếu: [${m.doc.slice(0, 3)}] ${m.when ?? ""} | ${m.task.slice(0, 110)}`);
        for (const e of s.extra) console.log(`    thừa:  [${e.doc.slice(0, 3)}] ${e.when} | ${e.task.slice(0, 110)}`);
      }
    }
    const minP = Math.min(...scores.map((s) => s.precision));
    const minR = Math.min(...scores.map((s) => s.recall));
    console.log(`min precision ${pct(minP)}, min recall ${pct(minR)}`);
  } else {
    const now = parsed.values.date ? (dateFromIso(parsed.values.date) ?? fail("--date phải có dạng YYYY-MM-DD")) : new Date();
    const items = qaItems!;
    const results = await evalQa(kb, items, { now, llm });
    const answerable = results.filter((_, i) => items[i]!.doc !== null);
    const unanswerable = results.filter((_, i) => items[i]!.doc === null);
    const share = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : 1);
    if (parsed.values.verbose) {
      for (const r of results) {
        const flag = r.factsOk && r.docOk ? "ok " : "ERR";
        console.log(`${flag} ${r.id} facts=${r.factsOk} doc=${r.docOk} first=${r.docFirst} found=${r.answer.found} missing=${JSON.stringify(r.missingFacts)} ${r.ms.toFixed(1)}ms`);
        if (!(r.factsOk && r.docOk)) console.log(`    ${r.answer.answer.replace(/\s+/g, " ").slice(0, 300)}`);
      }
    }
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    console.log(`câu hỏi: ${results.length} (có đáp án ${answerable.length}, không có ${unanswerable.length})`);
    console.log(`facts present (all questions):      ${pct(share(results.map((r) => r.factsOk)))}`);
    console.log(`right doc cited (all questions):    ${pct(share(results.map((r) => r.docOk)))}`);
    console.log(`right doc cited first:              ${pct(share(results.map((r) => r.docFirst)))}`);
    console.log(`answerable: facts ${pct(share(answerable.map((r) => r.factsOk)))}, doc ${pct(share(answerable.map((r) => r.docOk)))}`);
    console.log(`unanswerable: found=false ${pct(share(unanswerable.map((r) => r.factsOk)))}`);
    console.log(`without diacritics: facts ${pct(share(results.filter((r) => r.plain).map((r) => r.factsOk)))}; with: ${pct(share(results.filter((r) => !r.plain).map((r) => r.factsOk)))}`);
    console.log(`latency p50 ${ms[Math.floor(ms.length * 0.5)]?.toFixed(1)} ms, p95 ${ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))]?.toFixed(1)} ms (${llm ? "LLM" : "offline"})`);
  }
} finally {
  await db.close();
}

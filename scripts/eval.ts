/**
 * Evaluation entry point.
 *   npm run eval -- due --file <due.json>
 *   npm run eval -- qa --file <qa.jsonl> [--date 2026-11-23] [--verbose]
 *   npm run eval -- qa --file <qa.jsonl> --evidence     what the LLM would be sent, and whether it holds the facts
 *   npm run eval -- qa --file <qa.jsonl> --llm          the LLM path, against the endpoint in OPENAI_BASE_URL /
 *                                                       OPENAI_API_KEY / OPENAI_MODEL (any OpenAI-compatible server;
 *                                                       scripts/eval-llm-oracle.ts is a local one that answers from
 *                                                       the excerpts it receives and refuses otherwise)
 *   npm run eval -- classify --file <messages.jsonl> [--llm]
 * Without --llm answers are offline even when an endpoint is configured, so figures compare.
 */
import { parseArgs } from "node:util";
import { dateFromIso } from "../rag/dates/period.ts";
import { configOrExit, fail, knowledgeOf } from "./cli.ts";
import { evalDue, loadDueFile } from "./eval-due.ts";
import { evalEvidence, evalQa, loadQaFile, refusalScores } from "./eval-qa.ts";

const USAGE = "Cách dùng: npm run eval -- (due|qa|classify) --file <tệp> [--verbose] [--date YYYY-MM-DD] [--evidence] [--llm]";
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      file: { type: "string" },
      verbose: { type: "boolean", default: false },
      date: { type: "string" },
      evidence: { type: "boolean", default: false },
      llm: { type: "boolean", default: false },
    },
  });
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
  } else if (parsed.values.evidence) {
    const now = parsed.values.date ? (dateFromIso(parsed.values.date) ?? fail("--date phải có dạng YYYY-MM-DD")) : new Date();
    const items = qaItems!;
    const rows = await evalEvidence(kb, items, { now });
    const answerable = rows.filter((r) => r.answerable);
    const viaLlm = answerable.filter((r) => r.llm);
    const sent = rows.filter((r) => r.llm);
    const stat = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : 0;
      return `mean ${mean.toFixed(1)}, p95 ${s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0}, max ${s.at(-1) ?? 0}`;
    };
    if (parsed.values.verbose) {
      for (const r of rows) console.log(`${r.answerable ? (r.recalled ? "ok " : "ERR") : "—  "} ${r.id} ${r.llm ? "llm" : "offline"} excerpts=${r.excerpts} chars=${r.chars}${r.missingFacts.length ? ` missing=${JSON.stringify(r.missingFacts)}` : ""}`);
    }
    console.log(`câu hỏi: ${rows.length} (có đáp án ${answerable.length}; gửi LLM ${sent.length}, trả lời không cần LLM ${rows.length - sent.length})`);
    console.log(`evidence recall (answerable, all facts in the excerpts sent; offline-decided ones judged on the offline answer): ${pct(answerable.filter((r) => r.recalled).length / (answerable.length || 1))}`);
    console.log(`evidence recall, answerable questions sent to the LLM only (${viaLlm.length}): ${pct(viaLlm.filter((r) => r.recalled).length / (viaLlm.length || 1))}`);
    console.log(`excerpts per question sent: ${stat(sent.map((r) => r.excerpts))}`);
    console.log(`characters per question sent: ${stat(sent.map((r) => r.chars))}`);
  } else {
    const now = parsed.values.date ? (dateFromIso(parsed.values.date) ?? fail("--date phải có dạng YYYY-MM-DD")) : new Date();
    const items = qaItems!;
    if (parsed.values.llm && !llm) fail("--llm cần OPENAI_BASE_URL hoặc OPENAI_API_KEY (và OPENAI_MODEL) trỏ tới một máy chủ tương thích OpenAI.");
    let llmErrors = 0;
    const results = await evalQa(kb, items, { now, llm: parsed.values.llm ? llm : null, onLlmError: () => llmErrors++ });
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
    const refusals = refusalScores(items, results);
    console.log(`found=false as "not in the documents": precision ${pct(refusals.precision)}, recall ${pct(refusals.recall)}; answerable wrongly refused ${pct(refusals.wronglyRefused)}`);
    console.log(`without diacritics: facts ${pct(share(results.filter((r) => r.plain).map((r) => r.factsOk)))}; with: ${pct(share(results.filter((r) => !r.plain).map((r) => r.factsOk)))}`);
    console.log(`latency p50 ${ms[Math.floor(ms.length * 0.5)]?.toFixed(1)} ms, p95 ${ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))]?.toFixed(1)} ms (${parsed.values.llm ? `LLM ${config.OPENAI_MODEL} at ${config.OPENAI_BASE_URL ?? "api.openai.com"}; fell back to offline ${llmErrors} times` : "offline"})`);
  }
} finally {
  await db.close();
}

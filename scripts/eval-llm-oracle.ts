/**
 * An OpenAI-compatible "oracle" on 127.0.0.1 for evaluating the LLM path without a model:
 * it knows a QA file's facts, answers perfectly when every fact of the question is in the
 * excerpts it is sent (quoting them), and refuses otherwise. So `eval -- qa --llm` against
 * it measures exactly what reaches the prompt.
 *
 *   npx tsx scripts/eval-llm-oracle.ts --file test/fixtures/qa.lists.own.jsonl [--port 8765]
 *   OPENAI_BASE_URL=http://127.0.0.1:8765/v1 npm run eval -- qa --llm --file test/fixtures/qa.lists.own.jsonl
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { redact } from "../lib/redact.ts";
import { factKey, foldVietnamese } from "../rag/text/vietnamese.ts";
import { expandAbbreviations } from "../rag/text/abbreviations.ts";
import { loadQaFile, type QaItem } from "./eval-qa.ts";

export interface Oracle {
  baseURL: string;
  /** Requests answered, and how many of them found every fact in the excerpts. */
  stats: { requests: number; answered: number; refused: number; unknown: number };
  close(): Promise<void>;
}

const key = (s: string) => foldVietnamese(s).replace(/[^a-z0-9]+/g, " ").trim();

/** Excerpts of the prompt: "[n] [kind] (doc — section)\ntext" blocks. */
function excerptsOf(prompt: string): string[] {
  const body = prompt.split(/\n\n<cau_hoi>/)[0] ?? "";
  return body.split(/\n\n(?=\[\d+\] \[)/).map((b) => b.replace(/^Trích đoạn:\n/, ""));
}

/** The reply the oracle gives to one prompt. */
export function oracleReply(prompt: string, items: readonly QaItem[]): { found: boolean; answer: string; citations: Array<{ excerpt: number; quote: string }> } | null {
  const question = /<cau_hoi>\n([\s\S]*?)\n<\/cau_hoi>/.exec(prompt)?.[1]?.trim() ?? "";
  // The answerer sends the question redacted and with abbreviations written out; match the same way.
  const item = items.find((i) => key(redact(expandAbbreviations(i.question)).text.replace(/[<>]/g, " ")) === key(question));
  if (!item) return null;
  const excerpts = excerptsOf(prompt);
  const refuse = { found: false, answer: "Các trích đoạn không có thông tin này.", citations: [] };
  if (item.doc === null || item.must_contain.length === 0) return refuse;
  const citations: Array<{ excerpt: number; quote: string }> = [];
  for (const fact of item.must_contain) {
    const at = excerpts.findIndex((e) => factKey(e).includes(factKey(fact)));
    if (at < 0) return refuse;
    citations.push({ excerpt: at + 1, quote: fact });
  }
  return { found: true, answer: item.must_contain.join("; "), citations };
}

export async function startOracle(items: readonly QaItem[], port = 0): Promise<Oracle> {
  const stats = { requests: 0, answered: 0, refused: 0, unknown: 0 };
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    stats.requests++;
    const json = JSON.parse(body || "{}");
    const prompt: string = json?.messages?.find((m: { role: string }) => m.role === "user")?.content ?? "";
    const reply = oracleReply(prompt, items);
    if (!reply) stats.unknown++;
    else if (reply.found) stats.answered++;
    else stats.refused++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: "chatcmpl-oracle",
        object: "chat.completion",
        created: 1_700_000_000,
        model: json?.model ?? "oracle",
        choices: [{ index: 0, message: { role: "assistant", content: JSON.stringify(reply ?? { found: false, answer: "?", citations: [] }), refusal: null }, finish_reason: "stop", logprobs: null }],
        usage: { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: 1, total_tokens: Math.ceil(prompt.length / 4) + 1 },
      }),
    );
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const actual = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${actual}/v1`,
    stats,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

async function main() {
  const { values } = parseArgs({ options: { file: { type: "string", multiple: true }, port: { type: "string", default: "8765" } } });
  if (!values.file?.length) throw new Error("cần --file <qa.jsonl>");
  const items = values.file.flatMap((f) => loadQaFile(f));
  const oracle = await startOracle(items, Number(values.port));
  process.stdout.write(`oracle: ${items.length} câu hỏi, OPENAI_BASE_URL=${oracle.baseURL}\n`);
  const stop = async () => {
    process.stdout.write(`oracle: ${JSON.stringify(oracle.stats)}\n`);
    await oracle.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

/**
 * Classifies messages read from stdin, one JSON object per line: {"id","text"}.
 *
 *   npm run --silent classify -- --json < messages.jsonl
 *   npx tsx scripts/classify.ts [--json] [--offline] [--model <classifier.json>] < messages.jsonl
 *
 * --json writes one line per message with exactly {"id","intent","category","confidence","source"};
 * without it, a readable line. Bad input lines get an error line on stderr and are
 * skipped. Uses the LLM when the environment configures one (OPENAI_BASE_URL /
 * OPENAI_API_KEY), like the bot; --offline forces the local model.
 */
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { createClassifier, type Classification } from "../bot/classify/classifier.ts";
import { llmClassifierConfig } from "../bot/classify/llm-classifier.ts";
import { loadConfig } from "../bot/config.ts";

const inputSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string().trim().min(1, "text rỗng (empty text)"),
});

export function formatJson(id: string, c: Classification): string {
  // Exactly these keys, in this order: downstream tools compare lines.
  return JSON.stringify({ id, intent: c.intent, category: c.category, confidence: c.confidence, source: c.source });
}

export function formatHuman(id: string, c: Classification): string {
  const label = c.intent === "petition" ? `petition/${c.category}` : c.intent;
  const parts = [id, label.padEnd(28), c.confidence.toFixed(2), c.source];
  if (c.urgent) parts.push("KHẨN");
  if (c.location) parts.push(`@ ${c.location}`);
  parts.push(`— ${c.summary}`);
  return parts.join("  ");
}

export async function main(argv: string[], input: NodeJS.ReadableStream = process.stdin, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  let json = false;
  let offlineOnly = false;
  let modelPath: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") json = true;
    else if (a === "--offline") offlineOnly = true;
    else if (a === "--model") modelPath = argv[++i];
    else {
      err.write(`tham số không hợp lệ / unknown argument: ${a}\nCách dùng / usage: classify [--json] [--offline] [--model <file>] < messages.jsonl\n`);
      return 2;
    }
  }
  const classifier = createClassifier({ llm: offlineOnly ? null : llmClassifierConfig(loadConfig()), modelPath });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let parsed: z.infer<typeof inputSchema>;
    try {
      parsed = inputSchema.parse(JSON.parse(line));
    } catch (e) {
      bad++;
      const why = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join(".") || "(dòng)"}: ${i.message}`).join("; ") : `JSON không hợp lệ (invalid JSON): ${(e as Error).message}`;
      err.write(`dòng ${lineNo} bị bỏ qua / line ${lineNo} skipped: ${why}\n`);
      continue;
    }
    const c = await classifier.classify(parsed.text);
    out.write((json ? formatJson(parsed.id, c) : formatHuman(parsed.id, c)) + "\n");
  }
  return bad && lineNo === bad ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error((e as Error).message);
      process.exitCode = 1;
    },
  );
}

/**
 * Chat formatting of answers: the answer (its first sentence answers; lists and details
 * follow), then its sources. Cutting long replies to a channel's limit is the channel's
 * job (splitText in bot/channels/common.ts).
 */
import type { Answer } from "./types.ts";

export interface FormatOptions {
  /** A document's title from its file name. */
  titleOf: (file: string) => string;
  /** Most source lines shown; the rest are counted. */
  maxSources?: number;
}

/**
 * The answer, then "Nguồn:" with one line per document (its sections joined). A refusal
 * that offers related passages labels their sources as related.
 */
export function formatAnswer(answer: Answer, opts: FormatOptions): string {
  if (answer.citations.length === 0) return answer.answer;
  const byDoc = new Map<string, string[]>();
  for (const c of answer.citations) {
    const sections = byDoc.get(c.doc) ?? [];
    if (c.section && !sections.includes(c.section)) sections.push(c.section);
    byDoc.set(c.doc, sections);
  }
  const max = opts.maxSources ?? 5;
  const lines = [...byDoc].slice(0, max).map(([doc, sections], i) => {
    const shown = sections.slice(0, 3).join("; ");
    const more = sections.length > 3 ? ` và ${sections.length - 3} mục khác` : "";
    return `[${i + 1}] ${opts.titleOf(doc)}${shown ? ` — ${shown}${more}` : ""} (${doc})`;
  });
  if (byDoc.size > max) lines.push(`… và ${byDoc.size - max} văn bản khác.`);
  const label = answer.found ? "Nguồn:" : "Nguồn (thông tin liên quan):";
  return `${answer.answer}\n\n${label}\n${lines.join("\n")}`;
}

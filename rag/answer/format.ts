/**
 * Chat formatting of answers: the answer (its first sentence answers; lists and details
 * follow), then its sources; and a splitter that cuts long replies at item or paragraph
 * boundaries to fit a channel's message limit.
 */
import type { Answer } from "./types.ts";

/** Message length limits (UTF-16 code units, as both APIs count). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;
export const ZALO_MESSAGE_LIMIT = 2000;

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

/** Cuts `text` into pieces no longer than `limit`, never inside a surrogate pair. */
function hardCut(text: string, limit: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let at = rest.lastIndexOf(" ", limit);
    if (at < limit / 2) at = limit;
    // Do not leave half of an emoji at the end of a piece.
    const code = rest.charCodeAt(at - 1);
    if (code >= 0xd800 && code <= 0xdbff) at--;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

interface Piece {
  text: string;
  /** What joined it to the previous piece in the original text. */
  glue: string;
}

/** The largest pieces under the limit a block can be cut into: lines, then sentences, then words. */
function pieces(block: string, limit: number, glue = ""): Piece[] {
  if (block.length <= limit) return [{ text: block, glue }];
  const lines = block.split("\n");
  if (lines.length > 1) return lines.flatMap((l, i) => pieces(l, limit, i === 0 ? glue : "\n"));
  const sentences = block.split(/(?<=[.;!?…])\s+/u);
  if (sentences.length > 1) return sentences.flatMap((s, i) => pieces(s, limit, i === 0 ? glue : " "));
  return hardCut(block, limit).map((t, i) => ({ text: t, glue: i === 0 ? glue : " " }));
}

/**
 * Splits a reply into messages of at most `limit` characters: whole paragraphs when they
 * fit, else whole list items or lines, else sentences; the sources block stays whole when it
 * can. Text is never lost or reordered.
 */
export function splitMessage(text: string, limit: number): string[] {
  if (limit < 20) throw new RangeError(`message limit too small: ${limit}`);
  if (text.length <= limit) return [text];
  const out: string[] = [];
  let current = "";
  const flush = () => {
    if (current) out.push(current);
    current = "";
  };
  for (const block of text.split(/\n{2,}/)) {
    const joined = current ? `${current}\n\n${block}` : block;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    flush();
    if (block.length <= limit) {
      current = block;
      continue;
    }
    // A long block (a list): fill messages item by item, each item whole when it fits.
    for (const piece of pieces(block, limit)) {
      const next = current ? `${current}${piece.glue}${piece.text}` : piece.text;
      if (next.length <= limit) current = next;
      else {
        flush();
        current = piece.text;
      }
    }
  }
  flush();
  return out;
}

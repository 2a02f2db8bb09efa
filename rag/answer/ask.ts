/**
 * Answers a delegate's question: due-list questions from extracted tasks, everything
 * else from hybrid retrieval — grounded by the LLM when one is configured, extractive
 * otherwise. Every answer cites its documents.
 */
import { expandAbbreviations } from "../text/abbreviations.ts";
import { syllables } from "../text/vietnamese.ts";
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { answerDueList } from "./due-answer.ts";
import { bestEvidence, buildTermStats, queryTerms, type TermStats } from "./evidence.ts";
import { answerExtractive, FOUND_THRESHOLD, notFoundForPlace } from "./extractive.ts";
import type { LlmAnswerer } from "./llm-answer.ts";
import { analyzeQuestion } from "./question.ts";
import type { Answer } from "./types.ts";

export interface AskOptions {
  now: Date;
  /** The bot's own ward: due lists cover it when the question names no ward. */
  defaultWard?: string | null;
  llm?: LlmAnswerer | null;
  /** Called when the LLM fails and the extractive answer is used instead. */
  onLlmError?: (err: unknown) => void;
}

const SEARCH_K = 16;

const statsCache = new WeakMap<KnowledgeBase, TermStats>();

function termStats(kb: KnowledgeBase): TermStats {
  let s = statsCache.get(kb);
  if (!s) {
    s = buildTermStats(kb.chunkTexts());
    statsCache.set(kb, s);
  }
  return s;
}

export async function ask(kb: KnowledgeBase, rawQuestion: string, opts: AskOptions): Promise<Answer> {
  const question = expandAbbreviations(rawQuestion);
  const analysis = analyzeQuestion(question, opts.now, kb.documents);
  // A ward the corpus has no document for: say so rather than answer from another ward's plans.
  if (analysis.unknownPlace) return notFoundForPlace(analysis.unknownPlace, kb.documents);
  const filter = { ward: analysis.ward, issuerBody: analysis.issuerBody };
  if (analysis.asksDueList) {
    const home = opts.defaultWard && kb.documents.some((d) => d.ward === opts.defaultWard) ? opts.defaultWard : null;
    const ward = analysis.ward ?? home;
    const f = { ...filter, ward };
    const tasks = analysis.period ? kb.due(analysis.period, f) : kb.ongoing(f);
    return answerDueList(tasks, { period: analysis.period, ongoing: !analysis.period, ward });
  }

  // A wide candidate list: questions repeat the document's title, which pulls its opening
  // sections up; the evidence step then looks for the sentence that answers.
  let results = await kb.search(question, SEARCH_K, filter);
  if (results.length === 0 && (filter.ward || filter.issuerBody)) results = await kb.search(question, SEARCH_K);
  // Ward names select documents; they are not evidence of an answer.
  const ignore = new Set(kb.documents.flatMap((d) => syllables(d.ward)));
  const q = queryTerms(question, termStats(kb), ignore);
  const title = (file: string) => kb.documents.find((d) => d.file === file)?.title ?? file;
  const evidence = bestEvidence(results, q, title, SEARCH_K);

  if (opts.llm) {
    try {
      // The LLM sees the retrieved chunks; when the evidence is weak it is still asked, so it can say "not found".
      return await opts.llm(question, results.slice(0, 6));
    } catch (err) {
      opts.onLlmError?.(err);
    }
  }
  return answerExtractive(evidence, title, FOUND_THRESHOLD);
}

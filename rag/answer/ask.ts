/**
 * Answers a delegate's question. Follow-ups use the conversation context; due-list
 * questions are answered from the extracted tasks; signers and document numbers/dates by
 * lookup; everything else from retrieval, as a whole list, a comparison or one passage —
 * phrased by the LLM from the same structured evidence when one is configured, with the
 * offline answer as fallback and the offline checks as the guard on abstention. Every
 * answer cites its documents and returns the context for the next turn.
 */
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { parsePeriodId } from "../dates/period.ts";
import { expandAbbreviations } from "../text/abbreviations.ts";
import { foldVietnamese, syllables } from "../text/vietnamese.ts";
import { analyzeAsks, phrase } from "./asks.ts";
import { compareRoute, sidesOf } from "./compare.ts";
import { notFoundAnswer, notFoundForPlace, whereOf } from "./compose.ts";
import { boundedContext, EMPTY_CONTEXT, readContext, taskRef, type AnswerContext } from "./context.ts";
import { dueListAnswer } from "./due-answer.ts";
import { continues, followUpRoute } from "./follow-up.ts";
import type { LlmAnswerer } from "./llm-answer.ts";
import { bodiesRoute, columnListRoute, countRoute, listNode, namedSection, nodeListRoute, partsRoute } from "./lists.ts";
import { makeLocator, scoreUnits, type Unit } from "./locate.ts";
import { metadataRoute, roleHolderRefusal, roleHolderRoute, signerRoute } from "./lookup.ts";
import { analyzeQuestion } from "./question.ts";
import { boundEvidence, unitEvidence, type Routed } from "./routed.ts";
import { numberedDocs, scopeDocs, titledDocs, uncoveredYears, unknownPlainPlace, wordsAfterUnit, type ScopeDoc } from "./scope.ts";
import { FOUND_THRESHOLD, pickUnits, singleRoute } from "./single.ts";
import type { Answer } from "./types.ts";

export interface AskOptions {
  now: Date;
  /** The bot's own ward: a question naming no ward is answered from its documents. */
  defaultWard?: string | null;
  llm?: LlmAnswerer | null;
  /** Called when the LLM fails and the offline answer is used instead. */
  onLlmError?: (err: unknown) => void;
  /** The context returned with the previous answer of this conversation, for follow-ups. */
  context?: AnswerContext | null;
}

/** The stable answer shape plus the context to pass back with the next question. */
export interface AskResult extends Answer {
  context: AnswerContext;
}

export interface Prepared {
  /** The question as understood (a follow-up rewritten in full). */
  question: string;
  routed: Routed;
  context: AnswerContext;
}

const SEARCH_K = 16;
/** Exact-word matches the fused ranking may push out (a rare number, a name): a few are always kept. */
const LEXICAL_K = 6;

/** Hybrid results, plus the best exact-word matches that fusion ranked lower. */
async function retrieve(kb: KnowledgeBase, question: string, docs: ReadonlySet<string>) {
  const [hybrid, lexical] = await Promise.all([kb.search(question, SEARCH_K, { docs }), kb.search(question, LEXICAL_K, { docs }, { lexical: 1, vector: 0 })]);
  const seen = new Set(hybrid.map((r) => r.chunk.id));
  return [...hybrid, ...lexical.filter((r) => !seen.has(r.chunk.id)).map((r, i) => ({ ...r, rank: hybrid.length + i + 1 }))];
}

const afterUnitCache = new WeakMap<KnowledgeBase, Set<string>>();
function knownAfterUnit(kb: KnowledgeBase): Set<string> {
  let s = afterUnitCache.get(kb);
  if (!s) afterUnitCache.set(kb, (s = wordsAfterUnit(kb.chunkTexts())));
  return s;
}

/** "kế hoạch đó", "văn bản này", "chương trình trên": a document already spoken of. */
const DOC_ANAPHORA = / (ke hoach|chuong trinh|van ban|nghi quyet|tai lieu) (nay|do|ay|kia|tren|vua roi|vua neu|vua noi)( |$)/;

/** The first document the previous answer cited, when the question points back at a document. */
export function previousDoc(question: string, docs: readonly string[], scope: readonly ScopeDoc[]): string[] {
  if (!DOC_ANAPHORA.test(phrase(question))) return [];
  const doc = docs.find((d) => scope.some((s) => s.file === d));
  return doc ? [doc] : [];
}

const decided = (answer: Answer): Routed => ({ answer, items: [], focus: null, evidence: [], llm: false });

/** The previous question asked again for another ward: the old ward's name is replaced. */
function withWard(previous: string, ward: string, docs: readonly ScopeDoc[]): string {
  let text = previous;
  for (const w of new Set(docs.map((d) => d.ward))) {
    // Fold character by character so positions in the folded text are positions in the original.
    const folded = [...text].map((c) => foldVietnamese(c)).join("");
    const at = folded.indexOf(foldVietnamese(w));
    if (at >= 0) text = `${text.slice(0, at)}${text.slice(at + w.length)}`.replace(/\b(phường|xã|phuong|xa)\s+(?=[\s,.?]|$)/giu, "");
  }
  const unit = docs.find((d) => d.ward === ward)?.unitType ?? "";
  return `${text.replace(/[?\s]+$/u, "")} ${unit} ${ward}?`.replace(/\s+/g, " ");
}

/** Works out the answer and its evidence without calling the LLM. */
export async function prepareAnswer(kb: KnowledgeBase, raw: string, opts: AskOptions): Promise<Prepared> {
  const ctx = readContext(opts.context ?? EMPTY_CONTEXT);
  const docs: ScopeDoc[] = kb.documents;
  const home = opts.defaultWard && docs.some((d) => d.ward === opts.defaultWard) ? opts.defaultWard : null;
  let question = expandAbbreviations(raw).replace(/\s+/g, " ").trim();
  let asks = analyzeAsks(question);

  const finish = (routed: Routed, c: Partial<AnswerContext> = {}): Prepared => ({
    question,
    routed,
    context: boundedContext({
      v: 1,
      question,
      ward: c.ward !== undefined ? c.ward : ctx.ward,
      period: c.period !== undefined ? c.period : ctx.period,
      docs: [...new Set(routed.answer.citations.map((x) => x.doc))],
      items: c.items ?? routed.items,
      focus: routed.focus,
    }),
  });

  const follow = followUpRoute(kb, question, asks, ctx);
  if (follow) return { ...finish(follow, { items: follow.items.length > 0 ? follow.items : ctx.items }), question: ctx.question ?? question };

  const base = ctx.period ? parsePeriodId(ctx.period) : null;
  let analysis = analyzeQuestion(question, opts.now, docs, base);
  // "Còn Bạch Đằng thì sao?": the previous question, for the ward just named.
  const wardOnly = analysis.wards.length === 1 && syllables(question).length <= syllables(analysis.wards[0]!).length + 6 && !analysis.period;
  if (ctx.question && continues(question) && wardOnly) {
    question = withWard(ctx.question, analysis.wards[0]!, docs);
    asks = analyzeAsks(question);
    analysis = analyzeQuestion(question, opts.now, docs, base);
  }

  const plainPlace = analysis.wards.length === 0 && !analysis.unknownPlace ? unknownPlainPlace(question, docs, knownAfterUnit(kb)) : null;
  const place = analysis.unknownPlace ?? plainPlace;
  if (place) return finish(decided(notFoundForPlace(place, docs)));

  if (analysis.asksDueList) {
    // A bare "còn quý sau?" stays with the ward of the previous answer.
    const ward = analysis.ward ?? (continues(question) ? ctx.ward : null) ?? home;
    const filter = { ward, issuerBody: analysis.issuerBody };
    const tasks = analysis.period ? kb.due(analysis.period, filter) : kb.ongoing(filter);
    const { answer, listed } = dueListAnswer(tasks, { period: analysis.period, ongoing: !analysis.period, ward });
    const routed: Routed = { answer, items: listed.map(taskRef), focus: listed.length === 1 ? taskRef(listed[0]!) : null, evidence: [], llm: false };
    return finish(routed, { ward, period: analysis.period?.id ?? null });
  }

  // The issuing body narrows due lists only: a free question about "HĐND" may well be
  // answered by the UBND's plan that quotes the council's resolution.
  const scope = scopeDocs(docs, analysis.wards, home);
  const ward = analysis.ward ?? home;

  const uncovered = uncoveredYears(asks.years, scope);
  if (asks.years.length > 0 && uncovered.length === asks.years.length) {
    const terms = [...new Set(scope.map((d) => `${d.termFrom ?? d.year}${d.termTo ? ` - ${d.termTo}` : " trở đi"}`))].join("; ");
    return finish(decided(notFoundAnswer(kb, `năm ${uncovered.join(", ")} (các văn bản hiện có áp dụng cho giai đoạn ${terms})`)), { ward });
  }

  // "Ai ký kế hoạch đó?", "văn bản này số mấy?": the document of the previous answer.
  // A document named by its own number is named like by its title ("Theo Kế hoạch 06/KH-TTHĐND, …").
  const named = [...new Set([...titledDocs(question, scope), ...numberedDocs(question, scope)])];
  const titled = named.length === 0 && analysis.wards.length === 0 ? previousDoc(question, ctx.docs, scope) : named;
  const lookup = roleHolderRoute(kb, asks, scope) ?? signerRoute(kb, asks, question, scope, titled, analysis.wards.length) ?? metadataRoute(kb, asks, question, scope, titled);
  if (lookup) return finish(lookup, { ward });

  // Ward names select documents; they are not evidence of an answer.
  const ignore = new Set(docs.flatMap((d) => syllables(d.ward)));
  const unitsIn = async (files: readonly ScopeDoc[]): Promise<{ units: Unit[]; results: Awaited<ReturnType<KnowledgeBase["search"]>> }> => {
    const loc = makeLocator(kb, question, asks, files, titled.filter((t) => files.some((f) => f.file === t)), ignore, analysis.period);
    const results = await retrieve(kb, question, loc.scope);
    return { units: scoreUnits(loc, results), results };
  };
  const loc = makeLocator(kb, question, asks, scope, titled, ignore, analysis.period);
  const results = await retrieve(kb, question, loc.scope);
  const units = scoreUnits(loc, results);

  if (asks.compare || analysis.wards.length >= 2) {
    const r = await compareRoute(kb, sidesOf(analysis.wards, scope, titled, units), async (files) => (await unitsIn(files)).units);
    if (r) return finish(r, { ward });
  }
  if (asks.list || asks.entities || asks.countItems || asks.parts) {
    const top = units.find((u) => u.fits && u.score >= FOUND_THRESHOLD);
    const node = () => {
      const m = listNode(loc, results, top);
      return m ? nodeListRoute(loc, m, units) : null;
    };
    const r =
      (asks.parts ? partsRoute(loc, results) : null) ??
      (asks.countItems ? countRoute(loc, results) : null) ??
      (asks.entities ? bodiesRoute(loc, results) : null) ??
      columnListRoute(loc) ??
      node();
    // The model also sees the best passages outside the list, in case the list is not the one asked.
    if (r) return finish({ ...r, evidence: boundEvidence([...r.evidence, ...units.slice(0, 4).map(unitEvidence)]) }, { ward });
  } else if (asks.columns.length === 0 && !asks.fact) {
    const m = namedSection(loc, results);
    if (m) return finish(nodeListRoute(loc, m), { ward });
  }
  const single = singleRoute(loc, units);
  if (!single.answer.found && asks.roleHolder) return finish(roleHolderRefusal(kb, asks, scope)!, { ward });
  if (single.answer.found || !home || analysis.wards.length > 0 || scope.length === docs.length) return finish(single, { ward });

  // Nothing in the home ward's documents: say so, and point to another ward's plan only as
  // related information that names whose plan it is.
  const elsewhere = pickUnits((await unitsIn(docs.filter((d) => !scope.includes(d)))).units).slice(0, 1);
  if (elsewhere.length === 0) return finish(single, { ward });
  const other = docs.find((d) => d.file === elsewhere[0]!.doc)!;
  const answer = notFoundAnswer(kb, `nội dung này trong các văn bản của ${home}`, []);
  answer.answer += `\n\nKế hoạch của ${other.unitType} ${other.ward} (không phải của ${home}) có nội dung liên quan:\n- ${elsewhere[0]!.text.trim()} (${whereOf(kb, other.file, elsewhere[0]!.section)})`;
  answer.citations = [{ doc: other.file, section: elsewhere[0]!.section, quote: elsewhere[0]!.text.slice(0, 400) }];
  return finish({ ...single, answer, llm: false }, { ward });
}

export async function ask(kb: KnowledgeBase, raw: string, opts: AskOptions): Promise<AskResult> {
  const p = await prepareAnswer(kb, raw, opts);
  let answer = p.routed.answer;
  if (opts.llm && p.routed.llm && p.routed.evidence.length > 0) {
    try {
      answer = await opts.llm(p.question, p.routed.evidence);
    } catch (err) {
      opts.onLlmError?.(err);
    }
  }
  return { ...answer, context: p.context };
}

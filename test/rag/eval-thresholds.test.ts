/**
 * The issues' quality bars as regression tests: due lists, QA facts and refusals, evidence
 * recall, and the LLM path against an oracle that answers only from the excerpts it is sent.
 * The sets in test/fixtures were written independently from the documents and always run;
 * the dev sets in ../shared are measured when present and skipped, saying so, when absent.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmAnswerer } from "../../rag/answer/llm-answer.ts";
import type { KnowledgeBase } from "../../rag/knowledge/knowledge-base.ts";
import { evalDue, loadDueFile } from "../../scripts/eval-due.ts";
import { startOracle } from "../../scripts/eval-llm-oracle.ts";
import { evalEvidence, evalQa, loadQaFile, refusalScores, type QaItem, type QaResult } from "../../scripts/eval-qa.ts";
import { DEV_DATASETS, devDataset } from "../helpers/dev-datasets.ts";
import { openTestKnowledge } from "../helpers/knowledge.ts";

const SHARED = DEV_DATASETS;
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const NOW = new Date("2026-11-23T03:00:00Z");
// devDataset() prints the visible "skipped" line when a dev set is absent.
const sharedPresent = devDataset("qa.dev.jsonl") !== null;

const ownQa = readdirSync(FIXTURES)
  .filter((f) => /^qa\..*\.jsonl$/.test(f))
  .map((f) => path.join(FIXTURES, f));
const dueFiles = [path.join(FIXTURES, "due.own.json"), ...(devDataset("due.dev.json") !== null ? [path.join(SHARED, "due.dev.json")] : [])];

let kb: KnowledgeBase;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ kb, cleanup } = await openTestKnowledge());
});
afterAll(async () => cleanup());

function scores(items: QaItem[], results: QaResult[]) {
  const answerable = results.filter((_, i) => items[i]!.doc !== null);
  const unanswerable = results.filter((_, i) => items[i]!.doc === null);
  const share = (xs: QaResult[], f: (r: QaResult) => boolean) => (xs.length ? xs.filter(f).length / xs.length : 1);
  return {
    facts: share(answerable, (r) => r.factsOk),
    doc: share(answerable, (r) => r.docOk),
    refused: share(unanswerable, (r) => !r.answer.found),
    wronglyRefused: refusalScores(items, results).wronglyRefused,
    failing: results.filter((r) => !r.factsOk).map((r) => r.id),
  };
}

describe.each(dueFiles)("due lists on %s", (file) => {
  it("have precision and recall ≥ 0.95 in every period", () => {
    for (const s of evalDue(kb, loadDueFile(file))) {
      expect(s.precision, `${s.period} precision; extra: ${JSON.stringify(s.extra.slice(0, 3))}`).toBeGreaterThanOrEqual(0.95);
      expect(s.recall, `${s.period} recall; missing: ${JSON.stringify(s.missing.slice(0, 3))}`).toBeGreaterThanOrEqual(0.95);
    }
  });
});

/**
 * Floors just under what a set measured, so that one more failing question fails the test:
 * near-miss pairs 1.000 facts, 36/37 refused, none wrongly refused; typed questions 1.000,
 * 6/6, none. Other sets keep the issue's bars.
 */
const ISSUE_BARS = { facts: 0.95, doc: 0.95, refused: 0.95, wronglyRefused: 0.05 };
const FLOORS: Record<string, typeof ISSUE_BARS> = {
  "qa.nearmiss.own.jsonl": { facts: 0.98, doc: 0.98, refused: 0.97, wronglyRefused: 0.02 },
  "qa.typed.own.jsonl": { facts: 0.97, doc: 0.97, refused: 0.99, wronglyRefused: 0.04 },
};

describe.each(ownQa)("offline answers on %s", (file) => {
  const bar = FLOORS[path.basename(file)] ?? ISSUE_BARS;
  it(`state every fact in ≥ ${bar.facts} of answerable questions, cite the right document in ≥ ${bar.doc}, refuse ≥ ${bar.refused} of unanswerable ones and ≤ ${bar.wronglyRefused} of answerable ones`, async () => {
    const items = loadQaFile(file);
    const s = scores(items, await evalQa(kb, items, { now: NOW }));
    expect(s.facts, `failing: ${s.failing.join(", ")}`).toBeGreaterThanOrEqual(bar.facts);
    expect(s.doc).toBeGreaterThanOrEqual(bar.doc);
    expect(s.refused, `failing: ${s.failing.join(", ")}`).toBeGreaterThanOrEqual(bar.refused);
    expect(s.wronglyRefused).toBeLessThanOrEqual(bar.wronglyRefused);
  });
});

describe.skipIf(!sharedPresent)(`dev QA set (${sharedPresent ? "present" : "skipped: ../shared/datasets absent"})`, () => {
  it("keeps its facts, documents and refusals", async () => {
    const items = loadQaFile(path.join(SHARED, "qa.dev.jsonl"));
    const s = scores(items, await evalQa(kb, items, { now: NOW }));
    // Measured, not tuned: 1.000 facts (27/27) after the generic fixes of the near-miss round; 26/27 fails.
    expect(s.facts, `failing: ${s.failing.join(", ")}`).toBeGreaterThanOrEqual(0.97);
    expect(s.doc).toBeGreaterThanOrEqual(0.95);
    expect(s.refused).toBe(1);
  });
});

/** Every own question (≈ 390) through retrieval: ~11 s alone, three times that beside the whole suite. */
const WHOLE_SETS_MS = 120_000;

describe("what the LLM is sent", () => {
  it("holds every fact of ≥ 97% of answerable own questions, within the prompt budget", async () => {
    const items = ownQa.flatMap(loadQaFile);
    const rows = await evalEvidence(kb, items, { now: NOW });
    const answerable = rows.filter((r) => r.answerable);
    const recall = answerable.filter((r) => r.recalled).length / answerable.length;
    expect(recall, `missing: ${answerable.filter((r) => !r.recalled).map((r) => r.id).join(", ")}`).toBeGreaterThanOrEqual(0.97);
    for (const r of rows) expect(r.chars).toBeLessThanOrEqual(6000);
  }, WHOLE_SETS_MS);

  it.each(Object.keys(FLOORS))("holds every fact of the answerable questions of %s, ≈ 2,200 characters a question", async (name) => {
    const rows = await evalEvidence(kb, loadQaFile(path.join(FIXTURES, name)), { now: NOW });
    const answerable = rows.filter((r) => r.answerable);
    // Measured 1.000 on both sets; mean characters sent 2,243 (near-miss) and 2,188 (typed).
    expect(answerable.filter((r) => r.recalled).length / answerable.length, `missing: ${answerable.filter((r) => !r.recalled).map((r) => r.id).join(", ")}`).toBeGreaterThanOrEqual(0.97);
    const sent = rows.filter((r) => r.llm);
    expect(sent.reduce((n, r) => n + r.chars, 0) / sent.length).toBeLessThanOrEqual(2600);
  });

  it("lets an LLM that answers only from its excerpts reach the same bars (oracle on 127.0.0.1)", async () => {
    const items = ownQa.flatMap(loadQaFile);
    const oracle = await startOracle(items);
    try {
      const llm = createLlmAnswerer({ baseURL: oracle.baseURL, apiKey: "k", model: "oracle", timeoutMs: 5000, maxRetries: 0 });
      const errors: unknown[] = [];
      const s = scores(items, await evalQa(kb, items, { now: NOW, llm, onLlmError: (e) => errors.push(e) }));
      expect(errors).toEqual([]);
      expect(oracle.stats.unknown).toBe(0);
      expect(oracle.stats.answered).toBeGreaterThan(items.length / 2);
      expect(s.facts, `failing: ${s.failing.join(", ")}`).toBeGreaterThanOrEqual(0.95);
      expect(s.refused).toBeGreaterThanOrEqual(0.95);
      expect(s.wronglyRefused).toBeLessThanOrEqual(0.05);
    } finally {
      await oracle.close();
    }
  }, WHOLE_SETS_MS);
});

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

describe.each(ownQa)("offline answers on %s", (file) => {
  it("state every fact in ≥ 95% of answerable questions, cite the right document in ≥ 95%, refuse ≥ 95% of unanswerable ones and ≤ 5% of answerable ones", async () => {
    const items = loadQaFile(file);
    const s = scores(items, await evalQa(kb, items, { now: NOW }));
    expect(s.facts, `failing: ${s.failing.join(", ")}`).toBeGreaterThanOrEqual(0.95);
    expect(s.doc).toBeGreaterThanOrEqual(0.95);
    expect(s.refused, `failing: ${s.failing.join(", ")}`).toBeGreaterThanOrEqual(0.95);
    expect(s.wronglyRefused).toBeLessThanOrEqual(0.05);
  });
});

describe.skipIf(!sharedPresent)(`dev QA set (${sharedPresent ? "present" : "skipped: ../shared/datasets absent"})`, () => {
  it("keeps its facts, documents and refusals", async () => {
    const items = loadQaFile(path.join(SHARED, "qa.dev.jsonl"));
    const s = scores(items, await evalQa(kb, items, { now: NOW }));
    // Measured, not tuned: 0.926 facts at the time of writing (see the branch's report).
    expect(s.facts).toBeGreaterThanOrEqual(0.9);
    expect(s.doc).toBeGreaterThanOrEqual(0.95);
    expect(s.refused).toBe(1);
  });
});

describe("what the LLM is sent", () => {
  it("holds every fact of ≥ 97% of answerable own questions, within the prompt budget", async () => {
    const items = ownQa.flatMap(loadQaFile);
    const rows = await evalEvidence(kb, items, { now: NOW });
    const answerable = rows.filter((r) => r.answerable);
    const recall = answerable.filter((r) => r.recalled).length / answerable.length;
    expect(recall, `missing: ${answerable.filter((r) => !r.recalled).map((r) => r.id).join(", ")}`).toBeGreaterThanOrEqual(0.97);
    for (const r of rows) expect(r.chars).toBeLessThanOrEqual(6000);
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
  });
});

/**
 * The quality bars as regression tests: due lists and QA on the labelled sets.
 * The dev sets live in ../shared (present in CI and on developer machines); the sets in
 * test/fixtures were labelled independently from the documents and always run.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../rag/knowledge/knowledge-base.ts";
import { evalDue, loadDueFile } from "../../scripts/eval-due.ts";
import { evalQa, loadQaFile } from "../../scripts/eval-qa.ts";
import { openTestKnowledge } from "../helpers/knowledge.ts";
import { DEV_DATASETS, devDataset } from "../helpers/dev-datasets.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
// devDataset() prints the visible "skipped" line when a dev set is absent.
const dev = (name: string) => (devDataset(name) === null ? [] : [path.join(DEV_DATASETS, name)]);
const dueFiles = [path.join(FIXTURES, "due.own.json"), ...dev("due.dev.json")];
const qaFiles = [path.join(FIXTURES, "qa.own.jsonl"), ...dev("qa.dev.jsonl")];

let kb: KnowledgeBase;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ kb, cleanup } = await openTestKnowledge());
});
afterAll(async () => cleanup());

describe.each(dueFiles)("due lists on %s", (file) => {
  it("have precision and recall ≥ 0.95 in every period", () => {
    for (const s of evalDue(kb, loadDueFile(file))) {
      expect(s.precision, `${s.period} precision; extra: ${JSON.stringify(s.extra.slice(0, 3))}`).toBeGreaterThanOrEqual(0.95);
      expect(s.recall, `${s.period} recall; missing: ${JSON.stringify(s.missing.slice(0, 3))}`).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe.each(qaFiles)("offline answers on %s", (file) => {
  it("contain every fact in ≥ 75% of answers and cite the right document in ≥ 90%", async () => {
    const items = loadQaFile(file);
    const results = await evalQa(kb, items, { now: new Date("2026-11-23T03:00:00Z") });
    const share = (f: (r: (typeof results)[number]) => boolean) => results.filter(f).length / results.length;
    expect(share((r) => r.factsOk)).toBeGreaterThanOrEqual(0.75);
    expect(share((r) => r.docOk)).toBeGreaterThanOrEqual(0.9);
    // Unanswerable questions must come back found=false, not with an invented answer.
    const none = results.filter((_, i) => items[i]!.doc === null);
    expect(none.every((r) => !r.answer.found)).toBe(true);
  });
});

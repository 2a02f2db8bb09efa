/** A knowledge base over the shipped corpus in a temporary store, with local embeddings. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { KnowledgeBase } from "../../rag/knowledge/knowledge-base.ts";
import { LocalHashEmbeddings } from "../../rag/retrieval/embeddings.ts";
import type { Store } from "../../store/index.ts";
import { createTestDb } from "./test-db.ts";

export async function openTestKnowledge(): Promise<{ kb: KnowledgeBase; db: Store; cleanup: () => Promise<void> }> {
  const env = await createTestDb();
  const indexDir = mkdtempSync(path.join(tmpdir(), "kb-index-"));
  const kb = await KnowledgeBase.open({ db: env.db, embeddings: new LocalHashEmbeddings(), indexDir });
  return {
    kb,
    db: env.db,
    async cleanup() {
      await env.cleanup();
      rmSync(indexDir, { recursive: true, force: true });
    },
  };
}

/** The shipped plan documents the answer tests cite. */
export const PL_PLAN = "000_c0fd484245b598e1.txt";
export const ND_PLAN = "001_47201d46dd89f372.txt";
export const PL_DIGITAL = "002_323bdf7c776365e2.txt";
export const HA_PLAN = "004_c7146c0b9c6fa341.txt";

/** Opens the test knowledge base before a file's tests (handing it to `use`) and closes it after. */
export function useTestKnowledge(use: (kb: KnowledgeBase) => void): void {
  let cleanup: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const opened = await openTestKnowledge();
    cleanup = opened.cleanup;
    use(opened.kb);
  });
  afterAll(async () => cleanup?.());
}

/** A knowledge base over the shipped corpus in a temporary store, with local embeddings. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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

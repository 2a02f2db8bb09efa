/**
 * Exact (brute-force) `VectorIndex` on LangChain's `MemoryVectorStore`: the baseline for
 * the benchmark and the ground truth for HNSW recall.
 *
 * langchain 1.x no longer ships `langchain/vectorstores/memory`; the store moved to
 * `@langchain/classic` (installed as a dependency of `@langchain/community`).
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { z } from "zod";
import { chunkSearchText, type Chunk, type VectorHit, type VectorIndex } from "./types.ts";

const FILE = "brute-force.json";
const fileSchema = z.object({
  version: z.literal(1),
  ids: z.array(z.string()),
  vectors: z.array(z.array(z.number())),
});

export class BruteForceVectorIndex implements VectorIndex {
  private readonly store: MemoryVectorStore;
  private readonly embeddings: EmbeddingsInterface;

  constructor(embeddings: EmbeddingsInterface) {
    this.embeddings = embeddings;
    this.store = new MemoryVectorStore(embeddings);
  }

  get size(): number {
    return this.store.memoryVectors.length;
  }

  async add(chunks: readonly Chunk[], vectors?: readonly number[][]): Promise<void> {
    if (chunks.length === 0) return;
    const vecs = vectors ?? (await this.embeddings.embedDocuments(chunks.map(chunkSearchText)));
    if (vecs.length !== chunks.length) throw new Error(`got ${vecs.length} vectors for ${chunks.length} chunks`);
    await this.store.addVectors(
      vecs as number[][],
      chunks.map((c) => new Document({ pageContent: "", metadata: {}, id: c.id })),
    );
  }

  async search(queryVector: number[], k: number, filter?: (id: string) => boolean): Promise<VectorHit[]> {
    if (k <= 0 || this.size === 0) return [];
    const hits = await this.store.similaritySearchVectorWithScore(
      queryVector,
      k,
      filter ? (doc: Document) => filter(doc.id ?? "") : undefined,
    );
    // The store returns cosine similarity; the interface speaks cosine distance like HNSW.
    return hits.map(([doc, similarity]) => ({ id: doc.id ?? "", distance: 1 - similarity }));
  }

  async save(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    const mv = this.store.memoryVectors;
    await writeFile(
      path.join(dir, FILE),
      JSON.stringify({ version: 1, ids: mv.map((v) => v.id ?? ""), vectors: mv.map((v) => v.embedding) }),
    );
  }

  static async load(dir: string, embeddings: EmbeddingsInterface): Promise<BruteForceVectorIndex> {
    const f = fileSchema.parse(JSON.parse(await readFile(path.join(dir, FILE), "utf8")));
    const idx = new BruteForceVectorIndex(embeddings);
    await idx.store.addVectors(
      f.vectors,
      f.ids.map((id) => new Document({ pageContent: "", metadata: {}, id })),
    );
    return idx;
  }
}

/**
 * `VectorIndex` on LangChain's `HNSWLib` (hnswlib-node underneath), cosine space.
 *
 * LangChain does not expose the HNSW build/search parameters, so:
 * - M / efConstruction / seed: we create and `initIndex` the native index ourselves and
 *   hand it to `HNSWLib`. LangChain re-initialises an index whose count is 0 (with
 *   defaults) on its first `addVectors`, so the very first point is inserted directly.
 * - efSearch: `index.setEf()` on the native index after creating or loading (hnswlib
 *   does not persist ef; the default of 10 gives poor recall).
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { z } from "zod";
import { chunkSearchText, type Chunk, type VectorHit, type VectorIndex } from "./types.ts";

export interface HnswParams {
  /** Graph degree (default 24). Higher: better recall on hard (high intrinsic dimension) data, bigger index. */
  m?: number;
  /** Build-time beam width (default 200). */
  efConstruction?: number;
  /**
   * Query-time beam width (default 256; hnswlib uses max(efSearch, k)). Plenty for corpora
   * up to ~10k chunks; at 100k hash-embedded chunks recall@10 ≥ 0.95 needed ~1200–1400.
   */
  efSearch?: number;
  /** Level-assignment seed, for reproducible graphs (default 100, hnswlib's own default). */
  randomSeed?: number;
  /** Expected number of vectors, to allocate once instead of resizing per batch. */
  capacity?: number;
}

const DEFAULTS = { m: 24, efConstruction: 200, efSearch: 256, randomSeed: 100 } as const;

/** The parameters a built graph depends on (efSearch is query-time only). Part of the retrieval index hash. */
export function hnswBuildIdentity(params: HnswParams = {}): { m: number; efConstruction: number; randomSeed: number } {
  return {
    m: params.m ?? DEFAULTS.m,
    efConstruction: params.efConstruction ?? DEFAULTS.efConstruction,
    randomSeed: params.randomSeed ?? DEFAULTS.randomSeed,
  };
}

const paramsFileSchema = z.object({
  version: z.literal(1),
  m: z.number().int().positive(),
  efConstruction: z.number().int().positive(),
  efSearch: z.number().int().positive(),
  randomSeed: z.number().int(),
  dimensions: z.number().int().positive().nullable(),
});
const PARAMS_FILE = "hnsw-params.json";

export class HnswVectorIndex implements VectorIndex {
  private store: HNSWLib | undefined;
  private readonly embeddings: EmbeddingsInterface;
  private readonly m: number;
  private readonly efConstruction: number;
  private efSearch: number;
  private readonly randomSeed: number;
  private readonly capacity: number;

  constructor(embeddings: EmbeddingsInterface, params: HnswParams = {}, store?: HNSWLib) {
    this.embeddings = embeddings;
    this.m = params.m ?? DEFAULTS.m;
    this.efConstruction = params.efConstruction ?? DEFAULTS.efConstruction;
    this.efSearch = params.efSearch ?? DEFAULTS.efSearch;
    this.randomSeed = params.randomSeed ?? DEFAULTS.randomSeed;
    this.capacity = params.capacity ?? 0;
    this.store = store;
    if (store) store.index.setEf(this.efSearch);
  }

  get size(): number {
    return this.store?._index ? this.store.index.getCurrentCount() : 0;
  }

  get dimensions(): number | undefined {
    return this.store?.args.numDimensions;
  }

  get params(): Required<Omit<HnswParams, "capacity">> {
    return { m: this.m, efConstruction: this.efConstruction, efSearch: this.efSearch, randomSeed: this.randomSeed };
  }

  /** Changes the query beam width; takes effect on the next search. */
  setEfSearch(ef: number): void {
    this.efSearch = ef;
    if (this.store?._index) this.store.index.setEf(ef);
  }

  /**
   * Adds chunks in one batch. Prefer few large batches: LangChain's in-memory docstore
   * checks new keys against all existing ones, which is quadratic over many small adds.
   */
  async add(chunks: readonly Chunk[], vectors?: readonly number[][]): Promise<void> {
    if (chunks.length === 0) return;
    const vecs = vectors ?? (await this.embeddings.embedDocuments(chunks.map(chunkSearchText)));
    if (vecs.length !== chunks.length) throw new Error(`got ${vecs.length} vectors for ${chunks.length} chunks`);
    // Only the id is stored: chunk texts live with the caller (the hybrid retriever keeps them once).
    const docs = chunks.map((c) => new Document({ pageContent: "", metadata: {}, id: c.id }));
    let from = 0;
    if (!this.store) {
      const dims = vecs[0]!.length;
      const { HierarchicalNSW } = await HNSWLib.imports();
      const index = new HierarchicalNSW("cosine", dims);
      index.initIndex({
        maxElements: Math.max(this.capacity, chunks.length),
        m: this.m,
        efConstruction: this.efConstruction,
        randomSeed: this.randomSeed,
      });
      index.setEf(this.efSearch);
      const store = new HNSWLib(this.embeddings, { space: "cosine", numDimensions: dims, index });
      // See the file comment: a non-empty index keeps our M/efConstruction.
      index.addPoint(vecs[0] as number[], 0);
      store.docstore.add({ "0": docs[0]! });
      this.store = store;
      from = 1;
    }
    if (from < chunks.length) await this.store.addVectors(vecs.slice(from) as number[][], docs.slice(from));
  }

  async search(queryVector: number[], k: number, filter?: (id: string) => boolean): Promise<VectorHit[]> {
    const n = this.size;
    if (!this.store || n === 0 || k <= 0) return [];
    // Clamp ourselves: LangChain would clamp too, but logs a warning each time.
    const kk = Math.min(k, n);
    const hits = await this.store.similaritySearchVectorWithScore(
      queryVector,
      kk,
      filter ? (doc: Document) => filter(doc.id ?? "") : undefined,
    );
    return hits.map(([doc, distance]) => ({ id: doc.id ?? "", distance }));
  }

  async save(dir: string): Promise<void> {
    if (!this.store) throw new Error("cannot save an empty HNSW index");
    await mkdir(dir, { recursive: true });
    await this.store.save(dir);
    const params: z.infer<typeof paramsFileSchema> = {
      version: 1,
      ...this.params,
      dimensions: this.store.args.numDimensions ?? null,
    };
    await writeFile(path.join(dir, PARAMS_FILE), JSON.stringify(params));
  }

  /** Loads an index written by `save`; `efSearch` overrides the saved value. */
  static async load(dir: string, embeddings: EmbeddingsInterface, opts: { efSearch?: number } = {}): Promise<HnswVectorIndex> {
    const saved = paramsFileSchema.parse(JSON.parse(await readFile(path.join(dir, PARAMS_FILE), "utf8")));
    const store = await HNSWLib.load(dir, embeddings);
    return new HnswVectorIndex(
      embeddings,
      { m: saved.m, efConstruction: saved.efConstruction, efSearch: opts.efSearch ?? saved.efSearch, randomSeed: saved.randomSeed },
      store,
    );
  }
}

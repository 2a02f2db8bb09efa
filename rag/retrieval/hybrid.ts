/**
 * Hybrid retrieval: BM25 over folded syllables/bigrams + vector search, fused by
 * reciprocal rank fusion (rank-fusion.ts). Saved to and loaded from one directory in the
 * format of index-format.ts.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { syllables } from "../text/vietnamese.ts";
import { BruteForceVectorIndex } from "./brute-force-store.ts";
import { embeddingsIdentity } from "./embeddings.ts";
import { HnswVectorIndex, type HnswParams } from "./hnsw-store.ts";
import { FILES, FORMAT_VERSION, indexContentHash, indexNeedsRebuild, readManifest, type Manifest } from "./index-format.ts";
import { LexicalIndex, type LexicalOptions } from "./lexical.ts";
import { reciprocalRankFusion, RRF_K } from "./rank-fusion.ts";
import { chunkListSchema, chunkSearchText, type Chunk, type ScoredChunk, type VectorIndex } from "./types.ts";

export { reciprocalRankFusion, RRF_K, type FusedItem, type RankedList } from "./rank-fusion.ts";

export type VectorStoreKind = "hnsw" | "brute-force";

export interface HybridConfig {
  /** RRF constant (default 60). */
  rrfK?: number;
  /** Per-source weights (default 1 and 1). A weight of 0 turns that source off. */
  weights?: { lexical?: number; vector?: number };
  /** How many candidates each source contributes before fusion (default 50). */
  candidates?: number;
  /** Build-time only. */
  lexical?: LexicalOptions;
  /** Build-time only (efSearch also applies at load). */
  hnsw?: HnswParams;
  /** Build-time only; recorded in the manifest. */
  vectorStore?: VectorStoreKind;
}

export interface HybridSearchOptions {
  /** Results to return (default 10). */
  k?: number;
  /** Keep only chunks for which this is true (e.g. one document or ward). */
  filter?: (chunk: Chunk) => boolean;
  weights?: { lexical?: number; vector?: number };
  candidates?: number;
  rrfK?: number;
}

export class HybridRetriever {
  readonly hash: string;
  private readonly chunkList: readonly Chunk[];
  private readonly byId: Map<string, Chunk>;
  private readonly lexical: LexicalIndex;
  private readonly vectors: VectorIndex;
  private readonly embeddings: EmbeddingsInterface;
  private readonly vectorStore: VectorStoreKind;
  private readonly config: HybridConfig;

  private constructor(p: {
    chunks: readonly Chunk[];
    lexical: LexicalIndex;
    vectors: VectorIndex;
    embeddings: EmbeddingsInterface;
    hash: string;
    vectorStore: VectorStoreKind;
    config: HybridConfig;
  }) {
    this.chunkList = p.chunks;
    this.byId = new Map(p.chunks.map((c) => [c.id, c]));
    this.lexical = p.lexical;
    this.vectors = p.vectors;
    this.embeddings = p.embeddings;
    this.hash = p.hash;
    this.vectorStore = p.vectorStore;
    this.config = p.config;
  }

  /** What a persisted index depends on (see index-format.ts); compare with `needsRebuild`. */
  static contentHash(chunks: readonly Chunk[], embeddings: EmbeddingsInterface, config: HybridConfig = {}): string {
    return indexContentHash(chunks, embeddings, config);
  }

  static async build(chunks: readonly Chunk[], embeddings: EmbeddingsInterface, config: HybridConfig = {}): Promise<HybridRetriever> {
    const valid = chunkListSchema.parse(chunks);
    const seen = new Set<string>();
    for (const c of valid) {
      if (seen.has(c.id)) throw new Error(`duplicate chunk id: ${c.id}`);
      seen.add(c.id);
    }
    const texts = valid.map(chunkSearchText);
    const lexical = LexicalIndex.build(
      valid.map((c, i) => ({ id: c.id, text: texts[i]! })),
      config.lexical,
    );
    const vectorStore = config.vectorStore ?? "hnsw";
    const vectors: VectorIndex =
      vectorStore === "hnsw"
        ? new HnswVectorIndex(embeddings, { ...config.hnsw, capacity: Math.max(config.hnsw?.capacity ?? 0, valid.length) })
        : new BruteForceVectorIndex(embeddings);
    if (valid.length > 0) await vectors.add(valid, await embeddings.embedDocuments(texts));
    return new HybridRetriever({
      chunks: valid,
      lexical,
      vectors,
      embeddings,
      hash: HybridRetriever.contentHash(valid, embeddings, config),
      vectorStore,
      config,
    });
  }

  get size(): number {
    return this.chunkList.length;
  }

  get chunks(): readonly Chunk[] {
    return this.chunkList;
  }

  getChunk(id: string): Chunk | undefined {
    return this.byId.get(id);
  }

  async search(query: string, opts: HybridSearchOptions = {}): Promise<ScoredChunk[]> {
    const k = opts.k ?? 10;
    if (k <= 0 || this.chunkList.length === 0 || syllables(query).length === 0) return [];
    const candidates = Math.max(k, opts.candidates ?? this.config.candidates ?? 50);
    const wLex = opts.weights?.lexical ?? this.config.weights?.lexical ?? 1;
    const wVec = opts.weights?.vector ?? this.config.weights?.vector ?? 1;
    const filter = opts.filter;

    const lexIds =
      wLex > 0
        ? this.lexical
            .search(query, candidates, filter ? (_id, i) => filter(this.chunkList[i]!) : undefined)
            .map((h) => h.id)
        : [];
    let vecIds: string[] = [];
    if (wVec > 0) {
      const qv = await this.embeddings.embedQuery(query);
      const hits = await this.vectors.search(
        qv,
        candidates,
        filter
          ? (id) => {
              const c = this.byId.get(id);
              return c !== undefined && filter(c);
            }
          : undefined,
      );
      vecIds = hits.map((h) => h.id);
    }
    const fused = reciprocalRankFusion(
      [
        { name: "lexical", ids: lexIds, weight: wLex },
        { name: "vector", ids: vecIds, weight: wVec },
      ],
      opts.rrfK ?? this.config.rrfK ?? RRF_K,
    );
    return fused.slice(0, k).map((f, i) => ({
      chunk: this.byId.get(f.id)!,
      score: f.score,
      rank: i + 1,
      ranks: { lexical: f.ranks.lexical, vector: f.ranks.vector },
    }));
  }

  async save(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    // Invalidate first: if anything below fails, the directory reads as stale.
    await rm(path.join(dir, FILES.manifest), { force: true });
    await rm(path.join(dir, FILES.vectors), { recursive: true, force: true });
    await writeFile(path.join(dir, FILES.chunks), JSON.stringify(this.chunkList));
    await writeFile(path.join(dir, FILES.lexical), JSON.stringify(this.lexical.toJSON()));
    if (this.vectors.size > 0) await this.vectors.save(path.join(dir, FILES.vectors));
    const manifest: Manifest = {
      version: FORMAT_VERSION,
      hash: this.hash,
      embeddings: embeddingsIdentity(this.embeddings),
      dimensions: this.vectors instanceof HnswVectorIndex ? (this.vectors.dimensions ?? null) : null,
      vectorStore: this.vectorStore,
      count: this.chunkList.length,
      createdAt: new Date().toISOString(),
    };
    await writeFile(path.join(dir, FILES.manifest), JSON.stringify(manifest, null, 2));
  }

  /** True when `dir` holds no complete index for `hash` (see `contentHash`). */
  static needsRebuild(dir: string, hash: string): Promise<boolean> {
    return indexNeedsRebuild(dir, hash);
  }

  static async load(dir: string, embeddings: EmbeddingsInterface, config: HybridConfig = {}): Promise<HybridRetriever> {
    const m = await readManifest(dir);
    if (!m) throw new Error(`no valid retrieval index in ${dir}`);
    const identity = embeddingsIdentity(embeddings);
    if (m.embeddings !== identity) {
      // Vectors from another model are meaningless to this one: refuse rather than return noise.
      throw new Error(`index in ${dir} was built with embeddings "${m.embeddings}", not "${identity}": rebuild it`);
    }
    const [chunksRaw, lexicalRaw] = await Promise.all([
      readFile(path.join(dir, FILES.chunks), "utf8"),
      readFile(path.join(dir, FILES.lexical), "utf8"),
    ]);
    const chunks = chunkListSchema.parse(JSON.parse(chunksRaw));
    const lexical = LexicalIndex.fromJSON(JSON.parse(lexicalRaw));
    if (chunks.length !== m.count || lexical.size !== m.count) throw new Error(`index in ${dir} is inconsistent: rebuild it`);
    const vdir = path.join(dir, FILES.vectors);
    let vectors: VectorIndex;
    if (m.vectorStore === "hnsw") {
      vectors =
        m.count > 0
          ? await HnswVectorIndex.load(vdir, embeddings, { efSearch: config.hnsw?.efSearch })
          : new HnswVectorIndex(embeddings, config.hnsw);
    } else {
      vectors = m.count > 0 ? await BruteForceVectorIndex.load(vdir, embeddings) : new BruteForceVectorIndex(embeddings);
    }
    return new HybridRetriever({ chunks, lexical, vectors, embeddings, hash: m.hash, vectorStore: m.vectorStore, config });
  }
}

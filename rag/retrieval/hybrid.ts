/**
 * Hybrid retrieval: BM25 over folded syllables/bigrams + vector search, fused by
 * reciprocal rank fusion (RRF). RRF only uses ranks, so the two very different score
 * scales (BM25 sums, cosine distances) need no calibration.
 *
 * Persistence (one directory):
 *   manifest.json   format version, content hash, embeddings identity, store kind; written
 *                   last, so a half-written directory reads as "needs rebuild"
 *   chunks.json     the chunks, in index order
 *   lexical.json    the BM25 index
 *   vectors/        the vector store's own files
 */
import { createHash } from "node:crypto";
import { access, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod";
import { syllables } from "../text/vietnamese.ts";
import { BruteForceVectorIndex } from "./brute-force-store.ts";
import { embeddingsIdentity } from "./embeddings.ts";
import { HnswVectorIndex, hnswBuildIdentity, type HnswParams } from "./hnsw-store.ts";
import { LexicalIndex, lexicalBuildIdentity, type LexicalOptions } from "./lexical.ts";
import { chunkListSchema, chunkSearchText, type Chunk, type ScoredChunk, type VectorIndex } from "./types.ts";

export const RRF_K = 60;

export interface RankedList {
  name: string;
  /** Ids best first. */
  ids: readonly string[];
  weight?: number;
}

export interface FusedItem {
  id: string;
  score: number;
  /** 1-based rank per list name. */
  ranks: Record<string, number>;
}

/**
 * Weighted RRF: score(d) = Σ_lists weight / (k + rank(d)), rank 1-based. Ties go to the
 * item with the better single best rank, then to first appearance, so output is stable.
 */
export function reciprocalRankFusion(lists: readonly RankedList[], k: number = RRF_K): FusedItem[] {
  const items = new Map<string, FusedItem & { best: number; order: number }>();
  let order = 0;
  for (const list of lists) {
    const w = list.weight ?? 1;
    if (w === 0) continue;
    list.ids.forEach((id, i) => {
      const rank = i + 1;
      let it = items.get(id);
      if (!it) {
        it = { id, score: 0, ranks: {}, best: rank, order: order++ };
        items.set(id, it);
      }
      // A list repeating an id counts only its first (best) position.
      if (it.ranks[list.name] !== undefined) return;
      it.ranks[list.name] = rank;
      it.score += w / (k + rank);
      if (rank < it.best) it.best = rank;
    });
  }
  return [...items.values()]
    .sort((a, b) => b.score - a.score || a.best - b.best || a.order - b.order)
    .map(({ id, score, ranks }) => ({ id, score, ranks }));
}

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

const FORMAT_VERSION = 1;

const manifestSchema = z.object({
  version: z.literal(FORMAT_VERSION),
  hash: z.string(),
  embeddings: z.string(),
  dimensions: z.number().int().positive().nullable(),
  vectorStore: z.enum(["hnsw", "brute-force"]),
  count: z.number().int().nonnegative(),
  createdAt: z.string(),
});
type Manifest = z.infer<typeof manifestSchema>;

const FILES = { manifest: "manifest.json", chunks: "chunks.json", lexical: "lexical.json", vectors: "vectors" } as const;

/** JSON with sorted object keys, so `meta` key order does not change the hash. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
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

  /**
   * What a persisted index depends on: the chunks (all fields, in order), the embeddings
   * identity, the build parameters (BM25, stop syllables, HNSW graph, store kind; defaults
   * resolved, so `{}` and the explicit defaults agree) and the on-disk format. Compare with
   * `needsRebuild`.
   */
  static contentHash(chunks: readonly Chunk[], embeddings: EmbeddingsInterface, config: HybridConfig = {}): string {
    const vectorStore = config.vectorStore ?? "hnsw";
    const build = {
      lexical: lexicalBuildIdentity(config.lexical),
      vectors: vectorStore === "hnsw" ? { kind: vectorStore, ...hnswBuildIdentity(config.hnsw) } : { kind: vectorStore },
    };
    const h = createHash("sha256");
    h.update(`hybrid-v${FORMAT_VERSION}\n${embeddingsIdentity(embeddings)}\n${stableStringify(build)}\n`);
    for (const c of chunks) {
      h.update(stableStringify([c.id, c.doc, c.section, c.text, c.kind, c.meta ?? null]));
      h.update("\n");
    }
    return h.digest("hex");
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

  private static async readManifest(dir: string): Promise<Manifest | undefined> {
    try {
      return manifestSchema.parse(JSON.parse(await readFile(path.join(dir, FILES.manifest), "utf8")));
    } catch {
      return undefined;
    }
  }

  /** True when `dir` holds no complete index for `hash` (see `contentHash`). */
  static async needsRebuild(dir: string, hash: string): Promise<boolean> {
    const m = await HybridRetriever.readManifest(dir);
    if (!m || m.hash !== hash) return true;
    const required = [FILES.chunks, FILES.lexical, ...(m.count > 0 ? [FILES.vectors] : [])];
    try {
      await Promise.all(required.map((f) => access(path.join(dir, f))));
      return false;
    } catch {
      return true;
    }
  }

  static async load(dir: string, embeddings: EmbeddingsInterface, config: HybridConfig = {}): Promise<HybridRetriever> {
    const m = await HybridRetriever.readManifest(dir);
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

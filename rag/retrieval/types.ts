/**
 * Types shared by the retrieval layer. Everything here is store-agnostic: LangChain
 * classes stay inside the store implementations so a store can be swapped without
 * touching callers.
 */
import { z } from "zod";

export const chunkSchema = z.object({
  id: z.string().min(1),
  /** Source document file name (what answers cite). */
  doc: z.string().min(1),
  /** Section heading or path the chunk belongs to; may be empty. */
  section: z.string(),
  text: z.string(),
  kind: z.enum(["section", "task"]),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type Chunk = z.infer<typeof chunkSchema>;

export const chunkListSchema = z.array(chunkSchema);

/** A retrieved chunk; `rank` is 1-based, `score` is higher-is-better. */
export interface ScoredChunk {
  chunk: Chunk;
  score: number;
  rank: number;
  /** 1-based rank in each source list the chunk appeared in (for debugging and tuning). */
  ranks?: { lexical?: number; vector?: number };
}

/** One nearest neighbour: cosine distance, lower is closer. */
export interface VectorHit {
  id: string;
  distance: number;
}

/**
 * The only vector-store surface the product depends on. Implementations wrap a concrete
 * store (HNSW, brute force, later pgvector...).
 */
export interface VectorIndex {
  /**
   * Adds chunks. When `vectors` is given it must be parallel to `chunks` and is used as is
   * (lets callers embed once and feed several stores); otherwise the index embeds
   * `chunkSearchText(chunk)` with its own embeddings.
   */
  add(chunks: readonly Chunk[], vectors?: readonly number[][]): Promise<void>;
  /** k nearest chunks to `queryVector`, closest first; `filter` restricts by chunk id. */
  search(queryVector: number[], k: number, filter?: (id: string) => boolean): Promise<VectorHit[]>;
  /** Writes the index into `dir` (created if needed). */
  save(dir: string): Promise<void>;
  /** Number of stored vectors. */
  readonly size: number;
}

/**
 * The text a chunk is indexed under, lexically and by vector. The section heading is
 * included because questions often name the heading ("kế hoạch giám sát").
 */
export function chunkSearchText(chunk: Pick<Chunk, "section" | "text">): string {
  return chunk.section ? `${chunk.section}\n${chunk.text}` : chunk.text;
}

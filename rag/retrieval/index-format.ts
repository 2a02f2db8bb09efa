/**
 * The on-disk format of a hybrid index (one directory):
 *   manifest.json   format version, content hash, embeddings identity, store kind; written
 *                   last, so a half-written directory reads as "needs rebuild"
 *   chunks.json     the chunks, in index order
 *   lexical.json    the BM25 index
 *   vectors/        the vector store's own files
 * and the content hash that tells whether a saved index still matches its inputs.
 */
import { createHash } from "node:crypto";
import { access, readFile } from "node:fs/promises";
import path from "node:path";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod";
import { embeddingsIdentity } from "./embeddings.ts";
import type { HybridConfig } from "./hybrid.ts";
import { hnswBuildIdentity } from "./hnsw-store.ts";
import { lexicalBuildIdentity } from "./lexical.ts";
import type { Chunk } from "./types.ts";

export const FORMAT_VERSION = 1;

const manifestSchema = z.object({
  version: z.literal(FORMAT_VERSION),
  hash: z.string(),
  embeddings: z.string(),
  dimensions: z.number().int().positive().nullable(),
  vectorStore: z.enum(["hnsw", "brute-force"]),
  count: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const FILES = { manifest: "manifest.json", chunks: "chunks.json", lexical: "lexical.json", vectors: "vectors" } as const;

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

/**
 * What a persisted index depends on: the chunks (all fields, in order), the embeddings
 * identity, the build parameters (BM25, stop syllables, HNSW graph, store kind; defaults
 * resolved, so `{}` and the explicit defaults agree) and the on-disk format. Compare with
 * `indexNeedsRebuild`.
 */
export function indexContentHash(chunks: readonly Chunk[], embeddings: EmbeddingsInterface, config: HybridConfig = {}): string {
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

/** The directory's manifest; undefined when missing or unreadable (the index is then stale). */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    return manifestSchema.parse(JSON.parse(await readFile(path.join(dir, FILES.manifest), "utf8")));
  } catch {
    return undefined;
  }
}

/** True when `dir` holds no complete index for `hash` (see `indexContentHash`). */
export async function indexNeedsRebuild(dir: string, hash: string): Promise<boolean> {
  const m = await readManifest(dir);
  if (!m || m.hash !== hash) return true;
  const required = [FILES.chunks, FILES.lexical, ...(m.count > 0 ? [FILES.vectors] : [])];
  try {
    await Promise.all(required.map((f) => access(path.join(dir, f))));
    return false;
  } catch {
    return true;
  }
}

/**
 * Embeddings for the vector half of retrieval.
 *
 * - `LocalHashEmbeddings`: deterministic and offline (feature hashing), so the assistant,
 *   its tests and the benchmark work without any API.
 * - `OpenAICompatibleEmbeddings`: any OpenAI-compatible `/v1/embeddings` endpoint through
 *   the `openai` SDK directly (no `@langchain/openai`, which pins Node versions).
 *
 * Both expose `identity`, recorded in persisted indexes: vectors from different models
 * are not comparable, so a changed identity means "rebuild".
 */
import { Embeddings } from "@langchain/core/embeddings";
import OpenAI from "openai";
import { lexicalTokens } from "./lexical.ts";

/** Embeddings that can name themselves (model + dimensions), for index manifests. */
export interface IdentifiedEmbeddings {
  readonly identity: string;
}

export function embeddingsIdentity(embeddings: object): string {
  const id = (embeddings as Partial<IdentifiedEmbeddings>).identity;
  return typeof id === "string" ? id : embeddings.constructor.name;
}

// Distinct seeds per feature family so a trigram never collides with an equal unigram.
const SEED_UNIGRAM = 0x811c9dc5;
const SEED_BIGRAM = 0x9747b28c;
const SEED_TRIGRAM = 0x1b873593;

/** FNV-1a with a murmur3 finaliser; inputs are folded ASCII. */
function hash32(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface LocalHashEmbeddingsOptions {
  /** Output dimensions (default 384). */
  dimensions?: number;
  unigramWeight?: number;
  bigramWeight?: number;
  /** Character trigrams absorb typos and partial words; weighted low because they are many. */
  trigramWeight?: number;
}

/**
 * Feature hashing of folded syllables, syllable bigrams and in-syllable character
 * trigrams; sublinear tf (1 + ln tf), signed buckets (collisions cancel instead of
 * adding up), L2-normalised.
 */
export class LocalHashEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  readonly dimensions: number;
  private readonly wUni: number;
  private readonly wBi: number;
  private readonly wTri: number;

  constructor(opts: LocalHashEmbeddingsOptions = {}) {
    super({});
    this.dimensions = opts.dimensions ?? 384;
    if (!Number.isInteger(this.dimensions) || this.dimensions < 8) throw new Error("dimensions must be an integer ≥ 8");
    this.wUni = opts.unigramWeight ?? 1;
    this.wBi = opts.bigramWeight ?? 0.7;
    this.wTri = opts.trigramWeight ?? 0.25;
  }

  get identity(): string {
    return `local-hash-v1:${this.dimensions}:${this.wUni}:${this.wBi}:${this.wTri}`;
  }

  /** Synchronous core, also used by the benchmark to embed 100k chunks without promises. */
  embedSync(text: string): number[] {
    const uni = new Map<number, number>();
    const bi = new Map<number, number>();
    const tri = new Map<number, number>();
    const bump = (m: Map<number, number>, h: number) => m.set(h, (m.get(h) ?? 0) + 1);
    for (const tok of lexicalTokens(text)) {
      if (tok.includes("_")) {
        bump(bi, hash32(tok, SEED_BIGRAM));
        continue;
      }
      bump(uni, hash32(tok, SEED_UNIGRAM));
      const padded = `#${tok}#`;
      for (let i = 0; i + 3 <= padded.length; i++) bump(tri, hash32(padded.slice(i, i + 3), SEED_TRIGRAM));
    }
    const v = new Float64Array(this.dimensions);
    const dims = this.dimensions;
    const add = (m: Map<number, number>, w: number) => {
      for (const [h, tf] of m) {
        // Bucket from the low bits, sign from the top bit: independent for any dims.
        const i = h % dims;
        v[i] = v[i]! + (h & 0x80000000 ? -w : w) * (1 + Math.log(tf));
      }
    };
    add(uni, this.wUni);
    add(bi, this.wBi);
    add(tri, this.wTri);
    let norm = 0;
    for (let i = 0; i < dims; i++) norm += v[i]! * v[i]!;
    if (norm === 0) {
      // Empty or stop-word-only text: a fixed unit vector keeps cosine defined.
      v[0] = 1;
      norm = 1;
    }
    const inv = 1 / Math.sqrt(norm);
    const out = new Array<number>(dims);
    for (let i = 0; i < dims; i++) out[i] = v[i]! * inv;
    return out;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embedSync(d));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return this.embedSync(document);
  }
}

export interface EmbeddingsConfig {
  apiKey?: string;
  baseURL?: string;
  embeddingModel?: string;
  timeoutMs?: number;
}

export interface OpenAICompatibleEmbeddingsOptions extends EmbeddingsConfig {
  embeddingModel: string;
  /** Inputs per request (default 128). */
  batchSize?: number;
  /** Requests in flight at once (default 2). */
  maxConcurrency?: number;
  /** SDK-level retries (default 2); LangChain's own retry layer is disabled to avoid stacking. */
  maxRetries?: number;
  /** Requested output size, for models that support shortening (text-embedding-3-*). */
  dimensions?: number;
  /** Injected client (tests, shared connection pools). */
  client?: OpenAI;
}

export class OpenAICompatibleEmbeddings extends Embeddings implements IdentifiedEmbeddings {
  readonly model: string;
  readonly batchSize: number;
  readonly requestedDimensions: number | undefined;
  private readonly client: OpenAI;

  constructor(opts: OpenAICompatibleEmbeddingsOptions) {
    super({ maxConcurrency: opts.maxConcurrency ?? 2, maxRetries: 0 });
    this.model = opts.embeddingModel;
    this.batchSize = Math.max(1, opts.batchSize ?? 128);
    this.requestedDimensions = opts.dimensions;
    this.client =
      opts.client ??
      new OpenAI({
        // Local OpenAI-compatible servers often need no key, but the SDK insists on one.
        apiKey: opts.apiKey || "not-needed",
        baseURL: opts.baseURL,
        timeout: opts.timeoutMs ?? 30_000,
        maxRetries: opts.maxRetries ?? 2,
      });
  }

  get identity(): string {
    // The endpoint is left out on purpose: the same model behind another URL gives the same vectors.
    return `openai:${this.model}${this.requestedDimensions ? `:${this.requestedDimensions}` : ""}`;
  }

  private async embedBatch(input: string[]): Promise<number[][]> {
    const res = await this.client.embeddings.create({
      model: this.model,
      // Empty strings are rejected by the API; a space embeds as "nothing".
      input: input.map((s) => (s.length === 0 ? " " : s)),
      // Explicit floats: the SDK otherwise asks for base64, which many compatible servers lack.
      encoding_format: "float",
      ...(this.requestedDimensions ? { dimensions: this.requestedDimensions } : {}),
    });
    if (res.data.length !== input.length) {
      throw new Error(`embeddings endpoint returned ${res.data.length} vectors for ${input.length} inputs`);
    }
    const out = new Array<number[]>(input.length);
    // Servers may reorder; `index` is authoritative.
    res.data.forEach((d, i) => {
      out[d.index ?? i] = d.embedding;
    });
    return out;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    const batches: string[][] = [];
    for (let i = 0; i < documents.length; i += this.batchSize) batches.push(documents.slice(i, i + this.batchSize));
    const results = await Promise.all(batches.map((b) => this.caller.call(() => this.embedBatch(b))));
    return results.flat();
  }

  override async embedQuery(document: string): Promise<number[]> {
    const [v] = await this.embedBatch([document]);
    return v!;
  }
}


/**
 * Remote embeddings when an endpoint (key or base URL) and an embedding model are
 * configured; otherwise the offline hashing embeddings.
 */
export function createEmbeddings(config: EmbeddingsConfig = {}): Embeddings & IdentifiedEmbeddings {
  if (config.embeddingModel && (config.apiKey || config.baseURL)) {
    return new OpenAICompatibleEmbeddings({ ...config, embeddingModel: config.embeddingModel });
  }
  return new LocalHashEmbeddings();
}

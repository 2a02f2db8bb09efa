/**
 * The plan-knowledge service: ingested tasks and sections from the store plus the hybrid
 * retrieval index on disk. Opening it ingests changed documents and rebuilds the index
 * only when the corpus changed.
 */
import path from "node:path";
import type { Embeddings } from "@langchain/core/embeddings";
import type { DocumentRow, PlansRepo } from "../../store/repos/plans.ts";
import type { Period } from "../dates/period.ts";
import { ingestCorpus, type IngestReport } from "../ingest/ingest.ts";
import { docMatches, firstDueMonth, isDueIn, isOngoing, type DocFilter } from "../tasks/due.ts";
import { HybridRetriever } from "../retrieval/hybrid.ts";
import type { Chunk, ScoredChunk } from "../retrieval/types.ts";
import { buildChunks } from "./chunks.ts";
import { buildOutline, type Outline } from "./outline.ts";
import { planTaskFromRow, type PlanTask } from "./plan-task.ts";

/** A plan document's metadata as the answers cite and scope it. */
export type KnowledgeDoc = Pick<DocumentRow, "file" | "title" | "kind" | "number" | "issuer" | "issuerBody" | "ward" | "unitType" | "year" | "date" | "termFrom" | "termTo">;

export interface OpenKnowledgeOptions {
  db: { plans: PlansRepo };
  embeddings: Embeddings;
  /** Directory for the persisted index (default ./data/index). */
  indexDir?: string;
  corpusDir?: string;
  log?: (msg: string) => void;
}

export class KnowledgeBase {
  private constructor(
    readonly documents: KnowledgeDoc[],
    readonly tasks: PlanTask[],
    private readonly retriever: HybridRetriever,
    private readonly chunksById: Map<string, Chunk>,
    readonly ingest: IngestReport,
    /** Headings, list items, table rows and signatures, derived in memory from the sections and tasks. */
    readonly outline: Outline,
  ) {}

  static async open(opts: OpenKnowledgeOptions): Promise<KnowledgeBase> {
    const log = opts.log ?? (() => {});
    const report = await ingestCorpus(opts.db, { corpusDir: opts.corpusDir });
    if (report.processed.length || report.removed.length) {
      log(`Đã nạp văn bản: ${report.processed.length} mới/cập nhật, ${report.removed.length} bị gỡ, ${report.unchanged.length} không đổi.`);
    }
    const docs = await opts.db.plans.documents();
    const tasks = (await opts.db.plans.tasks()).map(planTaskFromRow);
    const sections = await opts.db.plans.sections();

    const chunks = buildChunks(
      docs.map((d) => ({ ...d })),
      sections,
      tasks,
    );
    const indexDir = opts.indexDir ?? path.resolve("data", "index");
    // The hash covers chunk contents and the embeddings identity: a new document or a
    // switch to remote embeddings rebuilds the index; otherwise it loads from disk.
    const indexHash = HybridRetriever.contentHash(chunks, opts.embeddings);
    let retriever: HybridRetriever;
    if (await HybridRetriever.needsRebuild(indexDir, indexHash)) {
      log("Đang xây dựng chỉ mục tìm kiếm…");
      retriever = await HybridRetriever.build(chunks, opts.embeddings);
      await retriever.save(indexDir);
    } else {
      retriever = await HybridRetriever.load(indexDir, opts.embeddings);
    }
    const documents = docs.map((d) => ({
      file: d.file,
      title: d.title,
      kind: d.kind,
      number: d.number,
      issuer: d.issuer,
      issuerBody: d.issuerBody,
      ward: d.ward,
      unitType: d.unitType,
      year: d.year,
      date: d.date,
      termFrom: d.termFrom,
      termTo: d.termTo,
    }));
    const outline = buildOutline(
      documents,
      sections,
      tasks,
    );
    return new KnowledgeBase(documents, tasks, retriever, new Map(chunks.map((c) => [c.id, c])), report, outline);
  }

  private docFilter(filter: DocFilter): (doc: string) => boolean {
    const allowed = new Set(this.documents.filter((d) => docMatches(d, filter)).map((d) => d.file));
    return (doc) => allowed.has(doc);
  }

  /** Tasks due in a period, ordered by when they fall due, then by document order. */
  due(period: Period, filter: DocFilter = {}): PlanTask[] {
    const inDoc = this.docFilter(filter);
    return this.tasks
      .filter((t) => inDoc(t.doc) && isDueIn(t, period))
      .map((t) => ({ t, at: firstDueMonth(t, period) }))
      .sort((a, b) => a.at - b.at || a.t.doc.localeCompare(b.t.doc) || a.t.ordinal - b.t.ordinal)
      .map((x) => x.t);
  }

  /** Undated tasks: thường xuyên, hằng năm, theo kỳ họp, theo tiến độ cấp trên. */
  ongoing(filter: DocFilter = {}): PlanTask[] {
    const inDoc = this.docFilter(filter);
    return this.tasks.filter((t) => inDoc(t.doc) && isOngoing(t));
  }

  taskById(id: number): PlanTask | undefined {
    return this.tasks.find((t) => t.id === id);
  }

  /** Texts of every indexed chunk (for term statistics). */
  chunkTexts(): IterableIterator<string> {
    return Array.from(this.chunksById.values(), (c) => c.text).values();
  }

  chunk(id: string): Chunk | undefined {
    return this.chunksById.get(id);
  }

  /** Hybrid search; the filter keeps chunks of matching documents (by ward/issuer, or a set of files). */
  async search(query: string, k = 10, filter: DocFilter & { docs?: ReadonlySet<string> } = {}, weights?: { lexical?: number; vector?: number }): Promise<ScoredChunk[]> {
    const byMeta = filter.ward || filter.issuerBody ? this.docFilter(filter) : null;
    const docs = filter.docs && filter.docs.size < this.documents.length ? filter.docs : null;
    const keep = byMeta || docs ? (c: Chunk) => (!byMeta || byMeta(c.doc)) && (!docs || docs.has(c.doc)) : undefined;
    return this.retriever.search(query, { k, filter: keep, weights });
  }
}

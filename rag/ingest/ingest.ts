/**
 * Ingestion: documents → cleaned sections and extracted tasks in the store.
 * Each document carries a content hash (text + metadata + extractor version); an
 * unchanged document is skipped, a changed one is replaced in one transaction, and
 * documents that left the corpus are removed.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PlansRepo } from "../../store/repos/plans.ts";
import { DEFAULT_CORPUS_DIR } from "../corpus/manifest.ts";
import { discoverDocuments } from "../corpus/discover.ts";
import { normalizeVietnamese } from "../text/vietnamese.ts";
import { EXTRACTOR_VERSION, extractTasks } from "../tasks/extract/index.ts";
import { cleanDocumentText } from "./clean.ts";
import { splitSections } from "./sections.ts";

export interface IngestReport {
  processed: string[];
  unchanged: string[];
  removed: string[];
  tasks: number;
  sections: number;
  /** Hash over every document hash: the retrieval index is rebuilt when it changes. */
  corpusHash: string;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

let fingerprint: string | null = null;
/**
 * Hash of the code that turns text into sections and tasks (rag/ingest, rag/tasks, rag/text):
 * a changed extractor re-processes every document without anyone bumping a version.
 */
export function extractionCodeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const rag = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const h = createHash("sha256").update(`v${EXTRACTOR_VERSION}`);
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) h.update(e.name).update(readFileSync(p));
    }
  };
  for (const d of ["ingest", "tasks", "text"]) walk(path.join(rag, d));
  return (fingerprint = h.digest("hex").slice(0, 16));
}

export async function ingestCorpus(db: { plans: PlansRepo }, opts: { corpusDir?: string; force?: boolean } = {}): Promise<IngestReport> {
  const docs = discoverDocuments(opts.corpusDir ?? DEFAULT_CORPUS_DIR);
  const existing = new Map((await db.plans.documents()).map((d) => [d.file, d]));
  const report: IngestReport = { processed: [], unchanged: [], removed: [], tasks: 0, sections: 0, corpusHash: "" };
  const hashes: string[] = [];

  for (const { entry, raw } of docs) {
    const hash = sha256(`${extractionCodeFingerprint()}\n${JSON.stringify(entry)}\n${raw}`);
    hashes.push(`${entry.file}:${hash}`);
    const prev = existing.get(entry.file);
    existing.delete(entry.file);
    if (prev && prev.contentHash === hash && !opts.force) {
      report.unchanged.push(entry.file);
      continue;
    }
    const normalized = normalizeVietnamese(raw);
    const sections = splitSections(cleanDocumentText(raw), entry.title);
    const tasks = extractTasks(entry, normalized);
    // Several bot processes may ingest at start-up at the same time (replicas sharing one
    // PostgreSQL database): the document is re-read inside the transaction, and losing the
    // race on the unique file name means another process stored this very version.
    const stored = await db.plans.replaceDocument(
      {
        file: entry.file,
        title: entry.title,
        kind: entry.kind,
        number: entry.number,
        issuer: entry.issuer,
        issuerBody: entry.issuerBody,
        ward: entry.ward,
        unitType: entry.unitType,
        date: entry.date,
        year: entry.year,
        termFrom: entry.term.from,
        termTo: entry.term.to,
        contentHash: hash,
      },
      sections.map((s) => ({ ordinal: s.ordinal, path: s.path, text: s.text })),
      tasks.map((t) => ({
        ordinal: t.ordinal,
        section: t.section,
        task: t.task,
        lead: t.lead,
        partners: t.partners,
        leader: t.leader,
        output: t.output,
        whenRaw: t.timeframe.raw,
        kind: t.timeframe.kind,
        year: t.timeframe.year,
        quarters: t.timeframe.quarters.join(","),
        month: t.timeframe.month,
        day: t.timeframe.day,
        fromYear: t.timeframe.fromYear,
        toYear: t.timeframe.toYear,
      })),
      Boolean(opts.force),
    );
    if (!stored) {
      report.unchanged.push(entry.file);
      continue;
    }
    report.processed.push(entry.file);
    report.tasks += tasks.length;
    report.sections += sections.length;
  }
  for (const gone of existing.values()) {
    await db.plans.removeDocument(gone.id); // a no-op when another process removed it first
    report.removed.push(gone.file);
  }
  report.corpusHash = sha256(hashes.sort().join("\n"));
  return report;
}

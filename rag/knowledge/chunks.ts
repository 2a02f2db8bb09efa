/**
 * What the retrieval index holds: one card per document (metadata), every section with its
 * heading path, and every extracted task as one line with all its fields. Built from plain
 * data so the store and the benchmark index exactly the same chunks.
 */
import type { Chunk } from "../retrieval/types.ts";
import { describeTask, type PlanTask } from "./plan-task.ts";

export const METADATA_SECTION = "Thông tin văn bản";

/** A short Vietnamese description of a document's metadata (number, date, issuer, term). */
export function documentCard(d: { title: string; kind: string; number: string | null; date: string | null; issuer: string; unitType: string; ward: string; termFrom: number | null; termTo: number | null }): string {
  const date = d.date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.date) : null;
  return [
    `${d.title}.`,
    `Loại văn bản: ${d.kind}.`,
    `Số hiệu: ${d.number ?? "văn bản không ghi số"}.`,
    `Ngày ban hành: ${date ? `ngày ${Number(date[3])} tháng ${Number(date[2])} năm ${date[1]}` : "văn bản không ghi ngày"}.`,
    `Cơ quan ban hành: ${d.issuer}.`,
    `Địa bàn: ${d.unitType} ${d.ward}.`,
    d.termFrom ? `Giai đoạn: ${d.termFrom}${d.termTo ? ` - ${d.termTo}` : " trở đi"}.` : null,
  ]
    .filter(Boolean)
    .join(" ");
}

export interface ChunkDoc {
  file: string;
  title: string;
  kind: string;
  number: string | null;
  date: string | null;
  issuer: string;
  issuerBody: string;
  unitType: string;
  ward: string;
  termFrom: number | null;
  termTo: number | null;
}

export interface ChunkSection {
  doc: string;
  ordinal: number;
  path: string;
  text: string;
}

export function buildChunks(docs: readonly ChunkDoc[], sections: readonly ChunkSection[], tasks: readonly PlanTask[]): Chunk[] {
  const byFile = new Map(docs.map((d) => [d.file, d]));
  const metaOf = (file: string) => ({ ward: byFile.get(file)?.ward ?? "", issuerBody: byFile.get(file)?.issuerBody ?? "" });
  return [
    // One card per document so "số hiệu", "ngày ban hành", "cơ quan ban hành" questions have an answer.
    ...docs.map((d) => ({ id: `m:${d.file}`, doc: d.file, section: METADATA_SECTION, text: `${METADATA_SECTION}\n${documentCard(d)}`, kind: "section" as const, meta: metaOf(d.file) })),
    ...sections.map((s) => ({ id: `s:${s.doc}:${s.ordinal}`, doc: s.doc, section: s.path, text: `${s.path}\n${s.text}`, kind: "section" as const, meta: metaOf(s.doc) })),
    ...tasks.map((t) => ({ id: `t:${t.doc}:${t.ordinal}`, doc: t.doc, section: t.section, text: describeTask(t), kind: "task" as const, meta: { ...metaOf(t.doc), taskId: t.id } })),
  ];
}

/** The corpus's chunks straight from the documents (no store): for benchmarks. */
export async function corpusChunks(corpusDir?: string): Promise<Chunk[]> {
  const { discoverDocuments } = await import("../corpus/discover.ts");
  const { cleanDocumentText } = await import("../ingest/clean.ts");
  const { splitSections } = await import("../ingest/sections.ts");
  const { extractTasks } = await import("../tasks/extract/index.ts");
  const { normalizeVietnamese } = await import("../text/vietnamese.ts");
  const docs: ChunkDoc[] = [];
  const sections: ChunkSection[] = [];
  const tasks: PlanTask[] = [];
  for (const { entry, raw } of discoverDocuments(corpusDir)) {
    const doc = { ...entry, termFrom: entry.term.from, termTo: entry.term.to };
    docs.push(doc);
    for (const s of splitSections(cleanDocumentText(raw), entry.title)) sections.push({ doc: entry.file, ordinal: s.ordinal, path: s.path, text: s.text });
    for (const t of extractTasks(entry, normalizeVietnamese(raw))) {
      tasks.push({ ...t, id: tasks.length + 1, docTitle: entry.title, ward: entry.ward, issuerBody: entry.issuerBody, when: t.timeframe.raw });
    }
  }
  return buildChunks(docs, sections, tasks);
}

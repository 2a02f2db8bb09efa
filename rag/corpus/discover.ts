/**
 * Finds the documents to ingest: every manifest entry, plus plain-text files dropped
 * into corpus/documents/ without one (their metadata is inferred from the text).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { normalizeVietnamese } from "../text/vietnamese.ts";
import { DEFAULT_CORPUS_DIR, loadManifest, type ManifestEntry } from "./manifest.ts";

/** Document formats ingestion reads today. (.docx/.pdf need a text extraction step first.) */
export const SUPPORTED_EXTENSIONS = [".txt", ".md"];

/** Best-effort metadata for a document that has no manifest entry. */
export function inferEntry(file: string, raw: string): ManifestEntry {
  const text = normalizeVietnamese(raw);
  const lines = text.split(/\r?\n/).map((l) => l.replace(/\*+/g, "").trim()).filter(Boolean);
  const kindLine = lines.find((l) => /^(KẾ HOẠCH|CHƯƠNG TRÌNH|NGHỊ QUYẾT|QUYẾT ĐỊNH|BÁO CÁO|THÔNG BÁO)\b/u.test(l));
  const kind = kindLine ? kindLine.split(/\s+/).slice(0, 2).join(" ").toLowerCase() : "văn bản";
  const idx = kindLine ? lines.indexOf(kindLine) : -1;
  const title = idx >= 0 ? [kindLine, lines[idx + 1] ?? ""].join(" ").replace(/\s+/g, " ").trim() : (lines[0] ?? file);
  // Same line only: a name never continues after a line break.
  const place = /(phường|xã)[^\S\n]+(\p{Lu}\p{L}*(?:[^\S\n]+\p{Lu}\p{L}*){0,2})/u.exec(text);
  const number = /Số:\s*([0-9]+[^\s,;]*\/[A-ZĐ-][^\s,;]*)/u.exec(text);
  const years = [...text.matchAll(/\b(20\d{2})\b/g)].map((m) => Number(m[1]));
  const year = years.length ? Math.min(...years.filter((y) => y >= 2020)) || new Date().getFullYear() : new Date().getFullYear();
  const term = /nhiệm kỳ\s*(20\d{2})\s*[-–]\s*(20\d{2})/iu.exec(text);
  const issuerBody = /ĐẢNG (ỦY|BỘ)|Ban Chấp hành Đảng/iu.test(text.slice(0, 600))
    ? "dang_uy"
    : /ỦY BAN NHÂN DÂN|UBND/u.test(text.slice(0, 600))
      ? "ubnd"
      : /HỘI ĐỒNG NHÂN DÂN|HĐND/u.test(text.slice(0, 600))
        ? "hdnd"
        : "other";
  return {
    file,
    title,
    kind,
    number: number?.[1] ?? null,
    issuer: place ? `${issuerBody === "ubnd" ? "UBND" : issuerBody === "dang_uy" ? "Đảng ủy" : "HĐND"} ${place[1]} ${place[2]}` : "Không rõ",
    issuerBody,
    ward: place?.[2] ?? "Không rõ",
    unitType: place?.[1] === "xã" ? "xã" : "phường",
    date: null,
    year,
    term: { from: term ? Number(term[1]) : year, to: term ? Number(term[2]) : null },
    layout: "none",
  };
}

export interface CorpusDocument {
  entry: ManifestEntry;
  raw: string;
  /** True when the metadata came from the manifest rather than inference. */
  listed: boolean;
}

export function discoverDocuments(corpusDir: string = DEFAULT_CORPUS_DIR): CorpusDocument[] {
  const manifest = loadManifest(corpusDir);
  const dir = path.join(corpusDir, "documents");
  const files = readdirSync(dir).filter((f) => SUPPORTED_EXTENSIONS.includes(path.extname(f).toLowerCase())).sort();
  const listed = new Map(manifest.documents.map((d) => [d.file, d]));
  const docs: CorpusDocument[] = [];
  for (const entry of manifest.documents) {
    if (!files.includes(entry.file)) throw new Error(`Thiếu tệp văn bản / missing document file: corpus/documents/${entry.file}`);
    docs.push({ entry, raw: readFileSync(path.join(dir, entry.file), "utf8"), listed: true });
  }
  for (const file of files) {
    if (listed.has(file)) continue;
    const raw = readFileSync(path.join(dir, file), "utf8");
    docs.push({ entry: inferEntry(file, raw), raw, listed: false });
  }
  return docs;
}

/**
 * The corpus manifest: one entry per shipped document, validated with zod.
 * `file` is the original source file name and is what every answer cites as `doc`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** How a document lays out its tasks; selects the extractor. */
export const LAYOUTS = ["appendix-table", "party-programme", "duty-list", "report-deadlines", "none"] as const;

export const manifestEntrySchema = z.object({
  file: z.string().min(1),
  title: z.string().min(1),
  /** kế hoạch | chương trình | nghị quyết | ... */
  kind: z.string().min(1),
  number: z.string().nullable(),
  issuer: z.string().min(1),
  /** Issuing body family, used to filter questions that name one. */
  issuerBody: z.enum(["hdnd", "ubnd", "dang_uy", "other"]),
  ward: z.string().min(1),
  unitType: z.enum(["phường", "xã"]),
  date: z.string().nullable(),
  year: z.number().int(),
  term: z.object({ from: z.number().int(), to: z.number().int().nullable() }),
  layout: z.enum(LAYOUTS).default("none"),
});
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

export const manifestSchema = z.object({
  version: z.literal(1),
  documents: z.array(manifestEntrySchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The repository's own corpus directory: the product ships everything it reads. */
export const DEFAULT_CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../corpus");

export function loadManifest(corpusDir: string = DEFAULT_CORPUS_DIR): Manifest {
  const file = path.join(corpusDir, "manifest.json");
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`corpus/manifest.json không hợp lệ / invalid manifest: ${parsed.error.message}`);
  return parsed.data;
}

/** Raw text of one document as shipped. */
export function readDocumentText(entry: ManifestEntry, corpusDir: string = DEFAULT_CORPUS_DIR): string {
  return readFileSync(path.join(corpusDir, "documents", entry.file), "utf8");
}

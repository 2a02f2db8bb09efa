import type { ManifestEntry } from "../../corpus/manifest.ts";
import type { ExtractedTask } from "../types.ts";

/** Input of a task extractor: the manifest entry and the document text after `normalizeVietnamese`. */
export interface ExtractorInput {
  entry: ManifestEntry;
  /** NFC, canonical tone marks, "Qúy" repaired; line breaks and PDF noise still present. */
  text: string;
}

/** Turns one document layout into tasks. Pure: no I/O. */
export type TaskExtractor = (input: ExtractorInput) => ExtractedTask[];

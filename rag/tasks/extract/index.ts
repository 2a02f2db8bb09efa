/** Picks the task extractor for a document's layout. */
import type { ManifestEntry } from "../../corpus/manifest.ts";
import type { ExtractedTask } from "../types.ts";
import { extractAppendixTable } from "./appendix-table.ts";
import { extractDutyList } from "./duty-list.ts";
import { extractPartyProgramme } from "./party-programme.ts";
import { extractReportDeadlines } from "./report-deadlines.ts";
import type { TaskExtractor } from "./types.ts";

const EXTRACTORS: Record<ManifestEntry["layout"], TaskExtractor | null> = {
  "appendix-table": extractAppendixTable,
  "party-programme": extractPartyProgramme,
  "duty-list": extractDutyList,
  "report-deadlines": extractReportDeadlines,
  none: null,
};

/**
 * Bumped whenever an extractor's output changes, so re-ingestion re-processes documents
 * whose text did not change.
 */
export const EXTRACTOR_VERSION = 1;

export function extractTasks(entry: ManifestEntry, normalizedText: string): ExtractedTask[] {
  const extractor = EXTRACTORS[entry.layout];
  return extractor ? extractor({ entry, text: normalizedText }) : [];
}

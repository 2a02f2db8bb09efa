/**
 * Petition taxonomy (intents and categories), loaded from
 * corpus/taxonomy/petition-categories.json and validated with zod.
 *
 * The ids are also spelled out here as literal tuples so that `CategoryId` and
 * `IntentId` are real TypeScript unions; loading fails loudly if the JSON and the
 * code ever disagree, instead of silently classifying into an unknown id.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const CATEGORY_IDS = [
  "ha_tang",
  "moi_truong",
  "dat_dai_xay_dung",
  "an_ninh_trat_tu",
  "an_sinh_xa_hoi",
  "y_te",
  "giao_duc",
  "hanh_chinh",
  "kinh_te_ngan_sach",
  "van_hoa_xa_hoi",
  "khac",
] as const;

export const INTENT_IDS = ["petition", "question", "status", "other"] as const;

export const categoryIdSchema = z.enum(CATEGORY_IDS);
export const intentIdSchema = z.enum(INTENT_IDS);
export type CategoryId = z.infer<typeof categoryIdSchema>;
export type IntentId = z.infer<typeof intentIdSchema>;

const entrySchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  covers: z.string(),
});

export const taxonomyFileSchema = z.object({
  version: z.number().int(),
  description: z.string().optional(),
  categories: z.array(entrySchema.extend({ id: categoryIdSchema })).min(1),
  intents: z.array(entrySchema.extend({ id: intentIdSchema })).min(1),
});

export interface TaxonomyEntry<Id extends string> {
  id: Id;
  /** Vietnamese label shown to voters and staff. */
  label: string;
  /** Vietnamese description of what the entry covers (also used in the LLM prompt). */
  covers: string;
}

export interface Taxonomy {
  version: number;
  categories: TaxonomyEntry<CategoryId>[];
  intents: TaxonomyEntry<IntentId>[];
  categoryLabel(id: CategoryId): string;
  intentLabel(id: IntentId): string;
  isCategoryId(id: unknown): id is CategoryId;
}

export const DEFAULT_TAXONOMY_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../corpus/taxonomy/petition-categories.json",
);

/** Parses and checks a taxonomy JSON value; every id in code must appear exactly once. */
export function parseTaxonomy(raw: unknown): Taxonomy {
  const file = taxonomyFileSchema.parse(raw);
  const check = (kind: string, expected: readonly string[], got: string[]) => {
    const missing = expected.filter((id) => !got.includes(id));
    const dup = got.filter((id, i) => got.indexOf(id) !== i);
    if (missing.length || dup.length) {
      throw new Error(`taxonomy ${kind}: missing [${missing.join(", ")}] duplicated [${dup.join(", ")}]`);
    }
  };
  check("categories", CATEGORY_IDS, file.categories.map((c) => c.id));
  check("intents", INTENT_IDS, file.intents.map((c) => c.id));
  const catLabels = new Map(file.categories.map((c) => [c.id, c.label]));
  const intentLabels = new Map(file.intents.map((c) => [c.id, c.label]));
  return {
    version: file.version,
    categories: file.categories,
    intents: file.intents,
    categoryLabel: (id) => catLabels.get(id) ?? id,
    intentLabel: (id) => intentLabels.get(id) ?? id,
    isCategoryId: (id): id is CategoryId => typeof id === "string" && catLabels.has(id as CategoryId),
  };
}

export function loadTaxonomy(file: string = DEFAULT_TAXONOMY_PATH): Taxonomy {
  return parseTaxonomy(JSON.parse(readFileSync(file, "utf8")));
}

let cached: Taxonomy | undefined;
/** The shipped taxonomy, read once per process. */
export function taxonomy(): Taxonomy {
  cached ??= loadTaxonomy();
  return cached;
}

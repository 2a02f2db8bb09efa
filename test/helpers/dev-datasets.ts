/**
 * The dev datasets live beside the repository (../shared/datasets) on the machines this
 * project is developed on; a user's clone has none. Tests that compare against them call
 * `devDataset(name)` and skip, with a visible line, when the file is absent. The sets in
 * test/fixtures were labelled independently and always run.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const DEV_DATASETS = path.resolve(import.meta.dirname, "../../../shared/datasets");

const warned = new Set<string>();

/** The text of a dev dataset, or null (with one warning per file) when it is absent. */
export function devDataset(name: string): string | null {
  const file = path.join(DEV_DATASETS, name);
  if (existsSync(file)) return readFileSync(file, "utf8");
  if (!warned.has(name)) {
    warned.add(name);
    process.stderr.write(`\n!!! ${name} not found (${path.relative(process.cwd(), file)}): its checks are SKIPPED on this clone !!!\n`);
  }
  return null;
}

/**
 * Petition report for a period:
 *   npm run report -- --from 2026-01-01 --to 2026-06-30 [--csv out.csv]
 * Prints a Vietnamese summary; with --csv also writes one row per petition (UTF-8 BOM, opens in Excel).
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isDomainError } from "../bot/errors.ts";
import { periodFromDays, petitionReport, reportRows, reportSummaryText, toCsv } from "../bot/petitions/reports.ts";
import { configOrExit, storeOf } from "./cli.ts";
import { reportTexts } from "../bot/text/petitions.vi.ts";

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { from: { type: "string" }, to: { type: "string" }, csv: { type: "string" } } }).values;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error(reportTexts.usage);
    return 2;
  }
  if (!args.from || !args.to) {
    console.error(reportTexts.usage);
    return 2;
  }
  // Checked before any work: a report that cannot be saved should say so at once, in one line.
  if (args.csv && !existsSync(path.dirname(path.resolve(args.csv)))) {
    console.error(reportTexts.csvFolderMissing(path.dirname(args.csv)));
    return 2;
  }
  const config = configOrExit();
  const staleDays = config.OVERDUE_NO_PROGRESS_DAYS;
  const db = storeOf(config);
  try {
    const period = periodFromDays(args.from, args.to);
    const report = await petitionReport(db, period, { staleDays });
    console.log(reportSummaryText(report));
    if (args.csv) {
      const rows = await reportRows(db, period, { staleDays });
      try {
        writeFileSync(args.csv, toCsv(rows), "utf8");
      } catch (err) {
        console.error(reportTexts.csvNotWritten(args.csv, (err as NodeJS.ErrnoException).code ?? String(err)));
        return 1;
      }
      console.log(reportTexts.csvWritten(args.csv, rows.length));
    }
    return 0;
  } catch (err) {
    if (isDomainError(err)) {
      console.error(err.message);
      console.error(reportTexts.usage);
      return 2;
    }
    throw err;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();

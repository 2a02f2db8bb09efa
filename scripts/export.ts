/**
 * Exports the store's records:
 *   npm run --silent export -- petitions --json     every petition as a JSON array
 *   npm run --silent export -- petitions --csv      the same as CSV (Excel), to stdout or --out <file>
 * Honours DATABASE_URL and DATA_DIR like every other command.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { exportCsv, exportPetitions } from "../bot/petitions/export.ts";
import { configOrExit, fail, storeOf } from "./cli.ts";

const USAGE = "Cách dùng: npm run --silent export -- petitions (--json | --csv) [--out <tệp>]";
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { json: { type: "boolean", default: false }, csv: { type: "boolean", default: false }, out: { type: "string" } } });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const [what] = parsed.positionals;
if (what !== "petitions") fail(USAGE);
if (parsed.values.json === parsed.values.csv) fail(`chọn một trong hai: --json hoặc --csv.\n${USAGE}`);

const db = storeOf(configOrExit());
try {
  const rows = await exportPetitions(db);
  const text = parsed.values.csv ? exportCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`;
  if (parsed.values.out) {
    try {
      writeFileSync(parsed.values.out, text, "utf8");
    } catch (err) {
      fail(`không ghi được tệp ${parsed.values.out} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`, 1);
    }
    process.stderr.write(`Đã xuất ${rows.length} kiến nghị ra ${parsed.values.out}\n`);
  } else {
    process.stdout.write(text);
  }
} finally {
  await db.close();
}

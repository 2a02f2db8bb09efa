/**
 * Benchmarks (targets are checked here, never in timed tests).
 *   npm run bench -- retrieval [--json]
 *   npm run bench -- classify [--json]
 *   npm run bench -- load [--voters 1000] [--messages 10] [--mode child|inproc] [--db sqlite|postgres] [--workers N] [--json]
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BENCHES: Record<string, string> = {
  retrieval: "bench-retrieval.ts",
  classify: "bench-classify.ts",
  load: "bench-load.ts",
  web: "bench-web.ts",
};
const [name, ...rest] = process.argv.slice(2);
if (!name || !BENCHES[name]) {
  process.stderr.write(`Cách dùng: npm run bench -- (${Object.keys(BENCHES).join("|")}) [--json]\n`);
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const r = spawnSync(process.execPath, ["--import", "tsx", path.join(here, BENCHES[name]!), ...rest], { stdio: "inherit" });
process.exit(r.status ?? 1);

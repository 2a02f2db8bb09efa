/**
 * Child process for the outbox test: waits until every worker is ready (so the drains
 * really overlap), then drains `url` until nothing is left, appending "<name> <id>" per
 * sent message to `out`. Usage: tsx drain-worker.ts <url> <out> <name> <workers>
 */
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { drainOutbox } from "../../bot/petitions/outbox.ts";
import { openStore } from "../../store/index.ts";

const [url, out, name, workers] = process.argv.slice(2) as [string, string, string, string];
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const db = openStore(url);
await db.outbox.withStatus("pending", 1); // connect before the barrier

writeFileSync(`${out}.ready-${name}`, "");
const names = workers.split(",");
while (!names.every((n) => existsSync(`${out}.ready-${n}`))) await sleep(5);

for (;;) {
  const r = await drainOutbox(
    db,
    async (msg) => {
      // A slow transport widens the window in which the other process could steal the row.
      await sleep(2 + Math.random() * 5);
      appendFileSync(out, `${name} ${msg.id}\n`);
    },
    { limit: 3 },
  );
  if (r.sent === 0 && (await db.outbox.withStatus("pending", 1)).length === 0 && (await db.outbox.withStatus("sending", 1)).length === 0) break;
}
await db.close();

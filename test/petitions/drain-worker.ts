/**
 * Child process for the outbox test: drains `url` until nothing is left, appending one
 * line per sent message id to `out`. Usage: tsx drain-worker.ts <url> <out> <name>
 */
import { appendFileSync } from "node:fs";
import { drainOutbox } from "../../bot/petitions/outbox.ts";
import { createDb } from "../../bot/store/db.ts";

const [url, out, name] = process.argv.slice(2) as [string, string, string];
const db = createDb(url);
for (;;) {
  const r = await drainOutbox(
    db,
    async (msg) => {
      // A slow transport widens the window in which the other process could steal the row.
      await new Promise((res) => setTimeout(res, 2 + Math.random() * 5));
      appendFileSync(out, `${name} ${msg.id}\n`);
    },
    { limit: 3 },
  );
  if (r.sent === 0 && (await db.outbox.count({ where: { status: { in: ["pending", "sending"] } } })) === 0) break;
}
await db.$disconnect();

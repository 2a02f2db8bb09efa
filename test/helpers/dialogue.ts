/**
 * Scripted dialogues through the real console and the real app, checked through the
 * export (`npm run export -- petitions --json`) — as a ward's tester would: type the
 * conversation, then look at what was recorded.
 *
 * A dialogue file (test/dialogues/*.txt) is a console script plus expectations:
 *   #@ start 2026-11-23T09:00:00+07:00   clock at the first line (default that instant)
 *   #@ env SUPPLEMENT_WINDOW_MINUTES=5    configuration for this dialogue
 *   #@ step 20s                           time between typed lines (default 20 s)
 *   #> text      the transcript contains this, after the previous #> match
 *   #~ text      the transcript contains this anywhere (lines whose order depends on timing,
 *                e.g. a staff alert delivered before or after the voter's acknowledgement)
 *   #! text      the transcript never contains this
 *   #= json      the exported petitions (lines joined): an array matched element by element
 *                (toMatchObject), same length
 * Other "# " lines are comments; everything else is typed.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { createApp } from "../../bot/app.ts";
import { runConsole } from "../../bot/channels/console/console.ts";
import { loadConfig } from "../../bot/config.ts";
import { silentLogger } from "../../bot/logger.ts";
import { exportPetitions, type ExportedPetition } from "../../bot/petitions/export.ts";
import { grantRole, resolveRole } from "../../bot/petitions/roles.ts";
import { formatClockVi } from "../../lib/time.ts";
import { openKnowledge } from "../../rag/knowledge/open.ts";
import { openStore } from "../../store/index.ts";
import { applyMigrations, createTestDb, testEngine } from "./test-db.ts";

export interface DialogueScript {
  name: string;
  lines: string[];
  start: Date;
  stepMs: number;
  env: Record<string, string>;
  contains: string[];
  anywhere: string[];
  excludes: string[];
  petitions: unknown[] | null;
}

export function parseDialogue(file: string): DialogueScript {
  const raw = readFileSync(file, "utf8").split(/\r?\n/);
  const d: DialogueScript = { name: path.basename(file, ".txt"), lines: [], start: new Date("2026-11-23T09:00:00+07:00"), stepMs: 20_000, env: {}, contains: [], anywhere: [], excludes: [], petitions: null };
  const json: string[] = [];
  for (const line of raw) {
    if (line.startsWith("#@ ")) {
      const [key, ...rest] = line.slice(3).trim().split(/\s+/);
      const value = rest.join(" ");
      if (key === "start") d.start = new Date(value);
      else if (key === "step") d.stepMs = parseDuration(value);
      else if (key === "env") {
        const eq = value.indexOf("=");
        d.env[eq < 0 ? value : value.slice(0, eq)] = eq < 0 ? "" : value.slice(eq + 1);
      }
    } else if (line.startsWith("#> ")) d.contains.push(line.slice(3));
    else if (line.startsWith("#~ ")) d.anywhere.push(line.slice(3));
    else if (line.startsWith("#! ")) d.excludes.push(line.slice(3));
    else if (line.startsWith("#= ")) json.push(line.slice(3));
    else d.lines.push(line);
  }
  if (json.length) d.petitions = JSON.parse(json.join("\n")) as unknown[];
  return d;
}

function parseDuration(s: string): number {
  const m = /^(\d+)\s*(ms|s|m|h)$/.exec(s.trim());
  if (!m) throw new Error(`dialogue: bad duration ${s}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"];
}

export interface DialogueResult {
  transcript: string;
  petitions: ExportedPetition[];
}

/** A migrated, ingested SQLite store and retrieval index that every dialogue starts from (a copy each). */
export interface DialogueBase {
  dataDir: string;
  template: string | null;
  cleanup(): void;
}

export async function prepareDialogueBase(): Promise<DialogueBase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tro-ly-hdnd-dialogues-"));
  if (testEngine() !== "sqlite") return { dataDir, template: null, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
  const template = path.join(dataDir, "template.db");
  applyMigrations(template);
  const store = openStore(`file:${template}`);
  await openKnowledge(loadConfig({ DATABASE_URL: `file:${template}`, DATA_DIR: dataDir }), store);
  await store.close();
  return { dataDir, template, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export async function runDialogue(base: DialogueBase, d: DialogueScript): Promise<DialogueResult> {
  let url: string;
  let dropDb = async () => {};
  if (base.template) {
    const file = path.join(base.dataDir, `${d.name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}.db`);
    copyFileSync(base.template, file);
    url = `file:${file}`;
    dropDb = async () => rmSync(file, { force: true });
  } else {
    const tdb = await createTestDb();
    await tdb.db.close();
    await tdb.prisma.$disconnect();
    url = tdb.url;
    dropDb = () => tdb.cleanup();
  }
  let shift = 0;
  const now = () => new Date(d.start.getTime() + shift);
  const config = loadConfig({ DATABASE_URL: url, DATA_DIR: base.dataDir, LOG_LEVEL: "silent", ...d.env });
  const app = await createApp(config, { log: silentLogger, now });
  let transcript = "";
  const input = new PassThrough();
  const output = new PassThrough();
  output.on("data", (c: Buffer) => (transcript += c.toString("utf8")));
  const chat = runConsole({
    core: app.core,
    input,
    output,
    isTTY: false,
    echo: true,
    runId: d.name,
    defaultUser: "cutri-1",
    setRole: (userId, role) => grantRole(app.db, "console", userId, role, "console /vai"),
    getRole: (userId) => resolveRole(app.db, "console", userId),
    now: () => now().getTime(),
    async advanceClock(ms) {
      shift += ms;
      await app.core.recoverInbound();
      await app.core.idle();
      await app.dispatcher.poke(true);
      return formatClockVi(now());
    },
    async afterLine() {
      await app.core.idle();
      await app.dispatcher.poke();
      shift += d.stepMs;
    },
  });
  app.dispatcher.register("console", (n) => chat.deliver(n));
  try {
    input.end(`${d.lines.join("\n")}\n`);
    await chat.done;
    await app.core.idle();
    await app.dispatcher.poke();
    return { transcript, petitions: await exportPetitions(app.db) };
  } finally {
    await app.close();
    await dropDb();
  }
}

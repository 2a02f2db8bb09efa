/**
 * The real application for integration tests: a fresh SQLite database (every migration
 * applied), a temporary DATA_DIR for the retrieval index, the shipped corpus ingested,
 * offline classifier and answers (no API keys). One per test file, built in beforeAll.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApp, type App } from "../../bot/app.ts";
import { loadConfig, type Config } from "../../bot/config.ts";
import type { MessageClassifier } from "../../bot/classify/message-classifier.ts";
import type { CoreOptions } from "../../bot/core/core.ts";
import type { Logger } from "../../bot/logger.ts";
import type { Store } from "../../store/index.ts";
import { createTestDb, type Inspector } from "./test-db.ts";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  msg: string;
  meta?: Record<string, unknown>;
}

/** A logger that keeps every line, so tests can assert that nothing failed behind their back. */
export function recordingLogger(): Logger & { lines: LogLine[]; errors(): LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (msg: string, meta?: Record<string, unknown>) => void lines.push({ level, msg, ...(meta ? { meta } : {}) });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), errors: () => lines.filter((l) => l.level === "error") };
}

export interface IntegrationApp {
  app: App;
  config: Config;
  /** Prisma on the app's database, to check rows independently of the store. */
  prisma: Inspector;
  log: ReturnType<typeof recordingLogger>;
  /** Closes the app (waits for background jobs, stops the dispatcher) and deletes the temp files. */
  cleanup(): Promise<void>;
}

export interface IntegrationAppOptions {
  now?: () => Date;
  /** Wraps the classifier the configuration would build (e.g. to make it slow). */
  classifier?: (config: Config, log: Logger) => MessageClassifier;
  env?: Record<string, string>;
  core?: CoreOptions;
}

export interface TempAppOptions {
  log: Logger;
  now?: () => Date;
  /** Extra environment for loadConfig (e.g. OPENAI_BASE_URL, RATE_LIMIT_MESSAGES). */
  env?: Record<string, string>;
  /** Wraps the classifier the configuration would build (e.g. to make it slow). */
  classifier?: (config: Config, log: Logger) => MessageClassifier;
  core?: CoreOptions;
}

/** The real app on a fresh test database and a temporary DATA_DIR; cleanup removes both. */
export async function startAppOnTempStore(opts: TempAppOptions): Promise<{ app: App; config: Config; db: Store; prisma: Inspector; cleanup(): Promise<void> }> {
  const tdb = await createTestDb();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tro-ly-hdnd-it-data-"));
  const removeStore = async () => {
    await tdb.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let app: App | undefined;
  try {
    const config = loadConfig({ DATABASE_URL: tdb.url, DATA_DIR: dataDir, ...opts.env });
    app = await createApp(config, {
      log: opts.log,
      db: tdb.db,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.classifier ? { classifier: opts.classifier(config, opts.log) } : {}),
      ...(opts.core ? { core: opts.core } : {}),
    });
    const built = app;
    return {
      app: built,
      config,
      db: tdb.db,
      prisma: tdb.prisma,
      async cleanup() {
        try {
          await built.close();
        } finally {
          await removeStore();
        }
      },
    };
  } catch (err) {
    await app?.close().catch(() => {});
    await removeStore();
    throw err;
  }
}

export async function startIntegrationApp(opts: IntegrationAppOptions = {}): Promise<IntegrationApp> {
  const log = recordingLogger();
  const { app, config, prisma, cleanup } = await startAppOnTempStore({ log, now: opts.now, classifier: opts.classifier, env: opts.env, core: opts.core });
  return { app, config, log, prisma, cleanup };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `cond` until it holds (or throws after `ms`). */
export async function waitUntil(cond: () => boolean | Promise<boolean>, ms = 5_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(10);
  }
}

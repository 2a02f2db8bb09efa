/** Small helpers shared by the command-line scripts. */
import { ConfigError, loadConfig, type Config } from "../bot/config.ts";
import { openKnowledge, type OpenedKnowledge } from "../rag/knowledge/open.ts";
import { openStore, type Store } from "../store/index.ts";

/** Prints a Vietnamese error and exits with code 2 (bad usage) or 1 (failure). */
export function fail(message: string, code = 2): never {
  process.stderr.write(`Lỗi: ${message}\n`);
  process.exit(code);
}

export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2);
    throw err;
  }
}

/** Progress and notices go to stderr so stdout stays machine-readable. */
export const logToStderr = (msg: string) => process.stderr.write(`${msg}\n`);

/** The configured store. */
export function storeOf(config: Config): Store {
  return openStore(config.DATABASE_URL, { sqlite: { synchronous: config.SQLITE_SYNCHRONOUS }, ...(config.PGUSER ? { pgUser: config.PGUSER } : {}) });
}

/** The configured store and plan knowledge (ingesting changed documents first). */
export async function knowledgeOf(config: Config): Promise<OpenedKnowledge & { db: Store }> {
  const db = storeOf(config);
  return { db, ...(await openKnowledge(config, db, logToStderr)) };
}

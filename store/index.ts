/**
 * The store: one interface by business component (inbound messages, petitions, outbox,
 * sessions and leases, roles, units, plans, credentials, channel events), written once in
 * SQL that both engines accept, over two executors — SQLite (better-sqlite3, the embedded
 * default) and PostgreSQL (pg, several workers). Prisma keeps the schema and the
 * migrations (prisma/, scripts/setup.mjs); nothing here depends on its client.
 */
import { channelEventsRepo } from "./repos/channel-events.ts";
import { credentialsRepo } from "./repos/credentials.ts";
import { feedbackRepo } from "./repos/feedback.ts";
import { filingRepo } from "./repos/filing.ts";
import { inboundRepo } from "./repos/inbound.ts";
import { outboxRepo } from "./repos/outbox.ts";
import { petitionListsRepo } from "./repos/petition-lists.ts";
import { petitionsRepo } from "./repos/petitions.ts";
import { plansRepo } from "./repos/plans.ts";
import { rolesRepo } from "./repos/roles.ts";
import { sessionsRepo } from "./repos/sessions.ts";
import { unitsRepo } from "./repos/units.ts";
import { webRepo } from "./repos/web.ts";
import { isPostgresUrl } from "./sql/pg-settings.ts";
import { openPostgres } from "./sql/postgres.ts";
import { openSqlite, type SqliteOptions } from "./sql/sqlite.ts";
import type { Engine, Sql, SqlDatabase, SqlStats } from "./sql/types.ts";

export { isUniqueViolation } from "./sql/types.ts";
export type { Engine, Sql, SqlStats } from "./sql/types.ts";

/** The repositories over one executor (the database, or an open transaction). */
export interface Repos {
  readonly engine: Engine;
  /** The same object for a store and every transaction opened on it (per-store caches key on it). */
  readonly identity: object;
  readonly inbound: ReturnType<typeof inboundRepo>;
  readonly petitions: ReturnType<typeof petitionsRepo>;
  /** Writes that go together as one chain (one statement on PostgreSQL, one transaction on SQLite). */
  readonly filing: ReturnType<typeof filingRepo>;
  readonly lists: ReturnType<typeof petitionListsRepo>;
  readonly feedback: ReturnType<typeof feedbackRepo>;
  readonly outbox: ReturnType<typeof outboxRepo>;
  readonly sessions: ReturnType<typeof sessionsRepo>;
  readonly roles: ReturnType<typeof rolesRepo>;
  readonly units: ReturnType<typeof unitsRepo>;
  readonly plans: ReturnType<typeof plansRepo>;
  readonly credentials: ReturnType<typeof credentialsRepo>;
  /** Channel events that are not messages (Zalo OA follow/unfollow/chat-now). */
  readonly channelEvents: ReturnType<typeof channelEventsRepo>;
  readonly web: ReturnType<typeof webRepo>;
  /**
   * Runs `fn` in one transaction; `tx` has the same repositories. Inside, use only `tx`
   * (the outer store refuses to run inside its own transaction on SQLite).
   */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
}

export interface Store extends Repos {
  /** Statements and transactions run so far (benchmarks). */
  readonly stats: SqlStats;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = "file:./data/tro-ly-hdnd.db";

export function engineOfUrl(url: string): Engine {
  if (url.startsWith("file:")) return "sqlite";
  if (isPostgresUrl(url)) return "postgresql";
  throw new Error(`DATABASE_URL không hợp lệ / unsupported DATABASE_URL: ${url.split(":")[0]}: (expected file:... or postgresql://...)`);
}

function repos(sql: Sql, identity: object): Repos {
  const self: Repos = {
    engine: sql.dialect.engine,
    identity,
    inbound: inboundRepo(sql),
    petitions: petitionsRepo(sql),
    filing: filingRepo(sql),
    lists: petitionListsRepo(sql),
    feedback: feedbackRepo(sql),
    outbox: outboxRepo(sql),
    sessions: sessionsRepo(sql),
    roles: rolesRepo(sql),
    units: unitsRepo(sql),
    plans: plansRepo(sql),
    credentials: credentialsRepo(sql),
    channelEvents: channelEventsRepo(sql),
    web: webRepo(sql),
    transaction: (fn) => sql.transaction((tx) => fn(tx === sql ? self : repos(tx, identity))),
  };
  return self;
}

export interface OpenStoreOptions {
  sqlite?: SqliteOptions;
  /** PostgreSQL pool size (default from the URL's connection_limit, else 10). */
  poolSize?: number;
  /** PostgreSQL user when the URL names none (the configuration's PGUSER). */
  pgUser?: string;
}

/**
 * Opens the store a DATABASE_URL names: `file:…` (SQLite; the folder is created) or
 * `postgresql://…` (`?schema=` selects a schema). Migrations are applied beforehand by
 * scripts/setup.mjs (every npm script runs it first).
 */
export function openStore(url: string = DEFAULT_DATABASE_URL, opts: OpenStoreOptions = {}): Store {
  const db: SqlDatabase = engineOfUrl(url) === "postgresql" ? openPostgres(url, { ...(opts.poolSize ? { pool: { max: opts.poolSize } } : {}), ...(opts.pgUser ? { defaultUser: opts.pgUser } : {}) }) : openSqlite(url.slice("file:".length), opts.sqlite);
  return { ...repos(db, {}), stats: db.stats, close: () => db.close() };
}

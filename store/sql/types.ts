/**
 * The SQL seam of the store: the repositories (store/repos) write each statement once, in
 * SQL that SQLite and PostgreSQL both accept, and run it through an `Sql` executor. Two
 * executors implement it: better-sqlite3 prepared statements (store/sql/sqlite.ts) and
 * pg named prepared statements (store/sql/postgres.ts).
 *
 * Conventions the repositories keep, so one text serves both engines:
 * - `?` placeholders; SQL keywords in UPPER case; tables and camelCase columns written as
 *   Prisma named them (the PostgreSQL executor quotes mixed-case identifiers);
 * - timestamps are passed and read as Date (SQLite stores integer milliseconds, as the
 *   Prisma adapter did; PostgreSQL `timestamp(3)` in UTC), booleans as boolean (SQLite 0/1);
 * - counts are `CAST(count(*) AS INTEGER)` (PostgreSQL's count is a bigint, read as text);
 * - the few real differences are in `Dialect`.
 */
export type SqlValue = string | number | boolean | null | Date;

export type Engine = "sqlite" | "postgresql";

export interface Dialect {
  readonly engine: Engine;
  /** Row lock for read-then-update inside a transaction ("" on SQLite, whose writers are serialised). */
  readonly forUpdate: string;
  /** Row lock that skips rows another transaction holds (outbox claims by several workers). */
  readonly skipLocked: string;
  /** Aggregate joining strings with `sep`. */
  groupConcat(expr: string, sep: string): string;
  /**
   * FROM items reading the rows of `table` (as `alias`) whose id is `d.<idColumn>` for each
   * row of `ids` (a parenthesised subquery, as `d`): one primary-key lookup per id, whatever
   * the size of the table. SQLite keeps the order CROSS JOIN gives; PostgreSQL would flatten
   * a plain join and may hash the whole table, so it gets a LATERAL lookup that OFFSET 0 keeps
   * from being flattened.
   */
  lookupJoin(ids: string, idColumn: string, table: string, alias: string): string;
}

/** Statements and transactions run so far (the load benchmark prints them per petition). */
export interface SqlStats {
  statements: number;
  transactions: number;
}

export interface Sql {
  readonly dialect: Dialect;
  /** Every row. */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** A statement without rows; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Runs `fn` in one transaction (committed when it resolves, rolled back when it throws).
   * Inside, use only the `tx` it receives: on SQLite the outer executor waits for the
   * transaction to end, so calling it from inside would never finish (it throws instead).
   * Nested calls on `tx` join the open transaction.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

export interface SqlDatabase extends Sql {
  readonly stats: SqlStats;
  close(): Promise<void>;
}

/** A unique-key conflict (SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, PostgreSQL 23505). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/** `?, ?, ?` for n values (IN lists, multi-row VALUES). */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

// Types of scripts/prisma-postgres.mjs (plain JS so that scripts/setup.mjs can import it).
export declare const ROOT: string;
export declare const SQLITE_SCHEMA: string;
export declare const PG_SCHEMA: string;
export declare const SQLITE_MIGRATIONS: string;
export declare const PG_MIGRATIONS: string;
/** The PostgreSQL schema text for a SQLite schema text (provider and client output rewritten). */
export declare function derivePostgresSchema(sqliteSchema: string): string;
/** Derived text for the schema currently in the checkout. */
export declare function currentDerivedSchema(root?: string): string;
/** True when prisma/postgres/schema.prisma matches prisma/schema.prisma. */
export declare function postgresSchemaInSync(root?: string): boolean;

/**
 * grammY StorageAdapter on the Prisma `ChatSession` table. Values are stored as JSON
 * text; keys get a prefix so Telegram sessions share the table with other channels.
 */
import type { StorageAdapter } from "grammy";
import type { Db } from "../../store/db.ts";

export interface PrismaSessionStorageOptions {
  /** Prepended to grammY's session key (the chat id); default "telegram:". */
  prefix?: string;
}

/** The part of the Prisma client this adapter uses (a transaction client also fits). */
export type ChatSessionClient = Pick<Db, "chatSession">;

export function createPrismaSessionStorage<T>(
  db: ChatSessionClient,
  options: PrismaSessionStorageOptions = {},
): StorageAdapter<T> {
  const prefix = options.prefix ?? "telegram:";
  const full = (key: string) => prefix + key;

  return {
    async read(key) {
      const row = await db.chatSession.findUnique({ where: { key: full(key) } });
      if (!row) return undefined;
      try {
        return JSON.parse(row.value) as T;
      } catch {
        // A corrupt row must not break the chat: start that session afresh.
        return undefined;
      }
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      await db.chatSession.upsert({
        where: { key: full(key) },
        create: { key: full(key), value: json },
        update: { value: json },
      });
    },
    async delete(key) {
      await db.chatSession.deleteMany({ where: { key: full(key) } });
    },
    async has(key) {
      return (await db.chatSession.count({ where: { key: full(key) } })) > 0;
    },
    async *readAllKeys() {
      const rows = await db.chatSession.findMany({ where: { key: { startsWith: prefix } }, select: { key: true } });
      for (const row of rows) yield row.key.slice(prefix.length);
    },
  };
}

/**
 * grammY StorageAdapter on the Prisma `ChatSession` table. Values are stored as JSON
 * text; keys get a prefix so Telegram sessions share the table with other channels.
 */
import type { StorageAdapter } from "grammy";
import { readSession, writeSession, type ChatSessionClient } from "../../store/chat-session.ts";

export interface PrismaSessionStorageOptions {
  /** Prepended to grammY's session key (the chat id); default "telegram:". */
  prefix?: string;
}

export type { ChatSessionClient };

export function createPrismaSessionStorage<T>(
  db: ChatSessionClient,
  options: PrismaSessionStorageOptions = {},
): StorageAdapter<T> {
  const prefix = options.prefix ?? "telegram:";
  const full = (key: string) => prefix + key;

  return {
    async read(key) {
      const value = await readSession(db, full(key));
      if (value === null) return undefined;
      try {
        return JSON.parse(value) as T;
      } catch {
        // A corrupt row must not break the chat: start that session afresh.
        return undefined;
      }
    },
    async write(key, value) {
      await writeSession(db, full(key), JSON.stringify(value));
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

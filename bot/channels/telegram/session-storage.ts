/**
 * grammY StorageAdapter on the store's ChatSession rows. Values are stored as JSON text;
 * keys get a prefix so Telegram sessions share the table with other channels.
 */
import type { StorageAdapter } from "grammy";
import type { SessionsRepo } from "../../../store/repos/sessions.ts";

export interface SessionStorageOptions {
  /** Prepended to grammY's session key (the chat id); default "telegram:". */
  prefix?: string;
}

export function createSessionStorage<T>(db: { sessions: SessionsRepo }, options: SessionStorageOptions = {}): StorageAdapter<T> {
  const prefix = options.prefix ?? "telegram:";
  const full = (key: string) => prefix + key;

  return {
    async read(key) {
      const value = await db.sessions.read(full(key));
      if (value === null) return undefined;
      try {
        return JSON.parse(value) as T;
      } catch {
        // A corrupt row must not break the chat: start that session afresh.
        return undefined;
      }
    },
    async write(key, value) {
      await db.sessions.write(full(key), JSON.stringify(value), new Date());
    },
    async delete(key) {
      await db.sessions.delete(full(key));
    },
    async has(key) {
      return (await db.sessions.read(full(key))) !== null;
    },
    async *readAllKeys() {
      for (const k of await db.sessions.keysWithPrefix(prefix)) yield k.slice(prefix.length);
    },
  };
}

/**
 * ChatSession rows (key → JSON text), read and written on every chat message: by the
 * conversation core (its state) and by grammY's session (reply keys). On SQLite they go
 * through the direct connection (sqlite-direct.ts), elsewhere through Prisma.
 */
import type { Db } from "./db.ts";
import { directSqlite, ms } from "./sqlite-direct.ts";

/** The part of the Prisma client used here (a transaction client also fits). */
export type ChatSessionClient = Pick<Db, "chatSession">;

export async function readSession(db: ChatSessionClient, key: string): Promise<string | null> {
  const direct = directSqlite(db);
  if (direct) {
    const row = direct.read(() => direct.stmt("SELECT value FROM ChatSession WHERE key = ?").get(key) as { value: string } | undefined);
    return row?.value ?? null;
  }
  const row = await db.chatSession.findUnique({ where: { key } });
  return row?.value ?? null;
}

export async function writeSession(db: ChatSessionClient, key: string, value: string): Promise<void> {
  const direct = directSqlite(db);
  if (direct) {
    await direct.write(() =>
      direct
        .stmt("INSERT INTO ChatSession (key, value, updatedAt) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updatedAt = excluded.updatedAt")
        .run(key, value, ms(new Date())),
    );
    return;
  }
  await db.chatSession.upsert({ where: { key }, create: { key, value }, update: { value } });
}

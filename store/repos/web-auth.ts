/**
 * The web face's own tables: staff sessions, sign-in challenges, delegates' areas and
 * Open311 keys (all stored hashed where secret).
 */
import { toDate, toDateOrNull, toNum, toStr, toStrOrNull, type Raw } from "../rows.ts";
import type { Sql } from "../sql/types.ts";
import type { ChallengeRecord, Open311KeyRow, SessionRecord } from "./web-types.ts";

export function webAuthRepo(sql: Sql) {
  return {

    async createSession(s: { tokenHash: string; channel: string; externalId: string; csrfToken: string; now: Date; expiresAt: Date }): Promise<void> {
      await sql.run(`INSERT INTO WebSession (tokenHash, channel, externalId, csrfToken, createdAt, lastSeenAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        s.tokenHash,
        s.channel,
        s.externalId,
        s.csrfToken,
        s.now,
        s.now,
        s.expiresAt,
      ]);
    },
    async findSession(tokenHash: string, now: Date): Promise<SessionRecord | null> {
      const r = await sql.get<Raw>(`SELECT id, channel, externalId, csrfToken, expiresAt FROM WebSession WHERE tokenHash = ? AND expiresAt > ?`, [tokenHash, now]);
      return r ? { id: toNum(r.id), channel: toStr(r.channel), externalId: toStr(r.externalId), csrfToken: toStr(r.csrfToken), expiresAt: toDate(r.expiresAt) } : null;
    },
    async deleteSession(tokenHash: string): Promise<void> {
      await sql.run(`DELETE FROM WebSession WHERE tokenHash = ?`, [tokenHash]);
    },
    async deleteExpired(now: Date): Promise<number> {
      const a = await sql.run(`DELETE FROM WebSession WHERE expiresAt < ?`, [now]);
      const b = await sql.run(`DELETE FROM WebLoginChallenge WHERE expiresAt < ?`, [new Date(now.getTime() - 86_400_000)]);
      return a + b;
    },
    async createChallenge(c: { challengeHash: string; linkHash: string; codeHash: string | null; channel: string; externalId: string; now: Date; expiresAt: Date }): Promise<void> {
      await sql.run(`INSERT INTO WebLoginChallenge (challengeHash, linkHash, codeHash, channel, externalId, attempts, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, 0, ?, ?)`, [
        c.challengeHash,
        c.linkHash,
        c.codeHash,
        c.channel,
        c.externalId,
        c.now,
        c.expiresAt,
      ]);
    },
    async challengeBy(column: "challengeHash" | "linkHash", hash: string): Promise<ChallengeRecord | null> {
      const r = await sql.get<Raw>(`SELECT id, channel, externalId, codeHash, attempts, expiresAt, usedAt FROM WebLoginChallenge WHERE ${column} = ?`, [hash]);
      return r
        ? { id: toNum(r.id), channel: toStr(r.channel), externalId: toStr(r.externalId), codeHash: toStrOrNull(r.codeHash), attempts: toNum(r.attempts), expiresAt: toDate(r.expiresAt), usedAt: toDateOrNull(r.usedAt) }
        : null;
    },
    async failChallenge(id: number): Promise<number> {
      return toNum((await sql.get<Raw>(`UPDATE WebLoginChallenge SET attempts = attempts + 1 WHERE id = ? RETURNING attempts`, [id]))?.attempts ?? 0);
    },
    async useChallenge(id: number, now: Date): Promise<boolean> {
      return (await sql.run(`UPDATE WebLoginChallenge SET usedAt = ? WHERE id = ? AND usedAt IS NULL`, [now, id])) === 1;
    },
    async recentChallenges(channel: string, externalId: string, since: Date): Promise<number> {
      return toNum((await sql.get<Raw>(`SELECT CAST(count(*) AS INTEGER) AS n FROM WebLoginChallenge WHERE channel = ? AND externalId = ? AND createdAt >= ?`, [channel, externalId, since]))?.n ?? 0);
    },

    // ---------------------------------------------------------------- delegate areas

    async delegateGrants(limit: number): Promise<Array<{ channel: string; externalId: string; note: string | null }>> {
      const rows = await sql.all<Raw>(`SELECT channel, externalId, note FROM RoleGrant WHERE role = 'delegate' ORDER BY channel, externalId LIMIT ?`, [limit]);
      return rows.map((r) => ({ channel: toStr(r.channel), externalId: toStr(r.externalId), note: toStrOrNull(r.note) }));
    },
    async allDelegateAreas(): Promise<Array<{ channel: string; externalId: string; area: string }>> {
      return (await sql.all<Raw>(`SELECT channel, externalId, area FROM DelegateArea ORDER BY id`)).map((r) => ({ channel: toStr(r.channel), externalId: toStr(r.externalId), area: toStr(r.area) }));
    },
    async delegateAreas(channel: string, externalId: string): Promise<string[]> {
      return (await sql.all<Raw>(`SELECT area FROM DelegateArea WHERE channel = ? AND externalId = ? ORDER BY id`, [channel, externalId])).map((r) => toStr(r.area));
    },
    async setDelegateAreas(channel: string, externalId: string, areas: readonly string[], at: Date): Promise<void> {
      await sql.transaction(async (tx) => {
        await tx.run(`DELETE FROM DelegateArea WHERE channel = ? AND externalId = ?`, [channel, externalId]);
        if (areas.length) {
          await tx.run(`INSERT INTO DelegateArea (channel, externalId, area, createdAt) VALUES ${areas.map(() => "(?, ?, ?, ?)").join(", ")}`, areas.flatMap((a) => [channel, externalId, a, at]));
        }
      });
    },

    // ---------------------------------------------------------------- Open311 keys

    async open311Key(keyHash: string): Promise<Open311KeyRow | null> {
      const r = await sql.get<Raw>(`SELECT id, name, prefix, createdAt, revokedAt FROM Open311Key WHERE keyHash = ? AND revokedAt IS NULL`, [keyHash]);
      return r ? keyRow(r) : null;
    },
    async addOpen311Key(k: { name: string; keyHash: string; prefix: string; now: Date }): Promise<Open311KeyRow> {
      const r = await sql.get<Raw>(`INSERT INTO Open311Key (name, keyHash, prefix, createdAt) VALUES (?, ?, ?, ?) RETURNING id, name, prefix, createdAt, revokedAt`, [k.name, k.keyHash, k.prefix, k.now]);
      return keyRow(r!);
    },
    async listOpen311Keys(): Promise<Open311KeyRow[]> {
      return (await sql.all<Raw>(`SELECT id, name, prefix, createdAt, revokedAt FROM Open311Key ORDER BY id`)).map(keyRow);
    },
    async revokeOpen311Key(idOrPrefix: string, now: Date): Promise<number> {
      return /^\d+$/.test(idOrPrefix)
        ? sql.run(`UPDATE Open311Key SET revokedAt = ? WHERE revokedAt IS NULL AND id = ?`, [now, Number(idOrPrefix)])
        : sql.run(`UPDATE Open311Key SET revokedAt = ? WHERE revokedAt IS NULL AND prefix = ?`, [now, idOrPrefix]);
    },
    async petitionCodeByInbound(channel: string, externalId: string): Promise<string | null> {
      const r = await sql.get<Raw>(`SELECT p.code FROM InboundMessage m JOIN Petition p ON p.inboundId = m.id WHERE m.channel = ? AND m.externalId = ?`, [channel, externalId]);
      return r ? toStr(r.code) : null;
    },
  };
}

function keyRow(r: Raw): Open311KeyRow {
  return { id: toNum(r.id), name: toStr(r.name), prefix: toStr(r.prefix), createdAt: toDate(r.createdAt), revokedAt: toDateOrNull(r.revokedAt) };
}

/**
 * ChannelEvent: what a channel reports that is not a message for the conversation core
 * (Zalo OA follow, unfollow, "chat now"). Stored once per (channel, externalId), as inbound
 * messages are, so a redelivered event is recognised.
 */
import { toDate, toNum, toStr, type Raw } from "../rows.ts";
import type { Sql } from "../sql/types.ts";

export interface ChannelEventInput {
  channel: string;
  externalId: string;
  kind: string;
  userId: string;
  at: Date;
}

export interface ChannelEventRow extends ChannelEventInput {
  id: number;
  receivedAt: Date;
}

export function channelEventsRepo(sql: Sql) {
  return {
    /** Stores the event unless its key was seen; true when this call stored it. */
    async record(e: ChannelEventInput, receivedAt: Date): Promise<boolean> {
      const n = await sql.run(
        `INSERT INTO ChannelEvent (channel, externalId, kind, userId, at, receivedAt) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel, externalId) DO NOTHING`,
        [e.channel, e.externalId, e.kind, e.userId, e.at, receivedAt],
      );
      return n === 1;
    },

    /** The user's latest event of one of `kinds` (e.g. follow/unfollow: do they follow now?). */
    async latest(channel: string, userId: string, kinds: readonly string[]): Promise<ChannelEventRow | null> {
      const r = await sql.get<Raw>(
        `SELECT id, channel, externalId, kind, userId, at, receivedAt FROM ChannelEvent
          WHERE channel = ? AND userId = ? AND kind IN (${kinds.map(() => "?").join(", ")}) ORDER BY at DESC, id DESC LIMIT 1`,
        [channel, userId, ...kinds],
      );
      return r
        ? { id: toNum(r.id), channel: toStr(r.channel), externalId: toStr(r.externalId), kind: toStr(r.kind), userId: toStr(r.userId), at: toDate(r.at), receivedAt: toDate(r.receivedAt) }
        : null;
    },
  };
}

export type ChannelEventsRepo = ReturnType<typeof channelEventsRepo>;

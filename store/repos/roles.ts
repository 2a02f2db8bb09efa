/** RoleGrant: the allowlist of elevated roles (delegate, staff, admin) per channel user. */
import { toDate, toNum, toStr, toStrOrNull, type Raw } from "../rows.ts";
import type { Sql } from "../sql/types.ts";

export interface RoleGrantRow {
  id: number;
  channel: string;
  externalId: string;
  role: string;
  note: string | null;
  createdAt: Date;
}

function grantRow(r: Raw): RoleGrantRow {
  return { id: toNum(r.id), channel: toStr(r.channel), externalId: toStr(r.externalId), role: toStr(r.role), note: toStrOrNull(r.note), createdAt: toDate(r.createdAt) };
}

export function rolesRepo(sql: Sql) {
  return {
    async of(channel: string, externalId: string): Promise<string[]> {
      const rows = await sql.all<Raw>(`SELECT role FROM RoleGrant WHERE channel = ? AND externalId = ?`, [channel, externalId]);
      return rows.map((r) => toStr(r.role));
    },

    async grant(channel: string, externalId: string, role: string, note: string | null, at: Date): Promise<void> {
      await sql.run(
        `INSERT INTO RoleGrant (channel, externalId, role, note, createdAt) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (channel, externalId, role) DO UPDATE SET note = excluded.note`,
        [channel, externalId, role, note, at],
      );
    },

    /** Removes one role, or every role of the user; resolves with the number removed. */
    async revoke(channel: string, externalId: string, role?: string): Promise<number> {
      return role
        ? sql.run(`DELETE FROM RoleGrant WHERE channel = ? AND externalId = ? AND role = ?`, [channel, externalId, role])
        : sql.run(`DELETE FROM RoleGrant WHERE channel = ? AND externalId = ?`, [channel, externalId]);
    },

    /** Every grant, by channel and user (the admin list; staff fan-out). */
    async all(): Promise<RoleGrantRow[]> {
      const rows = await sql.all<Raw>(`SELECT id, channel, externalId, role, note, createdAt FROM RoleGrant ORDER BY channel, externalId, id`);
      return rows.map(grantRow);
    },
  };
}

export type RolesRepo = ReturnType<typeof rolesRepo>;

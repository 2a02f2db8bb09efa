/**
 * Roles come from the RoleGrant allowlist in the database; everyone else is a voter.
 * Capabilities are checked here, in one place, for every command and button.
 */
import type { Db } from "../store/db.ts";
import { directSqlite } from "../store/sqlite-direct.ts";
import { ROLES, type Role } from "./types.ts";

const RANK: Record<Role, number> = { voter: 0, delegate: 1, staff: 2, admin: 3 };

/** What a role may do. Staff include delegate functions; admin includes staff. */
export type Capability = "file_petition" | "ask_plans" | "plan_shortcuts" | "digest" | "review" | "manage_roles";

const NEEDS: Record<Capability, Role> = {
  file_petition: "voter",
  ask_plans: "voter",
  plan_shortcuts: "delegate",
  digest: "delegate",
  review: "staff",
  manage_roles: "admin",
};

export function can(role: Role, cap: Capability): boolean {
  return RANK[role] >= RANK[NEEDS[cap]];
}

export function isRole(x: unknown): x is Role {
  return typeof x === "string" && (ROLES as readonly string[]).includes(x);
}

/** The highest role granted to a user on a channel (voter when none). */
export async function resolveRole(db: Db, channel: string, externalId: string): Promise<Role> {
  // Asked on every message: the direct SQLite read skips Prisma's per-query cost.
  const direct = directSqlite(db);
  const grants = direct
    ? direct.read(() => direct.stmt("SELECT role FROM RoleGrant WHERE channel = ? AND externalId = ?").all(channel, externalId) as { role: string }[])
    : await db.roleGrant.findMany({ where: { channel, externalId }, select: { role: true } });
  let best: Role = "voter";
  for (const g of grants) if (isRole(g.role) && RANK[g.role] > RANK[best]) best = g.role;
  return best;
}

export async function grantRole(db: Db, channel: string, externalId: string, role: Role, note?: string): Promise<void> {
  if (role === "voter") {
    await db.roleGrant.deleteMany({ where: { channel, externalId } });
    return;
  }
  await db.roleGrant.upsert({
    where: { channel_externalId_role: { channel, externalId, role } },
    create: { channel, externalId, role, note: note ?? null },
    update: { note: note ?? null },
  });
}

export async function revokeRole(db: Db, channel: string, externalId: string, role?: Role): Promise<number> {
  const r = await db.roleGrant.deleteMany({ where: { channel, externalId, ...(role ? { role } : {}) } });
  return r.count;
}

/** Users holding a role (or higher) on any channel, e.g. the staff to notify. */
export async function usersWithRole(db: Db, min: Role): Promise<Array<{ channel: string; externalId: string; role: Role }>> {
  const rows = await db.roleGrant.findMany({ orderBy: { id: "asc" } });
  const seen = new Map<string, { channel: string; externalId: string; role: Role }>();
  for (const r of rows) {
    if (!isRole(r.role) || RANK[r.role] < RANK[min]) continue;
    seen.set(`${r.channel}:${r.externalId}`, { channel: r.channel, externalId: r.externalId, role: r.role });
  }
  return [...seen.values()];
}

export const ROLE_LABELS: Record<Role, string> = {
  voter: "cử tri",
  delegate: "đại biểu",
  staff: "cán bộ Văn phòng",
  admin: "quản trị",
};

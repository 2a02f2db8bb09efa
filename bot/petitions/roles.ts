/**
 * The role model: voter (everyone), delegate, staff, admin — granted through the RoleGrant
 * allowlist — and who may do what with petitions. A voter sees only their own petitions.
 */
import { domainError } from "../errors.ts";
import type { Actor, DbClient, Person } from "./types.ts";

import { ROLES, type Role } from "../../lib/roles.ts";

export { ROLES, type Role };

/** Each role includes the ones below it. */
export const ROLE_RANK: Readonly<Record<Role, number>> = { voter: 0, delegate: 1, staff: 2, admin: 3 };

/** True when `role` is `min` or above it. */
export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}

export function isRole(x: unknown): x is Role {
  return typeof x === "string" && (ROLES as readonly string[]).includes(x);
}

/** The highest of the roles granted (voter when none). */
export function highestRole(grants: readonly string[]): Role {
  let best: Role = "voter";
  for (const g of grants) if (isRole(g) && ROLE_RANK[g] > ROLE_RANK[best]) best = g;
  return best;
}

/** The highest role granted to a user on a channel (voter when none). */
export async function resolveRole(db: DbClient, channel: string, externalId: string): Promise<Role> {
  return highestRole(await db.roles.of(channel, externalId));
}

/** Person plus resolved role, ready to pass to the services. */
export async function resolveActor(db: DbClient, person: Person): Promise<Actor> {
  return { ...person, role: await resolveRole(db, person.channel, person.externalId) };
}

export async function grantRole(db: DbClient, channel: string, externalId: string, role: Role, note?: string): Promise<void> {
  if (role === "voter") {
    await db.roles.revoke(channel, externalId);
    return;
  }
  await db.roles.grant(channel, externalId, role, note ?? null, new Date());
}

export async function revokeRole(db: DbClient, channel: string, externalId: string, role?: Role): Promise<number> {
  return db.roles.revoke(channel, externalId, role);
}

/** Users holding a role (or higher) on any channel, e.g. the staff to notify. */
export async function usersWithRole(db: DbClient, min: Role): Promise<Array<{ channel: string; externalId: string; role: Role }>> {
  const seen = new Map<string, { channel: string; externalId: string; role: Role }>();
  for (const r of await db.roles.all()) {
    if (!isRole(r.role) || !roleAtLeast(r.role, min)) continue;
    const key = `${r.channel}:${r.externalId}`;
    const prev = seen.get(key);
    if (!prev || ROLE_RANK[r.role] > ROLE_RANK[prev.role]) seen.set(key, { channel: r.channel, externalId: r.externalId, role: r.role });
  }
  return [...seen.values()];
}

/** Staff and admins manage petitions. */
export function canManage(actor: Actor): boolean {
  return roleAtLeast(actor.role, "staff");
}

/** Council delegates read all petitions (they carry voters' petitions to the council) but do not change them. */
export function canReadAll(actor: Actor): boolean {
  return roleAtLeast(actor.role, "delegate");
}

export function assertCanManage(actor: Actor): void {
  if (!canManage(actor)) throw domainError("FORBIDDEN", { role: actor.role });
}

/** True when `person` is the voter stored on the petition. */
export function isSameVoter(voter: { channel: string; externalId: string }, person: Person): boolean {
  return voter.channel === person.channel && voter.externalId === person.externalId;
}

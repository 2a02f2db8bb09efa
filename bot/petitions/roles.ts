/**
 * Who may do what with petitions. Roles come from the RoleGrant allowlist; everyone else
 * is a voter and sees only their own petitions.
 */
import { domainError } from "../errors.ts";
import type { Actor, DbClient, Person, Role } from "./types.ts";

const RANK: Record<Role, number> = { voter: 0, delegate: 1, staff: 2, admin: 3 };

/** The highest role granted to this person on this channel ("voter" when none). */
export async function resolveRole(db: DbClient, person: Person): Promise<Role> {
  const grants = await db.roleGrant.findMany({ where: { channel: person.channel, externalId: person.externalId } });
  let role: Role = "voter";
  for (const g of grants) {
    const r = g.role as Role;
    if (r in RANK && RANK[r] > RANK[role]) role = r;
  }
  return role;
}

/** Person plus resolved role, ready to pass to the services. */
export async function resolveActor(db: DbClient, person: Person): Promise<Actor> {
  return { ...person, role: await resolveRole(db, person) };
}

/** Staff and admins manage petitions. */
export function canManage(actor: Actor): boolean {
  return actor.role === "staff" || actor.role === "admin";
}

/** Council delegates read all petitions (they carry voters' petitions to the council) but do not change them. */
export function canReadAll(actor: Actor): boolean {
  return canManage(actor) || actor.role === "delegate";
}

export function assertCanManage(actor: Actor): void {
  if (!canManage(actor)) throw domainError("FORBIDDEN", { role: actor.role });
}

/** True when `person` is the voter stored on the petition. */
export function isSameVoter(voter: { channel: string; externalId: string }, person: Person): boolean {
  return voter.channel === person.channel && voter.externalId === person.externalId;
}

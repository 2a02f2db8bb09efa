/**
 * What each role may do in the chat, checked here, in one place, for every command and
 * button. The roles themselves (and who holds which) are the petition services' model.
 */
import { roleAtLeast, type Role } from "../petitions/roles.ts";

export { grantRole, isRole, resolveRole, revokeRole, usersWithRole } from "../petitions/roles.ts";

/** What a role may do. Staff include delegate functions; admin includes staff. */
export type Capability = "file_petition" | "ask_plans" | "plan_shortcuts" | "digest" | "file_for_voter" | "task_progress" | "review" | "manage_roles";

export const NEEDS: Readonly<Record<Capability, Role>> = {
  file_petition: "voter",
  ask_plans: "voter",
  plan_shortcuts: "delegate",
  digest: "delegate",
  file_for_voter: "delegate",
  task_progress: "delegate",
  review: "staff",
  manage_roles: "admin",
};

/** The role as a user reads it in a refusal ("chỉ dành cho cán bộ"). */
export const ROLE_LABEL: Readonly<Record<Role, string>> = { voter: "cử tri", delegate: "đại biểu", staff: "cán bộ Văn phòng HĐND&UBND", admin: "quản trị viên" };

export function can(role: Role, cap: Capability): boolean {
  return roleAtLeast(role, NEEDS[cap]);
}

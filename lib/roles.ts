/** The roles people have: voter (everyone), delegate, staff, admin — each includes the ones below. */
export const ROLES = ["voter", "delegate", "staff", "admin"] as const;
export type Role = (typeof ROLES)[number];

import { ROLES, type Role } from "@/models/Membership";

export { ROLES, type Role };

const RANK: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };

/**
 * What each role may do (a role may do everything below it):
 * - viewer: dashboards, realtime, visitor profiles, goals and funnels reports, exports; member names
 * - admin: sites (create, settings, delete, move), secrets, API keys, integrations, share links, the audit log
 * - owner: members and invitations, renaming and deleting the team (and billing)
 */
export const hasRole = (role: Role, needed: Role) => RANK[role] >= RANK[needed];

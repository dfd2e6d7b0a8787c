import type { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { forbidden, notFound } from "@/lib/http/errors";
import { isObjectId, roleIn, teamWithRole } from "@/lib/teams/membership";
import { ensurePersonalTeam } from "@/lib/teams/personal";
import { withArticle } from "@/lib/teams/role-names";
import { hasRole, type Role } from "@/lib/teams/roles";
import type { TeamDoc } from "@/models/Team";
import { Website, type WebsiteDoc } from "@/models/Website";

export type TeamWebsite = WebsiteDoc & { teamId: Types.ObjectId };
export type WebsiteAccess = { website: TeamWebsite; role: Role };
export type TeamAccess = { team: TeamDoc; role: Role };

/**
 * The website and the user's role in the team that owns it, both read from
 * the store on every call: a removed member or a lowered role counts from the
 * very next request. Null when the website is unknown or the user is not in
 * its team. A site from before teams is moved into its creator's personal
 * team first.
 */
export async function websiteAccess(userId: string, websiteId: string): Promise<WebsiteAccess | null> {
  if (!isObjectId(websiteId) || !isObjectId(userId)) return null;
  await connectDb();
  const website = await Website.findById(websiteId).lean<WebsiteDoc>();
  if (!website) return null;
  let teamId = website.teamId;
  if (!teamId) {
    await ensurePersonalTeam(website.userId);
    teamId = website.userId;
  }
  const role = await roleIn(teamId, userId);
  return role ? { website: { ...website, teamId }, role } : null;
}

const roleError = (needed: Role, role: Role) => forbidden(`This needs the ${needed} role in the site's team; you are ${withArticle(role)}.`);

/**
 * The one ownership check of the dashboard: 404 when the site is unknown or
 * the user is outside its team (so other people's ids cannot be probed), 403
 * for a member whose role is below what the action needs.
 */
export async function authorizeWebsite(userId: string, websiteId: string, needed: Role): Promise<WebsiteAccess> {
  const access = await websiteAccess(userId, websiteId);
  if (!access) throw notFound("Website not found");
  if (!hasRole(access.role, needed)) throw roleError(needed, access.role);
  return access;
}

/** The same for a team: 404 for a stranger, 403 for a member without the role. */
export async function authorizeTeam(userId: string, teamId: string, needed: Role): Promise<TeamAccess> {
  const access = await teamWithRole(userId, teamId);
  if (!access) throw notFound("Team not found");
  if (!hasRole(access.role, needed)) throw forbidden(`This needs the ${needed} role in this team; you are ${withArticle(access.role)}.`);
  return access;
}

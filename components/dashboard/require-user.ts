import { cache } from "react";
import { forbidden, notFound, redirect } from "next/navigation";
import { websiteAccess } from "@/lib/auth/access";
import { teamWithRole } from "@/lib/teams/membership";
import { serializeTeam, type TeamDTO } from "@/lib/teams/teams";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { hasRole, type Role } from "@/lib/teams/roles";
import { serializeWebsite } from "@/lib/websites/service";
import type { WebsiteDTO } from "@/lib/websites/types";

/** One store read per request, however many layouts and pages ask. */
export const currentUser = cache(getCurrentUser);

/**
 * Every dashboard page calls this with its own path: layouts are not re-run on
 * client-side navigation, and only the page knows where to come back after login.
 */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

const access = cache(websiteAccess);

/**
 * The website as the signed-in user may see it, through the same check as the
 * API (lib/auth/access.ts): the 404 page outside its team, the 403 page for a
 * member whose role is below what the page needs.
 */
export async function requireWebsite(websiteId: string, returnTo: string, needed: Role = "viewer"): Promise<{ user: CurrentUser; website: WebsiteDTO }> {
  const user = await requireUser(returnTo);
  const found = await access(user.id, websiteId);
  if (!found) notFound();
  if (!hasRole(found.role, needed)) forbidden();
  return { user, website: serializeWebsite(found.website, found.role) };
}

/** A team page: the 404 page for anyone outside the team (the same check as /api/teams/{id}). */
export async function requireTeam(teamId: string, returnTo: string): Promise<{ user: CurrentUser; team: TeamDTO }> {
  const user = await requireUser(returnTo);
  const found = await teamWithRole(user.id, teamId);
  if (!found) notFound();
  return { user, team: serializeTeam(found.team, found.role) };
}

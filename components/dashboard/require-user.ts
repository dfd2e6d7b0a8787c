import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { findOwnedWebsite } from "@/lib/websites/service";
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

const ownedWebsite = cache(findOwnedWebsite);

/** The signed-in user's website, or the 404 page: someone else's site is never revealed. */
export async function requireWebsite(websiteId: string, returnTo: string): Promise<{ user: CurrentUser; website: WebsiteDTO }> {
  const user = await requireUser(returnTo);
  const website = await ownedWebsite(user.id, websiteId);
  if (!website) notFound();
  return { user, website };
}

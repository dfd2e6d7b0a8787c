import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { ApiError } from "@/lib/http/errors";
import { publicOrigin } from "@/lib/http/public-origin";
import { completeConnection, readState } from "@/lib/integrations/search-console/oauth";
import { authorizeWebsite } from "@/lib/auth/access";
import { audit } from "@/lib/teams/audit";

/**
 * Google redirects here after consent. The signed state names the website and
 * the user who started; the signed-in user must be that user and still an
 * admin of the site's team (checked again here). Either way the
 * browser goes back to settings with the outcome in the query string.
 */
export async function GET(req: NextRequest) {
  const origin = publicOrigin(req.headers);
  const q = req.nextUrl.searchParams;
  const user = await getCurrentUser();
  if (!user) return Response.redirect(`${origin}/login`, 302);
  let websiteId = "";
  try {
    websiteId = readState(q.get("state") ?? "", user.id);
    const { website } = await authorizeWebsite(user.id, websiteId, "admin");
    if (q.get("error")) throw new ApiError(400, "oauth_denied", "Access was not granted");
    await completeConnection(website, q.get("code") ?? "", origin);
    await audit(website.teamId, user, "integration.connected", { target: "Google Search Console", websiteId: website._id, detail: website.domain });
    return Response.redirect(`${origin}/dashboard/${websiteId}/settings?searchConsole=connected#integrations`, 302);
  } catch (err) {
    const code = err instanceof ApiError ? err.code : "oauth_failed";
    if (!(err instanceof ApiError)) console.error("[search-console] connect failed", err);
    const to = websiteId ? `/dashboard/${websiteId}/settings` : "/dashboard";
    return Response.redirect(`${origin}${to}?searchConsole=${encodeURIComponent(code)}#integrations`, 302);
  }
}

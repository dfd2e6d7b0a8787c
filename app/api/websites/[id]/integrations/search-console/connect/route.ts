import { withWebsite } from "@/lib/auth/with-website";
import { ApiError } from "@/lib/http/errors";
import { publicOrigin } from "@/lib/http/public-origin";
import { googleConfigured } from "@/lib/integrations/search-console/client";
import { consentUrl } from "@/lib/integrations/search-console/oauth";

/** Starts the OAuth connection: a top-level navigation from settings, answered with Google's consent page. */
export const GET = withWebsite("admin", async (req, { website, user }) => {
  if (!googleConfigured()) throw new ApiError(409, "not_configured", "Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET to connect Search Console");
  return Response.redirect(consentUrl(String(website._id), user.id, publicOrigin(req.headers)), 302);
});

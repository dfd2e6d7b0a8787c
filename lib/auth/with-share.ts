import type { NextRequest } from "next/server";
import { errorResponse, notFound, toErrorResponse } from "@/lib/http/errors";
import { hasShareProof, resolveShare, shareCookieName, type SharedSite } from "@/lib/shares/shares";
import { requestIp, takeLimit } from "./rate-limits";
import type { RouteContext } from "./with-session";

type ShareHandler = (req: NextRequest, ctx: { shared: SharedSite; token: string }) => Promise<Response>;

// Public and embeddable: nothing personal is ever answered, and nothing is cached by proxies.
const NO_STORE = { "Cache-Control": "private, no-store" };

/**
 * The gate of /api/share/{token}/...: rate limited per client IP before any
 * lookup; a forged, unknown, revoked or expired token is the same 404 (so no
 * answer tells whether another token exists); a password link needs the
 * cookie its password form set (`unlock: true` routes are that form).
 */
export function withShare(handler: ShareHandler, opts: { unlock?: boolean } = {}) {
  return async (req: NextRequest, ctx: RouteContext<{ token: string }>): Promise<Response> => {
    try {
      takeLimit("share-ip", requestIp(req));
      const { token } = await ctx.params;
      const shared = await resolveShare(token);
      if (!shared) throw notFound("No shared dashboard at this address");
      if (!opts.unlock && !hasShareProof(shared.share, req.cookies.get(shareCookieName(shared.share))?.value)) {
        return errorResponse(401, "password_required", "This shared dashboard asks for a password", NO_STORE);
      }
      const res = await handler(req, { shared, token });
      for (const [k, v] of Object.entries(NO_STORE)) res.headers.set(k, v);
      return res;
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

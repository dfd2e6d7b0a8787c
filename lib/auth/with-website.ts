import type { NextRequest } from "next/server";
import { notFound } from "@/lib/http/errors";
import { findOwnedWebsiteDoc } from "@/lib/websites/service";
import type { WebsiteDoc } from "@/models/Website";
import type { CurrentUser } from "./current-user";
import { withSession, type RouteParams } from "./with-session";

type WebsiteHandler<P extends RouteParams> = (
  req: NextRequest,
  ctx: { user: CurrentUser; website: WebsiteDoc; params: P },
) => Promise<Response>;

/**
 * The one place ownership is checked: the website in the path must belong to
 * the signed-in user. Someone else's website is a 404, never a 403, so ids of
 * other people's sites cannot be probed.
 */
export function withWebsite<P extends RouteParams & { id: string }>(handler: WebsiteHandler<P>) {
  return withSession<P>(async (req, { user, params }) => {
    const website = await findOwnedWebsiteDoc(user.id, params.id);
    if (!website) throw notFound("Website not found");
    return handler(req, { user, website, params });
  });
}

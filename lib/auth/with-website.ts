import type { NextRequest } from "next/server";
import type { Role } from "@/lib/teams/roles";
import { authorizeWebsite, type TeamWebsite } from "./access";
import type { CurrentUser } from "./current-user";
import { withSession, type RouteParams } from "./with-session";

type WebsiteHandler<P extends RouteParams> = (
  req: NextRequest,
  ctx: { user: CurrentUser; website: TeamWebsite; role: Role; params: P },
) => Promise<Response>;

/**
 * The one place website access is checked: the website in the path must
 * belong to a team the signed-in user is in (else 404, never 403, so ids of
 * other people's sites cannot be probed), with at least the role the action
 * needs (else 403). Membership is read from the store on every request.
 */
export function withWebsite<P extends RouteParams & { id: string }>(needed: Role, handler: WebsiteHandler<P>) {
  return withSession<P>(async (req, { user, params }) => {
    const { website, role } = await authorizeWebsite(user.id, params.id, needed);
    return handler(req, { user, website, role, params });
  });
}

import type { NextRequest } from "next/server";
import type { Role } from "@/lib/teams/roles";
import type { TeamDoc } from "@/models/Team";
import { authorizeTeam } from "./access";
import type { CurrentUser } from "./current-user";
import { withSession, type RouteParams } from "./with-session";

type TeamHandler<P extends RouteParams> = (req: NextRequest, ctx: { user: CurrentUser; team: TeamDoc; role: Role; params: P }) => Promise<Response>;
/** The role an action needs, fixed or depending on the call (leaving a team needs less than removing someone). */
type Needed<P> = Role | ((call: { user: CurrentUser; params: P }) => Role);

/** withWebsite's twin for /api/teams/{id}/...: 404 outside the team, 403 below the role. */
export function withTeam<P extends RouteParams & { id: string }>(needed: Needed<P>, handler: TeamHandler<P>) {
  return withSession<P>(async (req, { user, params }) => {
    const role = typeof needed === "function" ? needed({ user, params }) : needed;
    const access = await authorizeTeam(user.id, params.id, role);
    return handler(req, { user, ...access, params });
  });
}

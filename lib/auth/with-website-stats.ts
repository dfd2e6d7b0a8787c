import type { NextRequest } from "next/server";
import { assertStatsOpen } from "@/lib/billing/lock";
import type { Role } from "@/lib/teams/roles";
import type { TeamWebsite } from "./access";
import type { CurrentUser } from "./current-user";
import type { RouteParams } from "./with-session";
import { withWebsite } from "./with-website";

type Handler<P extends RouteParams> = (req: NextRequest, ctx: { user: CurrentUser; website: TeamWebsite; role: Role; params: P }) => Promise<Response>;

/**
 * The dashboard's stats endpoints: withWebsite for viewers, then 402
 * `plan_required` while the site's team is locked by billing (a grace period
 * ran out). Only reading stats in the dashboard locks; ingest, exports and the
 * public API keep working, and nothing is deleted.
 */
export function withWebsiteStats<P extends RouteParams & { id: string }>(handler: Handler<P>) {
  return withWebsite<P>("viewer", async (req, ctx) => {
    await assertStatsOpen(ctx.website.teamId);
    return handler(req, ctx);
  });
}

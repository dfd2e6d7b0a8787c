import { withShare } from "@/lib/auth/with-share";
import { dashboardLoad, dashboardLoadQuerySchema, dashboardParams, statsSite } from "@/lib/stats";

export const dynamic = "force-dynamic";

// The team's own load endpoint behind the share gate: the same parts, aggregates only.
export const GET = withShare(async (req, { shared }) => Response.json(await dashboardLoad(statsSite(shared.website), dashboardLoadQuerySchema.parse(dashboardParams(req.url)).part)));

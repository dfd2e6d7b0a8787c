import { withShare } from "@/lib/auth/with-share";
import { dashboardBreakdownQuerySchema, statsParams } from "@/lib/schemas/stats";
import { dashboardBreakdown, statsSite } from "@/lib/stats";

export const dynamic = "force-dynamic";

// The dashboard's own query, so a shared link shows exactly what the team sees (aggregates only).
export const GET = withShare(async (req, { shared }) => Response.json(await dashboardBreakdown(statsSite(shared.website), dashboardBreakdownQuerySchema.parse(statsParams(req.url)))));

import { withShare } from "@/lib/auth/with-share";
import { overviewQuerySchema, statsParams } from "@/lib/schemas/stats";
import { dashboardOverview, statsSite } from "@/lib/stats";

export const dynamic = "force-dynamic";

// The dashboard's own query, so a shared link shows exactly what the team sees (aggregates only).
export const GET = withShare(async (req, { shared }) => Response.json(await dashboardOverview(statsSite(shared.website), overviewQuerySchema.parse(statsParams(req.url)))));

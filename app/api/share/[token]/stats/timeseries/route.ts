import { withShare } from "@/lib/auth/with-share";
import { timeseriesQuerySchema, statsParams } from "@/lib/schemas/stats";
import { dashboardTimeseries, statsSite } from "@/lib/stats";

export const dynamic = "force-dynamic";

// The dashboard's own query, so a shared link shows exactly what the team sees (aggregates only).
export const GET = withShare(async (req, { shared }) => Response.json(await dashboardTimeseries(statsSite(shared.website), timeseriesQuerySchema.parse(statsParams(req.url)))));

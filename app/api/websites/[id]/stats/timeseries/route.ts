import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { timeseriesQuerySchema, statsParams } from "@/lib/schemas/stats";
import { dashboardTimeseries, statsSite } from "@/lib/stats";

export const dynamic = "force-dynamic";

export const GET = withWebsiteStats(async (req, { website }) => Response.json(await dashboardTimeseries(statsSite(website), timeseriesQuerySchema.parse(statsParams(req.url)))));

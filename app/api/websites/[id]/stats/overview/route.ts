import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { overviewQuerySchema, statsParams } from "@/lib/schemas/stats";
import { dashboardOverview, statsSite } from "@/lib/stats";

export const dynamic = "force-dynamic";

export const GET = withWebsiteStats(async (req, { website }) => Response.json(await dashboardOverview(statsSite(website), overviewQuerySchema.parse(statsParams(req.url)))));

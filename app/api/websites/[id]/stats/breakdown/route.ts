import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { dashboardBreakdownQuerySchema, statsParams } from "@/lib/schemas/stats";
import { dashboardBreakdown, statsSite } from "@/lib/stats";

export const dynamic = "force-dynamic";

export const GET = withWebsiteStats(async (req, { website }) => Response.json(await dashboardBreakdown(statsSite(website), dashboardBreakdownQuerySchema.parse(statsParams(req.url)))));

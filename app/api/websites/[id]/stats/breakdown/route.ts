import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { breakdownQuerySchema, statsParams } from "@/lib/schemas/stats";
import { dashboardBreakdown, statsSite } from "@/lib/stats";

export const dynamic = "force-dynamic";

export const GET = withWebsiteStats(async (req, { website }) => Response.json(await dashboardBreakdown(statsSite(website), breakdownQuerySchema.parse(statsParams(req.url)))));

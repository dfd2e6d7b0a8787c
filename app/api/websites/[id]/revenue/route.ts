import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { overviewQuerySchema, statsParams } from "@/lib/schemas/stats";
import { statsSite } from "@/lib/stats";
import { revenueReport } from "@/lib/stats/revenue-report";

export const dynamic = "force-dynamic";

export const GET = withWebsiteStats(async (req, { website }) => Response.json(await revenueReport(statsSite(website), overviewQuerySchema.parse(statsParams(req.url)))));

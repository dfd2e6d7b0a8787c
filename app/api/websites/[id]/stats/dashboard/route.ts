import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { dashboardLoad, dashboardLoadQuerySchema, dashboardParams, statsSite } from "@/lib/stats";

export const dynamic = "force-dynamic";

export const GET = withWebsiteStats(async (req, { website }) => Response.json(await dashboardLoad(statsSite(website), dashboardLoadQuerySchema.parse(dashboardParams(req.url)).part)));

import { withWebsiteStats } from "@/lib/auth/with-website-stats";
import { overviewQuerySchema, statsParams } from "@/lib/schemas/stats";
import { statsContext, statsSite } from "@/lib/stats";
import { getMarkers } from "@/lib/stats/get-markers";

export const dynamic = "force-dynamic";

// Same range parameters as the stats routes (period or from/to), so the chart's markers cover its axis.
export const GET = withWebsiteStats(async (req, { website }) => {
  const ctx = await statsContext(statsSite(website), overviewQuerySchema.parse(statsParams(req.url)));
  return Response.json(await getMarkers(ctx.id, ctx.period.range));
});

import type { Overview } from "@/lib/schemas/stats";
import type { StatsContext } from "./context";
import { revenueByCurrency, selectionMetrics } from "./metrics";
import type { Range } from "./period";
import { selectVisits } from "./select";

/** The overview plus what the dashboard shows beside it. */
export type OverviewMetrics = Overview & { viewsPerSession: number; revenueByCurrency: { currency: string; revenue: number }[] };

/** Headline metrics of the range (default: the context's period), under the context's filters. */
export async function getOverview(ctx: StatsContext, range: Range = ctx.period.range): Promise<OverviewMetrics> {
  const sel = await selectVisits(ctx, range);
  const m = selectionMetrics(sel, ctx.currency);
  const { duration, bounces } = m;
  const sessions = sel.visits.length;
  return {
    visitors: m.visitors,
    sessions,
    pageviews: m.pageviews,
    bounceRate: sessions ? bounces / sessions : 0,
    avgSessionDuration: sessions ? Math.round(duration / sessions) : 0,
    revenue: m.revenue,
    payments: m.payments,
    conversionRate: m.conversionRate,
    revenuePerVisitor: m.visitors ? Math.round(m.revenue / m.visitors) : 0,
    currency: ctx.currency,
    viewsPerSession: sessions ? m.pageviews / sessions : 0,
    revenueByCurrency: revenueByCurrency(sel.payments, ctx.currency),
  };
}

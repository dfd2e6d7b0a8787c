import type { Timeseries } from "@/lib/schemas/stats";
import { bucketIndex, bucketStarts, localIso } from "./buckets";
import type { StatsContext } from "./context";
import type { Range, TimeInterval } from "./period";
import { selectVisits } from "./select";

/**
 * Visitors, pageviews and net revenue (site currency) per bucket in the
 * website's time zone, every bucket of the range included. A visit counts in
 * the bucket it started in, a payment in the bucket it was paid in.
 */
export async function getTimeseries(ctx: StatsContext, range: Range = ctx.period.range, interval: TimeInterval = ctx.period.interval): Promise<Timeseries> {
  const starts = bucketStarts(range, interval, ctx.timezone);
  const { visits, payments } = await selectVisits(ctx, range);
  const buckets = starts.map(() => ({ visitors: new Set<string>(), pageviews: 0, revenue: 0 }));
  for (const v of visits) {
    const b = buckets[bucketIndex(starts, v.startedAt)];
    if (!b) continue;
    b.visitors.add(v.visitorId);
    b.pageviews += v.pageviews;
  }
  for (const p of payments) {
    const b = buckets[bucketIndex(starts, p.timestamp)];
    if (b && p.currency === ctx.currency) b.revenue += p.net;
  }
  return {
    interval,
    points: starts.map((t, i) => ({ time: localIso(t, ctx.timezone), visitors: buckets[i].visitors.size, pageviews: buckets[i].pageviews, revenue: buckets[i].revenue })),
  };
}

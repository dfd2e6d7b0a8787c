import type { Timeseries } from "@/lib/schemas/stats";
import { bucketIndex, bucketStarts, localIso } from "./buckets";
import type { StatsContext } from "./context";
import { Tally } from "./metrics";
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
  const tallies = starts.map(() => new Tally());
  const revenue = starts.map(() => 0);
  const noPayers = new Set<string>();
  for (const v of visits) tallies[bucketIndex(starts, v.startedAt)]?.add(v.visitorId, v.pageviews, noPayers);
  for (const p of payments) {
    const i = bucketIndex(starts, p.timestamp);
    if (i >= 0 && p.currency === ctx.currency) revenue[i] += p.net;
  }
  return {
    interval,
    points: starts.map((t, i) => ({ time: localIso(t, ctx.timezone), visitors: tallies[i].visitors, pageviews: tallies[i].pageviews, revenue: revenue[i] })),
  };
}

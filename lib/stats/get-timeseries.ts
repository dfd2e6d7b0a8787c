import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import type { Timeseries } from "@/lib/schemas/stats";
import { bucketKeyOf, bucketKeySql, bucketStarts, localIso } from "./buckets";
import type { StatsContext } from "./context";
import type { Range, TimeInterval } from "./period";
import { importedMidnight, importedRefusal, importedSql, type ImportedSums } from "./imported";
import { sampleFor } from "./sample";
import { selection } from "./selection";
import { scanAlone, type VisitScan } from "./visit-scan";

type MoneyRow = { p: number; b: string; revenue: number };

/**
 * Visitors, pageviews and net revenue (site currency) per bucket of each
 * period, in the website's time zone, every bucket present. A visit counts in
 * the bucket it started in, a payment in the bucket it was paid in.
 */
export async function getTimeseriesOf(ctx: StatsContext, periods: Range[], interval: TimeInterval = ctx.period.interval, scan: VisitScan = scanAlone): Promise<Timeseries[]> {
  const e = await engine();
  const sample = await sampleFor(e, ctx);
  const sel = selection(e, ctx, periods, sample);
  const withImported = ctx.imports.length > 0 && !importedRefusal(sel, "", interval === "hour");
  const [visits, money, imported] = await Promise.all([
    scan.buckets(sel, interval),
    e.query<MoneyRow>(`SELECT p, ${bucketKeySql("ts", interval, ctx.timezone, str)} AS b, sum(net) AS revenue
      FROM ${sel.credited("p", "ts", "net", "currency")} WHERE currency = ${str(ctx.currency)} GROUP BY p, b`),
    withImported ? e.query<ImportedSums>(importedSql(sel, "", bucketKeySql(importedMidnight(ctx.timezone), interval, ctx.timezone, str))) : [],
  ]);
  return periods.map((range, i) => {
    const starts = bucketStarts(range, interval, ctx.timezone);
    const index = new Map(starts.map((s, k) => [bucketKeyOf(s, interval, ctx.timezone), k]));
    const points = starts.map((t) => ({ time: localIso(t, ctx.timezone), visitors: 0, pageviews: 0, revenue: 0 }));
    for (const r of visits) {
      const k = r.p === i ? index.get(r.b) : undefined;
      if (k !== undefined) Object.assign(points[k], { visitors: r.visitors * sample.k, pageviews: r.pageviews * sample.k });
    }
    for (const r of imported) {
      const k = r.p === i ? index.get(r.g!) : undefined;
      if (k !== undefined) Object.assign(points[k], { visitors: points[k].visitors + r.visitors, pageviews: points[k].pageviews + r.pageviews });
    }
    for (const r of money) {
      const k = r.p === i ? index.get(r.b) : undefined;
      if (k !== undefined) points[k].revenue = r.revenue * sel.moneyScale;
    }
    return { interval, points };
  });
}

export async function getTimeseries(ctx: StatsContext, range: Range = ctx.period.range, interval: TimeInterval = ctx.period.interval): Promise<Timeseries> {
  return (await getTimeseriesOf(ctx, [range], interval))[0];
}

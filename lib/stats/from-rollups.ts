import type { BreakdownRow, Timeseries } from "@/lib/schemas/stats";
import { Rollup } from "@/models/Rollup";
import { bucketIndex, bucketStarts, localIso } from "./buckets";
import { cached } from "./cache";
import type { StatsContext } from "./context";
import { isTouchDimension, type Dimension } from "./dimensions";
import type { OverviewMetrics } from "./get-overview";
import { revenueByCurrency } from "./metrics";
import type { Range, TimeInterval } from "./period";
import { rollupMetaKey } from "./rollup-ops";
import { readPieces, Tally } from "./rollup-rows";
import { selectPayments, type PaymentRow } from "./select";

/**
 * The stats queries answered from the hourly rollups, or null when they
 * cannot answer and the caller reads raw events. They answer unfiltered
 * questions and those filtered by one touch dimension `is` value (channel,
 * referrer, utm_*, entry_page, country, device): for those a payment's own
 * touch decides whether it counts, so revenue stays exact without the payer's
 * visits. Other filters, operators and breakdowns (page, exit page, browser...
 * where a payment counts in every row its payer was seen in) need raw events.
 * Visitors are HyperLogLog estimates (~0.8 % standard error), and so the
 * conversion rate: distinct payers / estimated visitors.
 */

type Selection = { dimension: string; value?: string };

function selection(ctx: StatsContext): Selection | null {
  if (!ctx.filters.length) return { dimension: "total", value: "" };
  const [f, ...rest] = ctx.filters;
  if (!rest.length && f.op === "is" && isTouchDimension(f.dimension)) return { dimension: f.dimension, value: f.value };
  return null;
}

/** The first hour a website's rollups hold completely, or null before they began (the meta doc rollupOps writes). */
export function rollupsSince(websiteId: string): Promise<Date | null> {
  return cached(`rollup-meta:${websiteId}`, 10_000, async () => {
    const meta = await Rollup.collection.findOne({ _id: rollupMetaKey(websiteId) as never });
    return meta?.since instanceof Date ? meta.since : null;
  });
}

async function covers(ctx: StatsContext, range: Range): Promise<boolean> {
  if (process.env.TRAILMARK_STATS_RAW === "1") return false; // benchmarks and tests compare the two
  const since = await rollupsSince(ctx.id);
  return !!since && since <= range.start;
}

const payersOf = (payments: PaymentRow[]) => new Set(payments.flatMap((p) => (p.visitorId ? [p.visitorId] : []))).size;
const siteRevenue = (payments: PaymentRow[], currency: string) => payments.reduce((s, p) => s + (p.currency === currency ? p.net : 0), 0);

export async function overviewFromRollups(ctx: StatsContext, range: Range): Promise<OverviewMetrics | null> {
  const sel = selection(ctx);
  if (!sel || !(await covers(ctx, range))) return null;
  // Payments with a touch filter only need no payer scope (select.ts): the same rows the raw path counts.
  const [pieces, payments] = await Promise.all([readPieces(ctx.id, ctx.timezone, range, sel.dimension, false, sel.value), selectPayments(ctx, range, null)]);
  const t = new Tally();
  for (const p of pieces) for (const c of p.cells.values()) t.add(c);
  const visitors = t.visitors();
  const revenue = siteRevenue(payments, ctx.currency);
  return {
    visitors,
    sessions: t.sessions,
    pageviews: t.pageviews,
    bounceRate: t.sessions ? t.bounces / t.sessions : 0,
    avgSessionDuration: t.sessions ? Math.round(t.duration / t.sessions) : 0,
    revenue,
    payments: payments.length,
    conversionRate: visitors ? Math.min(1, payersOf(payments) / visitors) : 0,
    revenuePerVisitor: visitors ? Math.round(revenue / visitors) : 0,
    currency: ctx.currency,
    viewsPerSession: t.sessions ? t.pageviews / t.sessions : 0,
    revenueByCurrency: revenueByCurrency(payments, ctx.currency),
    estimated: true,
  };
}

export async function timeseriesFromRollups(ctx: StatsContext, range: Range, interval: TimeInterval): Promise<Timeseries | null> {
  const sel = selection(ctx);
  if (!sel || !(await covers(ctx, range))) return null;
  const starts = bucketStarts(range, interval, ctx.timezone);
  const [pieces, payments] = await Promise.all([readPieces(ctx.id, ctx.timezone, range, sel.dimension, interval === "hour", sel.value), selectPayments(ctx, range, null)]);
  const tallies = starts.map(() => new Tally());
  const revenue = starts.map(() => 0);
  // Day and hour pieces nest in every bucket: buckets start at local midnights or hours.
  for (const p of pieces) for (const c of p.cells.values()) tallies[bucketIndex(starts, p.start)]?.add(c);
  for (const p of payments) {
    const i = bucketIndex(starts, p.timestamp);
    if (i >= 0 && p.currency === ctx.currency) revenue[i] += p.net;
  }
  return {
    interval,
    points: starts.map((s, i) => ({ time: localIso(s, ctx.timezone), visitors: tallies[i].visitors(), pageviews: tallies[i].pageviews, revenue: revenue[i] })),
  };
}

export async function breakdownFromRollups(ctx: StatsContext, dimension: Dimension, limit: number, range: Range): Promise<BreakdownRow[] | null> {
  if (ctx.filters.length || !isTouchDimension(dimension) || !(await covers(ctx, range))) return null;
  const [pieces, payments] = await Promise.all([readPieces(ctx.id, ctx.timezone, range, dimension, false), selectPayments(ctx, range, null)]);
  const tallies = new Map<string, Tally>();
  for (const p of pieces) {
    for (const [v, c] of p.cells) {
      if (!tallies.has(v)) tallies.set(v, new Tally());
      tallies.get(v)!.add(c);
    }
  }
  // A touch dimension credits each payment to its touch's value, so rows add up to the total.
  const credited = new Map<string, PaymentRow[]>();
  for (const p of payments) credited.set(p.touch[dimension], [...(credited.get(p.touch[dimension]) ?? []), p]);
  const rows: BreakdownRow[] = [];
  for (const value of new Set([...tallies.keys(), ...credited.keys()])) {
    const visitors = tallies.get(value)?.visitors() ?? 0;
    const paid = credited.get(value) ?? [];
    rows.push({
      value,
      visitors,
      pageviews: tallies.get(value)?.pageviews ?? 0,
      revenue: siteRevenue(paid, ctx.currency),
      payments: paid.length,
      conversionRate: visitors ? Math.min(1, payersOf(paid) / visitors) : 0,
    });
  }
  rows.sort((a, b) => b.visitors - a.visitors || b.revenue - a.revenue || b.pageviews - a.pageviews || a.value.localeCompare(b.value));
  return rows.slice(0, limit);
}

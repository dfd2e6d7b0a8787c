import { breakdownSchema, overviewSchema, timeseriesSchema, type Breakdown, type BreakdownQuery, type BreakdownRow, type Overview, type StatsQuery, type Timeseries, type TimeseriesQuery } from "@/lib/schemas/stats";
import { localIso } from "./buckets";
import { statsContext, type StatsContext, type StatsSite } from "./context";
import { getBreakdown } from "./get-breakdown";
import { getOverview, type OverviewMetrics } from "./get-overview";
import { getTimeseries } from "./get-timeseries";
import type { Range } from "./period";

// What the stats routes answer: the public API exactly as DESIGN.md documents
// it (parsed through the response schemas, which also drop the extras), and
// the dashboard's richer answer with the previous period beside it.

export type RangeInfo = { start: string; end: string };
export type PeriodInfo = { period: string; timezone: string; current: RangeInfo; previous: RangeInfo | null };

const info = (r: Range, tz: string): RangeInfo => ({ start: localIso(r.start, tz), end: localIso(r.end, tz) });
const periodInfo = (ctx: StatsContext): PeriodInfo => ({
  period: ctx.period.period,
  timezone: ctx.timezone,
  current: info(ctx.period.range, ctx.timezone),
  previous: ctx.period.previous && info(ctx.period.previous, ctx.timezone),
});

export async function publicOverview(site: StatsSite, q: StatsQuery): Promise<Overview> {
  return overviewSchema.parse(await getOverview(await statsContext(site, q)));
}
export async function publicTimeseries(site: StatsSite, q: TimeseriesQuery): Promise<Timeseries> {
  return timeseriesSchema.parse(await getTimeseries(await statsContext(site, q)));
}
export async function publicBreakdown(site: StatsSite, q: BreakdownQuery): Promise<Breakdown> {
  return breakdownSchema.parse(await getBreakdown(await statsContext(site, q), q.dimension, q.limit));
}

export type DashboardOverview = OverviewMetrics & { previous: OverviewMetrics | null; range: PeriodInfo };
export type DashboardTimeseries = Timeseries & { previous: Timeseries["points"] | null; range: PeriodInfo };
export type DashboardBreakdownRow = BreakdownRow & { previous: Omit<BreakdownRow, "value"> | null };
export type DashboardBreakdown = { dimension: Breakdown["dimension"]; rows: DashboardBreakdownRow[]; range: PeriodInfo };

export async function dashboardOverview(site: StatsSite, q: StatsQuery): Promise<DashboardOverview> {
  const ctx = await statsContext(site, q);
  const [current, previous] = await Promise.all([getOverview(ctx), ctx.period.previous ? getOverview(ctx, ctx.period.previous) : null]);
  return { ...current, previous, range: periodInfo(ctx) };
}

export async function dashboardTimeseries(site: StatsSite, q: TimeseriesQuery): Promise<DashboardTimeseries> {
  const ctx = await statsContext(site, q);
  const [current, previous] = await Promise.all([getTimeseries(ctx), ctx.period.previous ? getTimeseries(ctx, ctx.period.previous) : null]);
  return { ...current, previous: previous?.points ?? null, range: periodInfo(ctx) };
}

export async function dashboardBreakdown(site: StatsSite, q: BreakdownQuery): Promise<DashboardBreakdown> {
  const ctx = await statsContext(site, q);
  const current = await getBreakdown(ctx, q.dimension, q.limit);
  // The current rows' values, each found even if it ranked lower then.
  const previous = ctx.period.previous ? await getBreakdown(ctx, q.dimension, Number.MAX_SAFE_INTEGER, ctx.period.previous, new Set(current.rows.map((r) => r.value))) : null;
  const before = new Map(previous?.rows.map(({ value, ...m }) => [value, m]));
  const empty = { visitors: 0, pageviews: 0, revenue: 0, payments: 0, conversionRate: 0 };
  return {
    dimension: current.dimension,
    rows: current.rows.map((r) => ({ ...r, previous: previous ? (before.get(r.value) ?? empty) : null })),
    range: periodInfo(ctx),
  };
}

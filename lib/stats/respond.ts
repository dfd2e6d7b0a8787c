import { engine } from "@/lib/engine";
import { breakdownSchema, overviewSchema, timeseriesSchema, vitalsSchema, type Breakdown, type BreakdownQuery, type BreakdownRow, type DashboardBreakdownQuery, type Overview, type StatsQuery, type Timeseries, type TimeseriesQuery, type Vitals, type VitalsQuery } from "@/lib/schemas/stats";
import { localIso } from "./buckets";
import { statsContext, type StatsContext, type StatsSite } from "./context";
import { breakdownRows, getBreakdown, topRows, type RowMetrics } from "./get-breakdown";
import type { Dimension } from "./dimensions";
import { getOverview, getOverviews, type OverviewMetrics } from "./get-overview";
import { getTimeseries, getTimeseriesOf } from "./get-timeseries";
import { importedInfo, importedRefusal, type ImportedInfo } from "./imported";
import { getVitals } from "./get-vitals";
import { sampleFor } from "./sample";
import { scanAlone, type VisitScan } from "./visit-scan";
import type { Range } from "./period";

// What the stats routes answer: the public API exactly as documented
// (parsed through the response schemas, which also drop the extras), and
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
  const ctx = await statsContext(site, q);
  return timeseriesSchema.parse({ ...(await getTimeseries(ctx)), ...(await sampleOfAnswer(ctx)) });
}
export async function publicBreakdown(site: StatsSite, q: BreakdownQuery): Promise<Breakdown> {
  const ctx = await statsContext(site, q);
  return breakdownSchema.parse({ ...(await getBreakdown(ctx, q.dimension, q.limit)), ...(await sampleOfAnswer(ctx)) });
}

/** The `sample` an answer carries when its counts are estimated (the overview states its own, with the margin). */
async function sampleOfAnswer(ctx: StatsContext): Promise<{ sample?: { k: number } }> {
  const { k } = await sampleFor(await engine(), ctx);
  return k > 1 ? { sample: { k } } : {};
}

/** Web vitals: the same answer for the public API, the dashboard and a shared link (aggregates only). */
export async function vitalsAnswer(site: StatsSite, q: VitalsQuery): Promise<Vitals> {
  return vitalsSchema.parse(await getVitals(await statsContext(site, { ...q, model: "last_touch" }), q.limit));
}

export type DashboardOverview = OverviewMetrics & { previous: OverviewMetrics | null; range: PeriodInfo; imported: ImportedInfo | null };
export type DashboardTimeseries = Timeseries & { previous: Timeseries["points"] | null; range: PeriodInfo; imported: ImportedInfo | null };
export type DashboardBreakdownRow = BreakdownRow & { previous: Omit<BreakdownRow, "value"> | null };
export type DashboardBreakdown = { dimension: Breakdown["dimension"]; rows: DashboardBreakdownRow[]; range: PeriodInfo; imported: ImportedInfo | null };

/**
 * How the dashboard's answers get their context, a breakdown's rows and the
 * visit counts: one call at a time by default; a dashboard load
 * (dashboard-load.ts) builds each distinct context once, asks its breakdowns
 * together and reads the overview's and the chart's counts in one scan.
 */
export type Answering = {
  contextOf: (site: StatsSite, q: StatsQuery) => Promise<StatsContext>;
  rowsOf: (ctx: StatsContext, dimension: Dimension, periods: Range[]) => Promise<Map<string, RowMetrics>[]>;
  /** How the overview and the chart read their visit counts (visit-scan.ts). */
  scan: VisitScan;
};

// The dashboard (and shared dashboards) show imported history unless asked not to.
export const dashboardContext = (site: StatsSite, q: StatsQuery) => statsContext(site, { ...q, imported: q.imported ?? true });
const ALONE: Answering = { contextOf: dashboardContext, rowsOf: breakdownRows, scan: scanAlone };

const REVENUE_NOTE = "Revenue and conversions are Trailmark's own: imported rows bring visitors and pageviews only.";

/** The range and, when there is one, the period before it: both answered by the same scans. */
const periodsOf = (ctx: StatsContext) => (ctx.period.previous ? [ctx.period.range, ctx.period.previous] : [ctx.period.range]);

export async function dashboardOverview(site: StatsSite, q: StatsQuery, { contextOf, scan } = ALONE): Promise<DashboardOverview> {
  const ctx = await contextOf(site, q);
  const [current, previous = null] = await getOverviews(ctx, periodsOf(ctx), scan);
  return { ...current, previous, range: periodInfo(ctx), imported: importedInfo({ ctx }, importedRefusal({ ctx })) };
}

export async function dashboardTimeseries(site: StatsSite, q: TimeseriesQuery, { contextOf, scan } = ALONE): Promise<DashboardTimeseries> {
  const ctx = await contextOf(site, q);
  const [current, previous] = await getTimeseriesOf(ctx, periodsOf(ctx), ctx.period.interval, scan);
  return { ...current, previous: previous?.points ?? null, range: periodInfo(ctx), imported: importedInfo({ ctx }, importedRefusal({ ctx }, "", current.interval === "hour")) };
}

export async function dashboardBreakdown(site: StatsSite, q: BreakdownQuery & Partial<Pick<DashboardBreakdownQuery, "compare">>, { contextOf, rowsOf } = ALONE): Promise<DashboardBreakdown> {
  const ctx = await contextOf(site, q);
  // The panels show no comparison per row and ask for none: the previous period is then not counted at all.
  const [current, previous] = await rowsOf(ctx, q.dimension, q.compare === "none" ? [ctx.period.range] : periodsOf(ctx));
  // The current rows' values, each found even if it ranked lower then.
  const empty = { visitors: 0, pageviews: 0, revenue: 0, payments: 0, conversionRate: 0 };
  return {
    dimension: q.dimension,
    rows: topRows(current, q.limit).map((r) => ({ ...r, previous: previous ? (previous.get(r.value) ?? empty) : null })),
    range: periodInfo(ctx),
    imported: importedInfo({ ctx }, importedRefusal({ ctx }, q.dimension), REVENUE_NOTE),
  };
}

import type { StatsContext } from "@/lib/stats/context";
import { breakdownRows } from "@/lib/stats/get-breakdown";
import { getOverviews } from "@/lib/stats/get-overview";
import { getTopSources } from "@/lib/stats/get-top-sources";
import { periodRanges, type ReportPeriod } from "./period";

export type Change = { current: number; previous: number; change: number | null };
export type ReportRow = { value: string; current: number; previous: number; change: number | null };
export type SiteReport = { websiteId: string; name: string; domain: string; timezone: string; currency: string; visitors: Change; pageviews: Change; revenue: Change; sources: ReportRow[]; pages: ReportRow[] };

const TOP = 5;

/** Fractional change, or null when there is nothing to compare with. */
export const change = (current: number, previous: number): number | null => (previous === 0 ? (current === 0 ? 0 : null) : (current - previous) / previous);

/**
 * One site's figures for both periods from the stats engine, by the same
 * rules as the dashboard: visitors of visits started in the period, revenue
 * net of refunds in the site's currency only; always exact, never from a
 * sample of visitors (a report is sent, not waited on).
 */
async function periodStats(ctx: StatsContext) {
  const periods = [ctx.period.range, ctx.period.previous!];
  const [overviews, sources, pages] = await Promise.all([getOverviews(ctx, periods), getTopSources(ctx, periods), breakdownRows(ctx, "page", periods)]);
  return overviews.map((o, i) => ({
    visitors: o.visitors,
    pageviews: o.pageviews,
    revenue: o.revenue,
    sources: sources[i],
    pages: new Map([...pages[i]].filter(([, r]) => r.pageviews > 0).map(([path, r]) => [path, r.pageviews])),
  }));
}

function rows(current: Map<string, number>, previous: Map<string, number>): ReportRow[] {
  return [...current]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP)
    .map(([value, n]) => ({ value, current: n, previous: previous.get(value) ?? 0, change: change(n, previous.get(value) ?? 0) }));
}

type ReportWebsite = { _id: unknown; name: string; domain: string; timezone?: string | null; currency?: string | null };

/** One site's figures for the period's days in the site's own time zone. */
export async function buildSiteReport(website: ReportWebsite, period: ReportPeriod): Promise<SiteReport> {
  const timezone = website.timezone || "UTC";
  const currency = website.currency ?? "USD";
  const { current, previous } = periodRanges(period, timezone);
  const ctx: StatsContext = { id: String(website._id), timezone, currency, filters: [], model: "last_touch", period: { period: "custom", range: current, previous, interval: "day" }, imports: [], exact: true };
  const [cur, prev] = await periodStats(ctx);
  const pair = (c: number, p: number): Change => ({ current: c, previous: p, change: change(c, p) });
  return {
    websiteId: String(website._id),
    name: website.name,
    domain: website.domain,
    timezone,
    currency,
    visitors: pair(cur.visitors, prev.visitors),
    pageviews: pair(cur.pageviews, prev.pageviews),
    revenue: pair(cur.revenue, prev.revenue),
    sources: rows(cur.sources, prev.sources),
    pages: rows(cur.pages, prev.pages),
  };
}

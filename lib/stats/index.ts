/**
 * The stats query layer. Routes call the functions exported here.
 *
 * DASHBOARD API (session cookie; someone else's website is a 404). Stable:
 *   GET /api/websites/{id}/stats/overview
 *   GET /api/websites/{id}/stats/timeseries
 *   GET /api/websites/{id}/stats/breakdown
 *   GET /api/websites/{id}/stats/vitals
 *   GET /api/websites/{id}/stats/dashboard?part=overview?...&part=breakdown?... (several of the
 *       above in one request, each answered as its route would: lib/stats/dashboard-load.ts)
 * Query (same as /api/v1/stats/*, lib/schemas/stats.ts):
 *   period   today | yesterday | 24h | 7d | 30d (default) | mtd | last_month | 12mo | all
 *   from,to  YYYY-MM-DD, inclusive, website time zone (replaces period; `to` defaults to today)
 *   filter   dimension:op:value, repeatable, ANDed; op is | is_not | contains (case-insensitive);
 *            value "(none)" = field missing. e.g. filter=country:is:DE&filter=page:contains:/blog
 *   model    last_touch (default) | first_touch, which touch revenue is credited to
 *   interval hour | day | week | month (timeseries; default hour <= 2 days, day <= 92, else month)
 *   dimension, limit (breakdown; limit 1-1000, default 10)
 *   compare  previous (default) | none (dashboard breakdown: rows without their previous-period figures,
 *            so only the range is counted; the dashboard's panels ask for none)
 *   limit    (vitals: pages, 1-1000, default 10; vitals take no `model`)
 *   Dimensions: channel referrer utm_source utm_medium utm_campaign utm_term utm_content page
 *   entry_page exit_page hostname country region city browser os device goal
 * Bad input: 400 {"error":{"code":"invalid_input","message":"filter.0: ..."}}.
 *
 * Responses (money: integer minor units; rates 0..1; durations seconds):
 *   range = {period, timezone, current: {start, end}, previous: {start, end} | null}
 *           (local ISO with offset, end exclusive; previous = same length just before; null for `all`)
 *   overview   {visitors, sessions, pageviews, bounceRate, avgSessionDuration, revenue, payments,
 *               conversionRate, revenuePerVisitor, currency, viewsPerSession,
 *               revenueByCurrency: [{currency, revenue}] (site currency first),
 * *               previous: <same without previous/range> | null, range}
 *   timeseries {interval, points: [{time, visitors, pageviews, revenue}], previous: points | null, range}
 *               time = bucket start, local ISO with offset ("2026-03-29T00:00:00+01:00");
 *               every bucket present; previous points are the previous period's buckets, oldest first
 *   breakdown  {dimension, rows: [{value, visitors, pageviews, revenue, payments, conversionRate,
 *               previous: {visitors, pageviews, revenue, payments, conversionRate} | null}], range}
 *   vitals     {total, pages: [{value, ...}], devices: [{value, ...}]}, each with samples (page loads
 *               that reported vitals) and lcp|inp|cls|ttfb: {p75, samples, rating: good|needs_improvement|poor}
 *               | null; ms (CLS unitless); the same answer on /api/v1 and shared links (lib/stats/get-vitals.ts)
 * The public /api/v1/stats/* answer the same without viewsPerSession, revenueByCurrency,
 * previous and range (the documented public API shapes exactly).
 *
 * Semantics (lib/stats/selection.ts): a visit counts when it started in the range; revenue is net
 * of refunds in the site currency (revenueByCurrency has the rest); a fully refunded payment is
 * no payment; a breakdown row equals the overview filtered by `dimension is value`.
 * Every answer is SQL on the stats engine (lib/engine: ClickHouse, embedded through chDB or a
 * server), exact, and equal to a plain recount of the raw documents
 * (tests/lib/stats/engine-vs-raw.test.ts).
 */
export { statsContext, statsSite, type StatsContext, type StatsSite } from "./context";
export { getOverview, type OverviewMetrics } from "./get-overview";
export { getTimeseries } from "./get-timeseries";
export { getBreakdown } from "./get-breakdown";
export * from "./respond";
export { dashboardLoad, dashboardLoadQuerySchema, dashboardParams } from "./dashboard-load";

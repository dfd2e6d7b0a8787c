import type { Reply, Seen } from "./server";

/** One day of one kind of visit in a GA4 property, with every dimension a report can ask for. */
export type Ga4Fact = { date: string; dims: Record<string, string>; users: number; sessions: number; views: number; bounces: number; seconds: number };

/**
 * The Google Analytics Data API's runReport (v1beta) over `facts`: rows
 * grouped by the requested dimensions (`date` as YYYYMMDD), the five metrics
 * Trailmark asks for (rates and averages as GA4 reports them, strings), and
 * limit/offset paging with rowCount (at most `pageSize` rows a page, as the
 * API may send fewer than asked). A property not in `properties` is a 403.
 */
export function ga4Api(properties: Record<string, Ga4Fact[]>, pageSize = 3) {
  const reports: { property: string; dimensions: string[]; offset: number }[] = [];
  const route = (req: Seen): Reply | null => {
    const m = /^\/v1beta\/properties\/([^/:]+):runReport$/.exec(req.path);
    if (!m || req.method !== "POST") return null;
    const facts = properties[m[1]];
    if (!facts) return { status: 403, body: { error: { code: 403, message: "User does not have sufficient permissions for this property.", status: "PERMISSION_DENIED" } } };
    const q = JSON.parse(req.body) as { dateRanges: { startDate: string; endDate: string }[]; dimensions: { name: string }[]; metrics: { name: string }[]; limit?: string; offset?: string };
    const names = q.dimensions.map((d) => d.name);
    const offset = Number(q.offset ?? 0);
    reports.push({ property: m[1], dimensions: names, offset });
    const { startDate, endDate } = q.dateRanges[0];
    const groups = new Map<string, { keys: string[]; users: number; sessions: number; views: number; bounces: number; seconds: number }>();
    for (const f of facts.filter((f) => f.date >= startDate && f.date <= endDate)) {
      const keys = names.map((n) => (n === "date" ? f.date.replaceAll("-", "") : (f.dims[n] ?? "(not set)")));
      const g = groups.get(keys.join("\u0000")) ?? { keys, users: 0, sessions: 0, views: 0, bounces: 0, seconds: 0 };
      Object.assign(g, { users: g.users + f.users, sessions: g.sessions + f.sessions, views: g.views + f.views, bounces: g.bounces + f.bounces, seconds: g.seconds + f.seconds });
      groups.set(keys.join("\u0000"), g);
    }
    const all = [...groups.values()];
    const page = all.slice(offset, offset + Math.min(pageSize, Number(q.limit ?? 10_000)));
    const metric = (g: (typeof all)[number], name: string) =>
      String({ totalUsers: g.users, sessions: g.sessions, screenPageViews: g.views, bounceRate: g.sessions ? g.bounces / g.sessions : 0, averageSessionDuration: g.sessions ? g.seconds / g.sessions : 0 }[name] ?? 0);
    return {
      status: 200,
      body: {
        dimensionHeaders: names.map((name) => ({ name })),
        metricHeaders: q.metrics.map((x) => ({ name: x.name, type: "TYPE_INTEGER" })),
        rows: page.map((g) => ({ dimensionValues: g.keys.map((value) => ({ value })), metricValues: q.metrics.map((x) => ({ value: metric(g, x.name) })) })),
        rowCount: all.length,
        kind: "analyticsData#runReport",
      },
    };
  };
  return { route, reports };
}

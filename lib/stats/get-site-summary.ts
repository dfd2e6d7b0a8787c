import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { PageView } from "@/models/PageView";
import { Payment } from "@/models/Payment";
import { Session } from "@/models/Session";
import { Website } from "@/models/Website";
import { cached } from "./cache";
import { dayKeyFormatter, lastDayKeys } from "./day-key";

export type Row = { value: string; visitors: number };
export type SiteSummary = {
  visitors: number;
  pageviews: number;
  sessions: number;
  bounceRate: number;
  avgSessionDuration: number;
  revenue: number;
  payments: number;
  currency: string;
  series: { date: string; visitors: number; pageviews: number; revenue: number }[];
  topPages: Row[];
  topSources: Row[];
  topCountries: Row[];
  devices: Row[];
};

type SessionRow = { visitorId: string; startedAt: Date; pageviews: number; duration: number; bounce: boolean; channel?: string; referrerDomain?: string; country?: string; device?: string };

function top(counts: Map<string, Set<string>>, limit = 8): Row[] {
  return [...counts]
    .map(([value, visitors]) => ({ value, visitors: visitors.size }))
    .sort((a, b) => b.visitors - a.visitors || a.value.localeCompare(b.value))
    .slice(0, limit);
}

function addTo(map: Map<string, Set<string>>, key: string | undefined, visitor: string) {
  const k = key || "(none)";
  let set = map.get(k);
  if (!set) map.set(k, (set = new Set()));
  set.add(visitor);
}

/**
 * The overview of the last `days` days, counted exactly from sessions. This is
 * the foundation's simple summary; the rollup-backed query layer replaces it.
 */
export function getSiteSummary(websiteId: string, { days = 30, now }: { days?: number; now?: Date } = {}): Promise<SiteSummary> {
  // An explicit `now` (tests, exports) is never served from the cache.
  if (now) return computeSiteSummary(websiteId, days, now);
  return cached(`summary:${websiteId}:${days}`, 60_000, () => computeSiteSummary(websiteId, days, new Date()));
}

async function computeSiteSummary(websiteId: string, days: number, now: Date): Promise<SiteSummary> {
  await connectDb();
  const website = await Website.findById(websiteId, { timezone: 1, currency: 1 }).lean();
  const timezone = website?.timezone ?? "UTC";
  const currency = website?.currency ?? "USD";
  const keys = lastDayKeys(days, timezone, now);
  const since = new Date(now.getTime() - (days + 1) * 86_400_000);
  const wid = new Types.ObjectId(websiteId);
  const dayOf = dayKeyFormatter(timezone);

  const [sessions, pages, payments] = await Promise.all([
    Session.find({ websiteId: wid, startedAt: { $gte: since } }, { _id: 0, visitorId: 1, startedAt: 1, pageviews: 1, duration: 1, bounce: 1, channel: 1, referrerDomain: 1, country: 1, device: 1 }).lean<SessionRow[]>(),
    PageView.find({ websiteId: wid, timestamp: { $gte: since } }, { _id: 0, path: 1, visitorId: 1, timestamp: 1 }).lean<{ path: string; visitorId: string; timestamp: Date }[]>(),
    Payment.find({ websiteId: wid, timestamp: { $gte: since }, currency }, { _id: 0, amount: 1, refundedAmount: 1, timestamp: 1 }).lean<{ amount: number; refundedAmount?: number; timestamp: Date }[]>(),
  ]);

  const series = new Map(keys.map((k) => [k, { date: k, visitors: new Set<string>(), pageviews: 0, revenue: 0 }]));
  const visitors = new Set<string>();
  const sources = new Map<string, Set<string>>();
  const countries = new Map<string, Set<string>>();
  const devices = new Map<string, Set<string>>();
  let pageviews = 0, duration = 0, bounces = 0, counted = 0;
  for (const s of sessions) {
    // The query window starts mid-day; only whole days in the site's time zone count.
    const day = series.get(dayOf(s.startedAt));
    if (!day) continue;
    visitors.add(s.visitorId);
    pageviews += s.pageviews;
    duration += s.duration;
    if (s.bounce) bounces++;
    day.visitors.add(s.visitorId);
    day.pageviews += s.pageviews;
    counted++;
    addTo(sources, s.referrerDomain || s.channel, s.visitorId);
    addTo(countries, s.country, s.visitorId);
    addTo(devices, s.device, s.visitorId);
  }
  const pagesByPath = new Map<string, Set<string>>();
  for (const p of pages) if (series.has(dayOf(p.timestamp))) addTo(pagesByPath, p.path, p.visitorId);
  let revenue = 0;
  let paymentCount = 0;
  for (const p of payments) {
    const day = series.get(dayOf(p.timestamp));
    if (!day) continue;
    const net = p.amount - (p.refundedAmount ?? 0);
    revenue += net;
    day.revenue += net;
    paymentCount++;
  }

  return {
    visitors: visitors.size,
    pageviews,
    sessions: counted,
    bounceRate: counted ? bounces / counted : 0,
    avgSessionDuration: counted ? Math.round(duration / counted) : 0,
    revenue,
    payments: paymentCount,
    currency,
    series: [...series.values()].map((d) => ({ date: d.date, visitors: d.visitors.size, pageviews: d.pageviews, revenue: d.revenue })),
    topPages: top(pagesByPath),
    topSources: top(sources),
    topCountries: top(countries),
    devices: top(devices),
  };
}

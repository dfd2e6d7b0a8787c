import { Types } from "mongoose";
import { PageView } from "@/models/PageView";
import { Payment } from "@/models/Payment";
import { Session } from "@/models/Session";
import { periodRanges, type ReportPeriod } from "./period";

export type Change = { current: number; previous: number; change: number | null };
export type ReportRow = { value: string; current: number; previous: number; change: number | null };
export type SiteReport = { websiteId: string; name: string; domain: string; timezone: string; currency: string; visitors: Change; pageviews: Change; revenue: Change; sources: ReportRow[]; pages: ReportRow[] };

const TOP = 5;

/** Fractional change, or null when there is nothing to compare with. */
export const change = (current: number, previous: number): number | null => (previous === 0 ? (current === 0 ? 0 : null) : (current - previous) / previous);

async function periodStats(websiteId: Types.ObjectId, start: Date, end: Date) {
  const [sessions, pageviews, payments] = await Promise.all([
    Session.find({ websiteId, startedAt: { $gte: start, $lt: end } }, { visitorId: 1, referrerDomain: 1, channel: 1 }).lean<{ visitorId: string; referrerDomain?: string; channel?: string }[]>(),
    PageView.find({ websiteId, timestamp: { $gte: start, $lt: end } }, { path: 1 }).lean<{ path: string }[]>(),
    Payment.find({ websiteId, timestamp: { $gte: start, $lt: end } }, { amount: 1, refundedAmount: 1 }).lean(),
  ]);
  const sources = new Map<string, Set<string>>();
  for (const s of sessions) {
    const key = s.referrerDomain || s.channel || "Direct";
    if (!sources.has(key)) sources.set(key, new Set());
    sources.get(key)!.add(s.visitorId);
  }
  const pages = new Map<string, number>();
  for (const p of pageviews) pages.set(p.path, (pages.get(p.path) ?? 0) + 1);
  return {
    visitors: new Set(sessions.map((s) => s.visitorId)).size,
    pageviews: pageviews.length,
    revenue: payments.reduce((n, p) => n + p.amount - (p.refundedAmount ?? 0), 0),
    sources: new Map([...sources].map(([k, v]) => [k, v.size])),
    pages,
  };
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
  const id = new Types.ObjectId(String(website._id));
  const timezone = website.timezone || "UTC";
  const { current, previous } = periodRanges(period, timezone);
  const [cur, prev] = await Promise.all([periodStats(id, current.start, current.end), periodStats(id, previous.start, previous.end)]);
  const pair = (c: number, p: number): Change => ({ current: c, previous: p, change: change(c, p) });
  return {
    websiteId: String(website._id),
    name: website.name,
    domain: website.domain,
    timezone,
    currency: website.currency ?? "USD",
    visitors: pair(cur.visitors, prev.visitors),
    pageviews: pair(cur.pageviews, prev.pageviews),
    revenue: pair(cur.revenue, prev.revenue),
    sources: rows(cur.sources, prev.sources),
    pages: rows(cur.pages, prev.pages),
  };
}

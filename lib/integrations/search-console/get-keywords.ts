import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { Payment } from "@/models/Payment";
import { SearchConsoleRow } from "@/models/SearchConsoleRow";
import { Session } from "@/models/Session";

export type KeywordRow = {
  query: string;
  page: string;
  path: string;
  clicks: number;
  impressions: number;
  ctr: number;
  position: number;
  /** Visitors who landed on `path` in the range (any source), and what those landings' payments brought. */
  landingVisitors: number;
  landingRevenue: number;
};

const norm = (p: string) => p.replace(/\/+$/, "") || "/";

/**
 * Search Console rows over [from, to] (YYYY-MM-DD, inclusive) summed per query
 * and page, joined with the site's own numbers for that landing page. The
 * store cannot $lookup, so each side is read once and joined here.
 */
export async function getKeywords(websiteId: unknown, from: string, to: string, limit = 50): Promise<KeywordRow[]> {
  await connectDb();
  const wid = new Types.ObjectId(String(websiteId));
  const rows = await SearchConsoleRow.find({ websiteId: wid, date: { $gte: from, $lte: to } }, { query: 1, page: 1, path: 1, clicks: 1, impressions: 1, position: 1 }).lean();
  const byKey = new Map<string, { query: string; page: string; path: string; clicks: number; impressions: number; weightedPosition: number }>();
  for (const r of rows) {
    const key = `${r.query}\0${r.page}`;
    let k = byKey.get(key);
    if (!k) byKey.set(key, (k = { query: r.query, page: r.page, path: norm(r.path), clicks: 0, impressions: 0, weightedPosition: 0 }));
    k.clicks += r.clicks ?? 0;
    k.impressions += r.impressions ?? 0;
    // Average position weighted by impressions, as Search Console computes it.
    k.weightedPosition += (r.position ?? 0) * (r.impressions ?? 0);
  }
  const top = [...byKey.values()].sort((a, b) => b.clicks - a.clicks || b.impressions - a.impressions).slice(0, limit);
  if (!top.length) return [];

  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  const paths = new Set(top.map((k) => k.path));
  const [sessions, payments] = await Promise.all([
    Session.find({ websiteId: wid, startedAt: { $gte: start, $lt: end } }, { visitorId: 1, entryPage: 1 }).lean<{ visitorId: string; entryPage?: string }[]>(),
    Payment.find({ websiteId: wid, timestamp: { $gte: start, $lt: end } }, { amount: 1, refundedAmount: 1, firstTouch: 1 }).lean(),
  ]);
  const visitors = new Map<string, Set<string>>();
  for (const s of sessions) {
    const p = norm(s.entryPage ?? "/");
    if (!paths.has(p)) continue;
    if (!visitors.has(p)) visitors.set(p, new Set());
    visitors.get(p)!.add(s.visitorId);
  }
  const revenue = new Map<string, number>();
  for (const p of payments) {
    const entry = p.firstTouch?.entryPage ? norm(p.firstTouch.entryPage) : null;
    if (entry && paths.has(entry)) revenue.set(entry, (revenue.get(entry) ?? 0) + p.amount - (p.refundedAmount ?? 0));
  }
  return top.map((k) => ({
    query: k.query,
    page: k.page,
    path: k.path,
    clicks: k.clicks,
    impressions: k.impressions,
    ctr: k.impressions ? k.clicks / k.impressions : 0,
    position: k.impressions ? k.weightedPosition / k.impressions : 0,
    landingVisitors: visitors.get(k.path)?.size ?? 0,
    landingRevenue: revenue.get(k.path) ?? 0,
  }));
}

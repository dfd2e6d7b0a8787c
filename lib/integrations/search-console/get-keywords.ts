import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { engine } from "@/lib/engine";
import { at, str, strs } from "@/lib/engine/sql";
import { SearchConsoleRow } from "@/models/SearchConsoleRow";

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
 * and page, joined with the site's own numbers for that landing page from the
 * stats engine (revenue in the site's currency, first touch on that page).
 */
export async function getKeywords(website: { _id: unknown; currency?: string | null }, from: string, to: string, limit = 50): Promise<KeywordRow[]> {
  await connectDb();
  const wid = new Types.ObjectId(String(website._id));
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
  const paths = [...new Set(top.map((k) => k.path))];
  const e = await engine();
  // Landing pages compared without a trailing slash, as Search Console's pages are.
  const landing = (column: string) => `if(replaceRegexpOne(${column}, '/+$', '') = '', '/', replaceRegexpOne(${column}, '/+$', ''))`;
  const site = `website_id = ${str(String(website._id))}`;
  const [visitorRows, revenueRows] = await Promise.all([
    e.query<{ landing: string; visitors: number }>(
      `SELECT ${landing("entry_page")} AS landing, uniqExact(visitor) AS visitors FROM ${e.tables.events}
       WHERE ${site} AND session_start >= ${at(start)} AND session_start < ${at(end)} AND session_first = 1 AND landing IN ${strs(paths)} GROUP BY landing`,
    ),
    e.query<{ landing: string; revenue: number }>(
      `SELECT ${landing("first_entry_page")} AS landing, sum(amount - refunded) AS revenue FROM ${e.tables.payments} FINAL
       WHERE ${site} AND ts >= ${at(start)} AND ts < ${at(end)} AND currency = ${str(website.currency ?? "USD")} AND first_entry_page != '' AND landing IN ${strs(paths)} GROUP BY landing`,
    ),
  ]);
  const visitors = new Map(visitorRows.map((r) => [r.landing, r.visitors]));
  const revenue = new Map(revenueRows.map((r) => [r.landing, r.revenue]));
  return top.map((k) => ({
    query: k.query,
    page: k.page,
    path: k.path,
    clicks: k.clicks,
    impressions: k.impressions,
    ctr: k.impressions ? k.clicks / k.impressions : 0,
    position: k.impressions ? k.weightedPosition / k.impressions : 0,
    landingVisitors: visitors.get(k.path) ?? 0,
    landingRevenue: revenue.get(k.path) ?? 0,
  }));
}

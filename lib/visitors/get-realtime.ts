import type { ApiWebsite } from "@/lib/auth/with-api-key";
import { engine } from "@/lib/engine";
import { at, str } from "@/lib/engine/sql";
import { ACTIVE_MS, realtime } from "@/lib/ingest/realtime";
import type { Realtime } from "@/lib/schemas/api-v1-responses";

/**
 * Visitors active in the last five minutes and the pages they viewed: the
 * union of what this instance accepted (in memory, including events still in
 * the write buffer, so the panels agree with the live feed at once) and what
 * the stats engine holds (what other instances, or this one before a
 * restart, wrote).
 */
export async function getRealtime(website: ApiWebsite, now = new Date()): Promise<Realtime> {
  const e = await engine();
  const since = new Date(now.getTime() - ACTIVE_MS);
  const rows = await e.query<{ visitor_id: string; paths: string[] }>(
    `SELECT visitor_id, groupUniqArrayIf(path, kind = 'pageview') AS paths FROM ${e.tables.events}
     WHERE website_id = ${str(website.id)} AND ts >= ${at(since)} AND ts <= ${at(now)} AND extra = 0 GROUP BY visitor_id`,
  );
  const active = new Set([...realtime.activeVisitorIds(website.id, now.getTime()), ...rows.map((r) => r.visitor_id)]);
  const byPath = new Map<string, Set<string>>();
  const add = (visitorId: string, path: string) => {
    let set = byPath.get(path);
    if (!set) byPath.set(path, (set = new Set()));
    set.add(visitorId);
  };
  for (const r of rows) for (const path of r.paths) add(r.visitor_id, path);
  for (const [visitorId, path] of realtime.recentPageviews(website.id, now.getTime())) add(visitorId, path);
  const pages = [...byPath]
    .map(([path, visitors]) => ({ path, visitors: visitors.size }))
    .sort((a, b) => b.visitors - a.visitors || (a.path < b.path ? -1 : 1))
    .slice(0, 20);
  return { activeVisitors: active.size, pages, windowSeconds: ACTIVE_MS / 1000, at: now.toISOString() };
}

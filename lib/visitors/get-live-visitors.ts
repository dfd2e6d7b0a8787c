import { engine } from "@/lib/engine";
import { at, str } from "@/lib/engine/sql";
import { fromEngineTime } from "@/lib/engine/time";
import { ACTIVE_MS, realtime, type LiveVisitor } from "@/lib/ingest/realtime";

export type LiveVisitorDTO = Omit<LiveVisitor, "firstSeen" | "lastSeen"> & { firstSeen: string; lastSeen: string };
/** Who is on the site now; every count is of this one list, so the count, the map and the pages agree. */
export type LiveNow = { activeVisitors: number; visitors: LiveVisitorDTO[]; countries: { value: string; visitors: number }[]; pages: { path: string; visitors: number }[]; at: string };

type Row = { visitor_id: string; page: string; country_code: string; device_kind: string; source: string; referrer: string; first_ms: number; last_ms: number };

/**
 * Visitors with an event in the last five minutes, latest first: what the
 * stats engine holds (other instances, earlier batches) merged with what this
 * instance accepted and has not written yet; for each visitor the later view wins.
 */
export async function getLiveVisitors(websiteId: string, now = new Date()): Promise<LiveNow> {
  const e = await engine();
  const since = new Date(now.getTime() - ACTIVE_MS);
  const rows = await e.query<Row>(`SELECT visitor_id, argMaxIf(path, ts, kind = 'pageview') AS page, any(country) AS country_code, any(device) AS device_kind,
      any(channel) AS source, any(referrer_domain) AS referrer, toUnixTimestamp64Milli(min(ts)) AS first_ms, toUnixTimestamp64Milli(max(ts)) AS last_ms
    FROM ${e.tables.events} WHERE website_id = ${str(websiteId)} AND ts >= ${at(since)} AND ts <= ${at(now)} AND extra = 0 GROUP BY visitor_id`);
  const merged = new Map<string, LiveVisitor>();
  for (const r of rows) {
    merged.set(r.visitor_id, {
      visitorId: r.visitor_id, path: r.page || "/", country: r.country_code, device: r.device_kind, channel: r.source, referrerDomain: r.referrer,
      firstSeen: Number(r.first_ms), lastSeen: Number(r.last_ms),
    });
  }
  for (const v of realtime.liveVisitors(websiteId, now.getTime())) {
    const old = merged.get(v.visitorId);
    merged.set(v.visitorId, old && old.lastSeen > v.lastSeen ? old : { ...v, firstSeen: Math.min(v.firstSeen, old?.firstSeen ?? Infinity) });
  }
  const visitors = [...merged.values()].sort((a, b) => b.lastSeen - a.lastSeen);
  const count = (key: (v: LiveVisitor) => string) => {
    const out = new Map<string, number>();
    for (const v of visitors) out.set(key(v), (out.get(key(v)) ?? 0) + 1);
    return [...out].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  };
  return {
    activeVisitors: visitors.length,
    visitors: visitors.slice(0, 200).map((v) => ({ ...v, firstSeen: new Date(v.firstSeen).toISOString(), lastSeen: new Date(v.lastSeen).toISOString() })),
    countries: count((v) => v.country || "(none)").map(([value, n]) => ({ value, visitors: n })),
    pages: count((v) => v.path).map(([path, n]) => ({ path, visitors: n })),
    at: now.toISOString(),
  };
}

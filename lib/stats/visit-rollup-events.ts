import type { RollupEvent } from "./rollup-ops";

type VisitDoc = {
  websiteId: unknown; visitorId: string; startedAt: Date;
  channel?: string; referrerDomain?: string; utmSource?: string; utmMedium?: string; utmCampaign?: string; utmTerm?: string; utmContent?: string;
  entryPage?: string; hostname?: string; country?: string; region?: string; city?: string; browser?: string; os?: string; device?: string;
};
type EventDoc = { timestamp: Date; path?: string; name?: string };

/**
 * The rollup events of a visit written whole (demo seed, benchmark, tests),
 * as ingest would have produced them one by one: pageviews and goals in time
 * order, each with what it changed in the visit (duration in whole seconds
 * since the start, like the Session document's).
 */
export function visitRollupEvents(visit: VisitDoc, timezone: string, pageviews: EventDoc[], goals: EventDoc[] = []): RollupEvent[] {
  const events = [...pageviews.map((e) => ({ ...e, type: "pageview" as const })), ...goals.map((e) => ({ ...e, type: "goal" as const }))];
  // Stable: a goal at its pageview's instant comes after it, as the tracker sends them.
  events.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const dims = {
    channel: visit.channel, referrer: visit.referrerDomain, utm_source: visit.utmSource, utm_medium: visit.utmMedium, utm_campaign: visit.utmCampaign,
    utm_term: visit.utmTerm, utm_content: visit.utmContent, entry_page: visit.entryPage, hostname: visit.hostname, country: visit.country,
    region: visit.region, city: visit.city, browser: visit.browser, os: visit.os, device: visit.device,
  };
  let seen = 0;
  let pageviewsBefore = 0;
  return events.map((e, i) => {
    const elapsed = e.type === "pageview" ? Math.round((e.timestamp.getTime() - visit.startedAt.getTime()) / 1000) : seen;
    const out: RollupEvent = {
      websiteId: String(visit.websiteId), timezone, type: e.type, visitorId: visit.visitorId, sessionStartedAt: visit.startedAt,
      newSession: i === 0, pageviewsBefore, durationDelta: Math.max(0, elapsed - seen), path: e.path, name: e.type === "goal" ? e.name : undefined, dims,
    };
    seen = Math.max(seen, elapsed);
    if (e.type === "pageview") pageviewsBefore++;
    return out;
  });
}

import type { RollupEvent } from "@/lib/stats/rollup-ops";
import type { BufferedEvent } from "./buffer";
import type { SourceFields, VisitDelta } from "./sessionize";

/**
 * An ingested pageview or goal as the hourly rollups see it: the visit's
 * first-touch source and entry page (what its Session document holds), this
 * event's place, device and browser, and what the event changed in the visit.
 */
export function rollupEvent(e: BufferedEvent, timezone: string, source: SourceFields, delta: VisitDelta): RollupEvent {
  const c = e.context as Record<string, string | undefined>;
  return {
    websiteId: e.websiteId,
    timezone,
    type: e.type as "pageview" | "goal",
    visitorId: e.visitorId,
    sessionStartedAt: delta.startedAt,
    newSession: delta.newSession,
    pageviewsBefore: delta.pageviewsBefore,
    durationDelta: delta.durationDelta,
    path: e.type === "pageview" ? e.path : undefined,
    name: e.type === "goal" ? e.name : undefined,
    dims: {
      channel: source.channel,
      referrer: source.referrerDomain,
      utm_source: source.utmSource,
      utm_medium: source.utmMedium,
      utm_campaign: source.utmCampaign,
      utm_term: source.utmTerm,
      utm_content: source.utmContent,
      entry_page: delta.entryPage,
      hostname: c.hostname,
      country: c.country,
      region: c.region,
      city: c.city,
      browser: c.browser,
      os: c.os,
      device: c.device,
    },
  };
}

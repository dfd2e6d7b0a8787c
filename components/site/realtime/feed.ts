import type { LiveEvent } from "@/lib/ingest/realtime";

/** What the feed keeps of a streamed event. */
export type FeedItem = LiveEvent & { key: string };

export const FEED_SIZE = 50;

/**
 * Adds an event from the stream at the top of the feed and keeps the newest
 * `max`. An event the feed holds already (the stream starts with the last
 * few minutes again after a reconnect) is skipped by its id; without one,
 * the counter keeps two identical events apart.
 */
export function addToFeed(feed: FeedItem[], event: LiveEvent, seq: number, max = FEED_SIZE): FeedItem[] {
  if (event.id !== undefined && feed.some((f) => f.id === event.id)) return feed;
  return [{ ...event, key: event.id !== undefined ? `e${event.id}` : `${seq}:${event.timestamp}` }, ...feed].slice(0, max);
}

/** "pageview /pricing" or "goal signup": what the row says happened. */
export function describeEvent(e: Pick<LiveEvent, "type" | "name" | "path">): { label: string; detail: string } {
  if (e.type === "goal") return { label: "Goal", detail: e.name ?? "(unnamed)" };
  if (e.type === "identify") return { label: "Identified", detail: e.path };
  if (e.type === "scroll") return { label: "Scrolled", detail: e.path };
  return { label: "Pageview", detail: e.path };
}

/** "12s ago", "3m ago": relative to `now`, coarse on purpose. */
export function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

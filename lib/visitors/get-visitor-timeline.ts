import { buildTimeline, type TimelineEntry } from "./timeline";
import { visitorEvents, visitorReads, type VisitorReads } from "./visitor-reads";

// A long-lived visitor can have thousands of pageviews; the page shows the latest ones.
const MAX_EVENTS = 500;
// Payments reach the timeline from the payments themselves; their markers
// (goals carrying a value) would show every payment twice.
const MARKERS = ["payment", "renewal", "refund"];

/** The visitor's visits, events and payments on one website, oldest first. */
export async function getVisitorTimeline(
  websiteId: string,
  visitorId: string,
  reads: VisitorReads = visitorReads(websiteId, visitorId),
): Promise<{ entries: TimelineEntry[]; truncated: boolean }> {
  const [sessions, pageviews, goals, payments] = await Promise.all([
    reads.visits(),
    visitorEvents(websiteId, visitorId, "pageview", MAX_EVENTS + 1),
    visitorEvents(websiteId, visitorId, "goal", MAX_EVENTS),
    reads.payments(),
  ]);
  const userGoals = goals.filter((g) => !(g.value && MARKERS.includes(g.name)));
  return { entries: buildTimeline(sessions, pageviews.slice(0, MAX_EVENTS), userGoals, payments), truncated: pageviews.length > MAX_EVENTS };
}

import { engine } from "@/lib/engine";
import { at, str } from "@/lib/engine/sql";
import type { MonthSpan } from "./month";
import { pendingByWebsite, pendingEvents, readCounted } from "./pending";

// Usage counts what the tracker sends (pageviews, custom events, scroll and
// identify): rows ingest wrote. Goals a site's server posts and payment
// markers are extra rows (extra = 1) and do not count.
const monthRows = (month: MonthSpan) =>
  `extra = 0 AND ts >= ${at(month.from)} AND ts < ${at(month.to)} AND session_start < ${at(month.to)}`;

/** Events of these websites in the month: the engine's rows plus what this process has not written yet. */
export async function countMonthEvents(websiteIds: readonly string[], month: MonthSpan): Promise<number> {
  if (!websiteIds.length) return 0;
  const e = await engine();
  return readCounted(async () => {
    const [row] = await e.query<{ n: number | string }>(
      `SELECT count() AS n FROM ${e.tables.events} WHERE website_id IN (${websiteIds.map(str).join(", ")}) AND ${monthRows(month)}`,
    );
    return Number(row?.n ?? 0) + pendingEvents(websiteIds, month.key);
  });
}

/**
 * Every website's events in the month (those with any), engine and pending
 * together: one scan for the usage job. Not fenced from writes like a team's
 * count (a long scan must not hold them up): a batch being written as it runs
 * may be off by its size, which the next pass corrects.
 */
export async function countMonthEventsByWebsite(month: MonthSpan): Promise<Map<string, number>> {
  const e = await engine();
  const rows = await e.query<{ website_id: string; n: number | string }>(
    `SELECT website_id, count() AS n FROM ${e.tables.events} WHERE ${monthRows(month)} GROUP BY website_id`,
  );
  const out = new Map(rows.map((r) => [r.website_id, Number(r.n)]));
  for (const [id, n] of pendingByWebsite(month.key)) out.set(id, (out.get(id) ?? 0) + n);
  return out;
}

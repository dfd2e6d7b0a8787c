import { monthOf, type MonthSpan } from "./month";

/**
 * Events accepted by this process and not yet in the stats engine, by month
 * and website. A team's usage is the engine's count plus these, so it is
 * exact at any moment without a store write per event: ingest adds one here
 * (a map increment), and the writer takes them off once their rows are in
 * the engine. After a restart this is empty and the engine holds everything
 * written; what a killed process left in the ingest log is counted when the
 * log is replayed into the engine.
 *
 * On globalThis: the /api/track fast path and the Next.js routes are separate
 * bundles in one process, and must share one count.
 */
type Counts = { since: number; months: Map<string, Map<string, number>>; current: MonthSpan & { sites: Map<string, number> } };

const holder = globalThis as unknown as { __trailmarkPendingUsage?: Counts };

function state(): Counts {
  if (!holder.__trailmarkPendingUsage) {
    const now = Date.now();
    const month = monthOf(now);
    const sites = new Map<string, number>();
    holder.__trailmarkPendingUsage = { since: now, months: new Map([[month.key, sites]]), current: { ...month, sites } };
  }
  return holder.__trailmarkPendingUsage;
}

function sitesOf(s: Counts, key: string): Map<string, number> {
  let sites = s.months.get(key);
  if (!sites) s.months.set(key, (sites = new Map()));
  return sites;
}

/** Counts one accepted event of `websiteId` at `at` (epoch ms): the ingest hot path. */
export function countAccepted(websiteId: string, at: number): void {
  const s = state();
  // The event's time was taken before this count's state may have been made: it marks where counting began.
  if (at < s.since) s.since = at;
  let month = s.current;
  if (at < month.from || at >= month.to) {
    const span = monthOf(at);
    month = s.current = { ...span, sites: sitesOf(s, span.key) };
  }
  month.sites.set(websiteId, (month.sites.get(websiteId) ?? 0) + 1);
}

/**
 * Takes events off once their rows are in the engine. Rows timed before this
 * process started were never counted here (a previous process's log, or rows
 * written by scripts), so they are skipped; a count never goes below zero.
 */
export function settleWritten(rows: readonly { website_id: string; ts: string; extra?: number }[]): void {
  if (!rows.length) return;
  const s = state();
  const since = new Date(s.since).toISOString().slice(0, 23).replace("T", " ");
  for (const r of rows) {
    if (r.extra || r.ts < since) continue;
    const sites = s.months.get(r.ts.slice(0, 7));
    const n = sites?.get(r.website_id);
    if (!sites || !n) continue;
    if (n > 1) sites.set(r.website_id, n - 1);
    else sites.delete(r.website_id);
  }
}

/** Events of these websites in the month `key` ("YYYY-MM") not yet in the engine. */
export function pendingEvents(websiteIds: Iterable<string>, key: string): number {
  const sites = state().months.get(key);
  if (!sites) return 0;
  let n = 0;
  for (const id of websiteIds) n += sites.get(id) ?? 0;
  return n;
}

/** Every website with events of the month `key` not yet in the engine. */
export function pendingByWebsite(key: string): Map<string, number> {
  return new Map(state().months.get(key) ?? []);
}

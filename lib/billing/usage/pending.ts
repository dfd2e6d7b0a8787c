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

// Writes to the engine and usage reads take turns (see writeCounted).
type Gate = { writing: Promise<void> | null; readers: number; idle: Promise<void> | null; release: () => void };

const holder = globalThis as unknown as { __trailmarkPendingUsage?: Counts; __trailmarkUsageGate?: Gate };
const gate: Gate = (holder.__trailmarkUsageGate ??= { writing: null, readers: 0, idle: null, release: () => {} });

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
 * Takes events off once their rows are in the engine (see writeCounted). Rows timed before this
 * process started were never counted here (a previous process's log, or rows
 * written by scripts), so they are skipped; a count never goes below zero.
 */
function settleWritten(rows: readonly { website_id: string; ts: string; extra?: number }[]): void {
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

type Row = { website_id: string; ts: string; extra?: number };

/**
 * Writes rows to the engine and takes them off the tally as one step that no
 * usage read overlaps: a read between the insert and the tally's update would
 * count the batch twice, or (its query's snapshot taken before the insert)
 * not at all. Reads are rare and short; the writer waits for them, never ingest.
 */
export async function writeCounted(write: () => Promise<readonly Row[]>): Promise<void> {
  while (gate.readers > 0 || gate.writing) await (gate.writing ?? gate.idle);
  let done = () => {};
  gate.writing = new Promise((resolve) => (done = resolve));
  try {
    settleWritten(await write());
  } finally {
    gate.writing = null;
    done();
  }
}

/** Runs a usage read (an engine count plus the tally) between writes, so it sees every accepted event once. */
export async function readCounted<T>(read: () => Promise<T>): Promise<T> {
  while (gate.writing) await gate.writing;
  if (gate.readers++ === 0) gate.idle = new Promise((resolve) => (gate.release = resolve));
  try {
    return await read();
  } finally {
    if (--gate.readers === 0) {
      gate.idle = null;
      gate.release();
    }
  }
}

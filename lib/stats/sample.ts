import type { Engine } from "@/lib/engine";
import { at, str } from "@/lib/engine/sql";
import type { StatsContext } from "./context";

/**
 * Sampling, for the busiest sites' long ranges. A question whose periods hold
 * more event rows than TRAILMARK_SAMPLE_ABOVE (default 5,000,000; 0 never
 * samples) reads 1 in k of the visitors, through the events table's sampling
 * key (a hash of the visitor), with k chosen to read about 40 % of that
 * threshold, and multiplies its counts by k. Every visitor read is read whole
 * (all visits, pageviews, payments), so rates and averages are those of the
 * sample; revenue is never sampled. The dashboard states the bound on the
 * visitor figure (`visitorsMargin`).
 *
 * k depends on the context alone (its range and the period before it), so
 * every panel of one dashboard load reads the same visitors.
 */
export type Sample = { k: number };
export const EXACT: Sample = { k: 1 };

export function sampleAbove(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRAILMARK_SAMPLE_ABOVE;
  if (raw === undefined || raw === "") return 5_000_000;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`TRAILMARK_SAMPLE_ABOVE must be a whole number of rows (0: never sample), not "${raw}"`);
  return n;
}

/** 1 in k for a question over `rows` event rows (k = 1: exact). */
export function sampleOf(rows: number, above = sampleAbove()): Sample {
  if (!above || rows <= above) return EXACT;
  return { k: Math.ceil(rows / (above * 0.4)) };
}

// The row estimate is the index's (granules, not rows: a few milliseconds); kept a minute per site and range,
// and shared by the calls of one dashboard load, which arrive together.
const TTL_MS = 60_000;
const estimates = new Map<string, { rows: Promise<number>; at: number }>();

export async function sampleFor(e: Engine, ctx: StatsContext): Promise<Sample> {
  const above = sampleAbove();
  if (!e.sampling || !above || ctx.exact) return EXACT;
  const ranges = [ctx.period.range, ...(ctx.period.previous ? [ctx.period.previous] : [])];
  const start = Math.min(...ranges.map((r) => r.start.getTime()));
  const end = Math.max(...ranges.map((r) => r.end.getTime()));
  const key = `${e.tables.events}/${ctx.id}/${start}/${end}`;
  const now = Date.now();
  let hit = estimates.get(key);
  if (!hit || now - hit.at > TTL_MS) {
    const rows = e
      .query<{ rows: number }>(`EXPLAIN ESTIMATE SELECT 1 FROM ${e.tables.events} WHERE website_id = ${str(ctx.id)} AND session_start >= ${at(start)} AND session_start < ${at(end)}`)
      .then((parts) => parts.reduce((n, p) => n + Number(p.rows), 0));
    if (estimates.size > 10_000) estimates.clear();
    estimates.set(key, (hit = { rows, at: now }));
    rows.catch(() => estimates.delete(key));
  }
  return sampleOf(await hit.rows, above);
}

/**
 * A visitor hash above every one `SAMPLE 1/k` reads: ClickHouse reads the hashes below 2^64 / k, and 2^32 more
 * leaves room for its rounding. Payer sets cut at it hold every sampled payer and few others.
 */
export const sampleCeiling = (s: Sample): string => {
  const max = (1n << 64n) - 1n;
  const ceiling = (1n << 64n) / BigInt(s.k) + (1n << 32n);
  return String(ceiling > max ? max : ceiling);
};

/** The table as a sampled question reads it. */
export const sampledFrom = (table: string, s: Sample) => (s.k > 1 ? `${table} SAMPLE 1/${s.k}` : table);

/**
 * The 95 % margin of a count of distinct visitors estimated as k x n from 1 in
 * k of them, relative to the estimate: each visitor is in the sample or not
 * independently (its hash), so n is binomial and the estimate's standard
 * error is sqrt(N (k - 1)).
 */
export function visitorsMargin(estimate: number, s: Sample): number {
  if (s.k <= 1) return 0;
  if (estimate <= 0) return 1;
  return Math.min(1, (1.96 * Math.sqrt(estimate * (s.k - 1))) / estimate);
}

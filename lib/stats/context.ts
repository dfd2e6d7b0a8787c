import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import { fromEngineTime } from "@/lib/engine/time";
import { ApiError } from "@/lib/http/errors";
import type { StatsQuery } from "@/lib/schemas/stats";
import { bucketCount } from "./buckets";
import { dayKeyFormatter } from "./day-key";
import type { Filter } from "./filters";
import { finishedImports, firstImportedDay } from "./imported";
import { resolvePeriod, type ResolvedPeriod } from "./period";

/** The website as every stats query needs it (what withApiKey hands a v1 route). */
export type StatsSite = { id: string; timezone: string; currency: string };
/** A website document (dashboard routes) as the stats queries take it. */
export const statsSite = (w: { _id: unknown; timezone?: string | null; currency?: string | null }): StatsSite => ({ id: String(w._id), timezone: w.timezone ?? "UTC", currency: w.currency ?? "USD" });
export type AttributionModel = "first_touch" | "last_touch";

/**
 * One parsed stats question: whose, when (with the comparison period), which
 * visits, which touch, and the finished imports whose daily aggregates it may
 * add (none unless the question asks for imported data: lib/stats/imported.ts).
 */
export type StatsContext = StatsSite & {
  filters: Filter[];
  model: AttributionModel;
  period: ResolvedPeriod;
  imports: string[];
  /** Never answered from a sample (lib/stats/sample.ts): the email reports, which nobody waits on. */
  exact?: boolean;
};

export const MAX_BUCKETS = 2_000;

/** The local day of the site's first session or payment: where `all` starts. */
async function earliestDay(site: StatsSite): Promise<string | null> {
  const e = await engine();
  // The first rows of each table's sort order (website, then day or time): no scan.
  const [rows] = await e.query<{ s: string; p: string; n: number }>(
    `SELECT (SELECT min(session_start) FROM ${e.tables.events} WHERE website_id = ${str(site.id)}) AS s,
       (SELECT min(ts) FROM ${e.tables.payments} WHERE website_id = ${str(site.id)}) AS p,
       (SELECT count() FROM ${e.tables.events} WHERE website_id = ${str(site.id)}) + (SELECT count() FROM ${e.tables.payments} WHERE website_id = ${str(site.id)}) AS n`,
  );
  if (!rows?.n) return null;
  const times = [rows.s, rows.p].map(fromEngineTime).filter((t) => t > 0);
  if (!times.length) return null;
  return dayKeyFormatter(site.timezone)(new Date(Math.min(...times)));
}

/** Where `all` starts: the first native day, or the first imported one when the question takes imports. */
async function allStartsOn(site: StatsSite, withImports: boolean): Promise<string | null> {
  const [native, imported] = await Promise.all([earliestDay(site), withImports ? firstImportedDay(site.id) : null]);
  return [native, imported].filter((d): d is string => !!d).sort()[0] ?? null;
}

/** Finished imports covering days of the range or the one before it. */
function importsOf(site: StatsSite, period: ResolvedPeriod): Promise<string[]> {
  const day = dayKeyFormatter(site.timezone);
  const start = period.previous && period.previous.start < period.range.start ? period.previous.start : period.range.start;
  return finishedImports(site.id, day(start), day(new Date(period.range.end.getTime() - 1)));
}

export async function statsContext(site: StatsSite, q: StatsQuery, now = new Date()): Promise<StatsContext> {
  const earliest = q.period === "all" && !q.from ? await allStartsOn(site, q.imported === true) : null;
  const period = resolvePeriod(q, site.timezone, now, earliest);
  const buckets = bucketCount(period.range, period.interval);
  if (buckets > MAX_BUCKETS) {
    throw new ApiError(400, "invalid_input", `interval: ${buckets} ${period.interval} buckets is too many (at most ${MAX_BUCKETS}); pick a longer interval or a shorter range`);
  }
  return { ...site, filters: q.filter, model: q.model, period, imports: q.imported ? await importsOf(site, period) : [] };
}

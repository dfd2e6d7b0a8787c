import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import type { StatsQuery } from "@/lib/schemas/stats";
import { Payment } from "@/models/Payment";
import { Session } from "@/models/Session";
import { bucketCount } from "./buckets";
import { dayKeyFormatter } from "./day-key";
import type { Filter } from "./filters";
import { resolvePeriod, type ResolvedPeriod } from "./period";

/** The website as every stats query needs it (what withApiKey hands a v1 route). */
export type StatsSite = { id: string; timezone: string; currency: string };
/** A website document (dashboard routes) as the stats queries take it. */
export const statsSite = (w: { _id: unknown; timezone?: string | null; currency?: string | null }): StatsSite => ({ id: String(w._id), timezone: w.timezone ?? "UTC", currency: w.currency ?? "USD" });
export type AttributionModel = "first_touch" | "last_touch";

/** One parsed stats question: whose, when (with the comparison period), which visits, which touch. */
export type StatsContext = StatsSite & { filters: Filter[]; model: AttributionModel; period: ResolvedPeriod };

export const MAX_BUCKETS = 2_000;

/** The local day of the site's first session or payment: where `all` starts. */
async function earliestDay(site: StatsSite): Promise<string | null> {
  const websiteId = new Types.ObjectId(site.id);
  // One sorted read each (the store has no $min accumulator that works beside others).
  const [s, p] = await Promise.all([
    Session.find({ websiteId }, { _id: 0, startedAt: 1 }).sort({ startedAt: 1 }).limit(1).lean<{ startedAt: Date }[]>(),
    Payment.find({ websiteId }, { _id: 0, timestamp: 1 }).sort({ timestamp: 1 }).limit(1).lean<{ timestamp: Date }[]>(),
  ]);
  const times = [s[0]?.startedAt, p[0]?.timestamp].filter((t): t is Date => t instanceof Date);
  if (!times.length) return null;
  return dayKeyFormatter(site.timezone)(new Date(Math.min(...times.map((t) => t.getTime()))));
}

export async function statsContext(site: StatsSite, q: StatsQuery, now = new Date()): Promise<StatsContext> {
  await connectDb();
  const earliest = q.period === "all" && !q.from ? await earliestDay(site) : null;
  const period = resolvePeriod(q, site.timezone, now, earliest);
  const buckets = bucketCount(period.range, period.interval);
  if (buckets > MAX_BUCKETS) {
    throw new ApiError(400, "invalid_input", `interval: ${buckets} ${period.interval} buckets is too many (at most ${MAX_BUCKETS}); pick a longer interval or a shorter range`);
  }
  return { ...site, filters: q.filter, model: q.model, period };
}

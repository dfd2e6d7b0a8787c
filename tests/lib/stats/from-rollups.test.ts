import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { breakdownQuerySchema, overviewQuerySchema, timeseriesQuerySchema } from "@/lib/schemas/stats";
import { getBreakdown, getOverview, getTimeseries, statsContext, statsSite, type StatsSite } from "@/lib/stats";
import type { Dimension } from "@/lib/stats/dimensions";
import type { RollupEvent } from "@/lib/stats/rollup-ops";
import { freshRollupDocs } from "@/lib/stats/rollup-docs";
import { visitRollupEvents } from "@/lib/stats/visit-rollup-events";
import { PageView } from "@/models/PageView";
import { Payment } from "@/models/Payment";
import { Rollup } from "@/models/Rollup";
import { Session } from "@/models/Session";
import { makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("from-rollups");

const TZ = "Asia/Kolkata"; // +05:30: local hours and days start at :30 UTC
const countries = ["DE", "US", "IN", "FR"];
const channels = ["Direct", "Organic Search", "Referral"];
let site: StatsSite;

// 2,400 visits by 1,500 visitors from 22:30 local on the 9th over three local days, 1-4 pageviews each, 60 payments.
beforeAll(async () => {
  const doc = await makeWebsite({ timezone: TZ });
  site = statsSite(doc);
  const sessions: Record<string, unknown>[] = [];
  const pageviews: Record<string, unknown>[] = [];
  const payments: Record<string, unknown>[] = [];
  const events: RollupEvent[] = [];
  for (let i = 0; i < 2_400; i++) {
    const visitorId = `vis${(i * 7) % 1_500}`;
    const startedAt = new Date(Date.UTC(2026, 2, 9, 17, 0) + i * 113_000); // from 22:30 local on the 9th
    const n = (i % 4) + 1;
    const ctx = { websiteId: doc._id, visitorId, sessionId: `s${i}`, country: countries[i % 4], channel: channels[i % 3], device: i % 5 ? "desktop" : "mobile", browser: i % 2 ? "Chrome" : "Firefox", hostname: "a.example" };
    const views = Array.from({ length: n }, (_, p) => ({ ...ctx, timestamp: new Date(startedAt.getTime() + p * 47_500), path: p ? `/p${p}` : "/" }));
    const visit = { ...ctx, _id: `${doc._id}:s${i}`, startedAt, lastSeenAt: views.at(-1)!.timestamp, pageviews: n, events: n, duration: Math.round((n - 1) * 47.5), bounce: n === 1, entryPage: "/", exitPage: views.at(-1)!.path };
    sessions.push(visit);
    pageviews.push(...views);
    events.push(...visitRollupEvents(visit, TZ, views));
    if (i % 40 === 3) {
      const touch = { channel: ctx.channel, country: ctx.country, device: ctx.device, entryPage: "/" };
      payments.push({ websiteId: doc._id, provider: "stripe", transactionId: `t${i}`, amount: 1_000 + i, refundedAmount: i % 80 === 3 ? 500 : 0, currency: "USD", visitorId, timestamp: new Date(startedAt.getTime() + 60_000), firstTouch: touch, lastTouch: touch });
    }
  }
  await Promise.all([Session.insertMany(sessions), PageView.insertMany(pageviews), Payment.insertMany(payments)]);
  // Built in memory (ingest's writeRollups upserts row by row: minutes for this much on FerretDB).
  await Rollup.insertMany(freshRollupDocs(events, true), { lean: true });
}, 120_000);

afterEach(() => {
  delete process.env.TRAILMARK_STATS_RAW;
});

/** The same question answered from rollups and from raw events. */
async function both<T>(ask: () => Promise<T>): Promise<[T, T]> {
  const rolled = await ask();
  process.env.TRAILMARK_STATS_RAW = "1";
  const raw = await ask();
  delete process.env.TRAILMARK_STATS_RAW;
  return [rolled, raw];
}
const near = (a: number, b: number) => expect(Math.abs(a - b) / Math.max(b, 1)).toBeLessThan(0.02);

describe("stats from rollups agree with a raw recount", () => {
  it("overview, unfiltered and filtered by one touch dimension, twice (the second from stored day summaries)", async () => {
    for (const filter of [[], ["country:is:DE"], ["channel:is:Referral"]]) {
      for (let round = 0; round < 2; round++) {
        const ctx = await statsContext(site, overviewQuerySchema.parse({ from: "2026-03-10", to: "2026-03-12", filter }));
        const [rolled, raw] = await both(() => getOverview(ctx));
        expect(rolled.estimated).toBe(true);
        expect(raw.estimated).toBe(false);
        expect(raw.sessions).toBeGreaterThan(filter.length ? 500 : 2_000);
        for (const k of ["sessions", "pageviews", "bounceRate", "avgSessionDuration", "revenue", "payments", "viewsPerSession"] as const) expect(rolled[k], k).toBe(raw[k]);
        expect(rolled.revenueByCurrency).toEqual(raw.revenueByCurrency);
        if (!filter.length) expect(raw.visitors).toBeGreaterThanOrEqual(1_000);
        near(rolled.visitors, raw.visitors);
      }
    }
    expect(await Rollup.countDocuments({ kind: "day" })).toBeGreaterThan(0);
  });

  it("timeseries by day and by hour in a +05:30 zone", async () => {
    for (const [q, buckets] of [[{ from: "2026-03-10", to: "2026-03-12", interval: "day" }, 3], [{ from: "2026-03-10", to: "2026-03-10", interval: "hour" }, 24]] as const) {
      const ctx = await statsContext(site, timeseriesQuerySchema.parse(q));
      const [rolled, raw] = await both(() => getTimeseries(ctx));
      expect(rolled.points).toHaveLength(buckets);
      expect(rolled.points[0].time).toMatch(/T00:00:00\+05:30$/);
      expect(rolled.points.map((p) => p.time)).toEqual(raw.points.map((p) => p.time));
      expect(rolled.points.map((p) => p.pageviews)).toEqual(raw.points.map((p) => p.pageviews));
      expect(rolled.points.map((p) => p.revenue)).toEqual(raw.points.map((p) => p.revenue));
      // Per-bucket visitor counts are small; HyperLogLog's linear counting is near exact there.
      rolled.points.forEach((p, i) => expect(Math.abs(p.visitors - raw.points[i].visitors)).toBeLessThanOrEqual(Math.max(2, raw.points[i].visitors * 0.02)));
    }
  });

  it("breakdowns on touch dimensions; other dimensions and filters fall back to raw events", async () => {
    for (const dimension of ["country", "channel", "device", "entry_page"]) {
      const ctx = await statsContext(site, breakdownQuerySchema.parse({ from: "2026-03-10", to: "2026-03-12", dimension }));
      const [rolled, raw] = await both(() => getBreakdown(ctx, dimension as Dimension, 10));
      expect(rolled.rows.map((r) => r.value).sort()).toEqual(raw.rows.map((r) => r.value).sort());
      for (const r of raw.rows) {
        const mine = rolled.rows.find((x) => x.value === r.value)!;
        expect([mine.pageviews, mine.revenue, mine.payments]).toEqual([r.pageviews, r.revenue, r.payments]);
        if (r.visitors > 300) near(mine.visitors, r.visitors);
      }
    }
    const browser = await statsContext(site, breakdownQuerySchema.parse({ from: "2026-03-10", to: "2026-03-12", dimension: "browser" }));
    const [rolled, raw] = await both(() => getBreakdown(browser, "browser", 10));
    expect(rolled).toEqual(raw); // answered from raw events both times: exact visitors
    const filtered = await statsContext(site, overviewQuerySchema.parse({ from: "2026-03-10", to: "2026-03-12", filter: ["browser:is:Chrome"] }));
    expect((await getOverview(filtered)).estimated).toBe(false);
  });

  it("a range that starts before the website's rollups began reads raw events", async () => {
    const ctx = await statsContext(site, overviewQuerySchema.parse({ from: "2026-03-09", to: "2026-03-12" }));
    expect((await getOverview(ctx)).estimated).toBe(false);
  });
});

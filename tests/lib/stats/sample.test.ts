// Sampling on the busiest sites' long ranges (lib/stats/sample.ts): a
// question over more rows than TRAILMARK_SAMPLE_ABOVE reads 1 in k visitors
// through the events table's sampling key and multiplies its counts by k.
// The estimates must fall within the margin the dashboard states; total
// revenue, and revenue by a payment's touch, stay exactly the unsampled answer.
import { Types } from "mongoose";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import { writeBatch, type BufferedEvent } from "@/lib/ingest/batch-writer";
import { recordPayment } from "@/lib/revenue/record-payment";
import { breakdownQuerySchema, overviewQuerySchema, timeseriesQuerySchema } from "@/lib/schemas/stats";
import { getBreakdown, getOverview, getTimeseries, statsContext, statsSite, type StatsSite } from "@/lib/stats";
import { breakdownsTogether } from "@/lib/stats/breakdowns-together";
import { breakdownRows } from "@/lib/stats/get-breakdown";
import { sampleAbove, sampleOf, visitorsMargin } from "@/lib/stats/sample";
import { makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("sampling");

describe("choosing the sample", () => {
  it("answers exactly up to the threshold, then reads about 40 % of it", () => {
    expect(sampleOf(5_000_000, 5_000_000)).toEqual({ k: 1 });
    expect(sampleOf(5_000_001, 5_000_000)).toEqual({ k: 3 });
    expect(sampleOf(16_400_000, 5_000_000)).toEqual({ k: 9 });
    expect(sampleOf(10 ** 9, 0)).toEqual({ k: 1 }); // 0: never sample
  });

  it("reads the threshold from the environment, and refuses a value that is no row count", () => {
    expect(sampleAbove({})).toBe(5_000_000);
    expect(sampleAbove({ TRAILMARK_SAMPLE_ABOVE: "20000000" })).toBe(20_000_000);
    expect(() => sampleAbove({ TRAILMARK_SAMPLE_ABOVE: "5M" })).toThrow(/TRAILMARK_SAMPLE_ABOVE must be a whole number of rows/);
    expect(() => sampleAbove({ TRAILMARK_SAMPLE_ABOVE: "-1" })).toThrow(/TRAILMARK_SAMPLE_ABOVE/);
  });

  it("states the 95 % margin of a binomial sample of visitors", () => {
    // sqrt(N (k - 1)) is the estimate's standard error: 3,000 for a million visitors read 1 in 10.
    expect(visitorsMargin(1_000_000, { k: 10 })).toBeCloseTo((1.96 * 3_000) / 1_000_000, 10);
    expect(visitorsMargin(1_000_000, { k: 1 })).toBe(0);
    expect(visitorsMargin(0, { k: 10 })).toBe(1);
  });
});

const VISITORS = 6_000;
const DAY = Date.UTC(2026, 4, 12, 0, 0);
let site: StatsSite;

const PATHS = ["/", "/pricing", "/blog/a"];
const pathsOf = (v: number) => new Set(Array.from({ length: (v % 3) + 1 }, (_, k) => PATHS[(v + k) % 3]));
// Who paid what: [visitor, amount, currency].
const PAYMENTS: [number, number, string][] = [];
for (let i = 0; i < 60; i++) {
  PAYMENTS.push([i * 97, 1_000 + i * 10, i === 7 ? "EUR" : "USD"]);
  if (i % 10 === 0) PAYMENTS.push([i * 97, 500, "USD"]);
}

function pageview(v: number, k: number): BufferedEvent {
  return {
    id: String(new Types.ObjectId()), websiteId: site.id, visitorId: `visitor-${v}`, sessionId: `visit-${v}`, type: "pageview",
    path: PATHS[(v + k) % 3], timestamp: new Date(DAY + (v % 1_000) * 60_000 + k * 30_000).toISOString(),
    context: { channel: ["Direct", "Organic Search", "Referral"][v % 3], country: ["DE", "FR", "US"][v % 3], device: "desktop", browser: v % 2 ? "Firefox" : "Chrome", os: "Linux" },
  };
}

beforeAll(async () => {
  site = statsSite(await makeWebsite({ timezone: "UTC" }));
  // 6,000 visitors on one day, one visit each of 1-3 pageviews (~12,000 rows).
  const events: BufferedEvent[] = [];
  for (let v = 0; v < VISITORS; v++) for (let k = 0; k <= v % 3; k++) events.push(pageview(v, k));
  events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  for (let i = 0; i < events.length; i += 3_000) await writeBatch(events.slice(i, i + 3_000));
  // 60 of them paid, some twice, one in EUR.
  for (const [i, [v, amount, currency]] of PAYMENTS.entries()) {
    await recordPayment(site, { provider: "stripe", transactionId: `pi_${i}`, amount, currency, visitorId: `visitor-${v}`, timestamp: new Date(DAY + 20 * 3_600_000 + i * 1_000) });
  }
}, 120_000);

afterEach(() => {
  delete process.env.TRAILMARK_SAMPLE_ABOVE;
});

const RANGE = { from: "2026-05-12", to: "2026-05-12" };
async function answers(above: string) {
  process.env.TRAILMARK_SAMPLE_ABOVE = above;
  const overview = await getOverview(await statsContext(site, overviewQuerySchema.parse(RANGE)));
  const series = await getTimeseries(await statsContext(site, timeseriesQuerySchema.parse({ ...RANGE, interval: "hour" })));
  const breakdown = async (dimension: string) => (await getBreakdown(await statsContext(site, breakdownQuerySchema.parse({ ...RANGE, dimension, limit: 100 })), dimension as never, 100)).rows;
  return { overview, series, channel: await breakdown("channel"), page: await breakdown("page") };
}

describe("a sampled answer", () => {
  it("estimates the counts within the stated margin and keeps revenue exact", async () => {
    const exact = await answers("0");
    expect(exact.overview.sample).toBeUndefined();
    expect(exact.overview.visitors).toBe(VISITORS);

    // A threshold below the site's rows: the questions read 1 in k of its visitors.
    const sampled = await answers("3000");
    const s = sampled.overview.sample!;
    expect(s.k).toBeGreaterThan(1);
    // Counts are k times what the sample held, and within the stated 95 % margin of the truth.
    expect(sampled.overview.visitors % s.k).toBe(0);
    expect(Math.abs(sampled.overview.visitors - VISITORS)).toBeLessThanOrEqual(s.visitorsMargin * sampled.overview.visitors);
    expect(s.visitorsMargin).toBeCloseTo(visitorsMargin(sampled.overview.visitors, s), 12);
    expect(sampled.overview.pageviews).not.toBe(exact.overview.pageviews); // estimated, not answered exactly under another name
    expect(Math.abs(sampled.overview.pageviews / exact.overview.pageviews - 1)).toBeLessThan(0.15);
    // Revenue and payments never come from the sample.
    expect([sampled.overview.revenue, sampled.overview.payments, sampled.overview.revenueByCurrency]).toEqual([exact.overview.revenue, exact.overview.payments, exact.overview.revenueByCurrency]);
    expect(sampled.series.points.map((p) => p.revenue)).toEqual(exact.series.points.map((p) => p.revenue));
    expect(sampled.series.points.reduce((n, p) => n + p.visitors, 0)).toBe(sampled.overview.visitors);
    // Per row: revenue exact on a touch dimension (channel, from the payments themselves) ...
    const revenueOf = (rows: { value: string; revenue: number; payments: number }[]) => Object.fromEntries(rows.map((r) => [r.value, [r.revenue, r.payments]]));
    expect(revenueOf(sampled.channel)).toEqual(revenueOf(exact.channel));
    // ... and on one it is not (page: a payer's payments count on every page it viewed) k times that of the payers read.
    const e = await engine();
    const read = new Set((await e.query<{ id: string }>(`SELECT DISTINCT visitor_id AS id FROM ${e.tables.events} SAMPLE 1/${s.k} WHERE website_id = ${str(site.id)}`)).map((r) => r.id));
    expect(read.size * s.k).toBe(sampled.overview.visitors);
    const perPage = new Map<string, [number, number]>();
    for (const [v, amount, currency] of PAYMENTS) {
      if (!read.has(`visitor-${v}`)) continue;
      for (const path of pathsOf(v)) {
        const [revenue, payments] = perPage.get(path) ?? [0, 0];
        perPage.set(path, [revenue + (currency === "USD" ? amount * s.k : 0), payments + s.k]);
      }
    }
    expect(perPage.size).toBeGreaterThan(0);
    expect(revenueOf(sampled.page.filter((r) => r.payments > 0))).toEqual(Object.fromEntries(perPage));
    expect(revenueOf(sampled.page)).not.toEqual(revenueOf(exact.page));
    // A 95 % margin is exceeded once in twenty figures (one channel here is just outside it): each row within 3.29
    // standard errors (99.9 %), and the rows add up to the headline.
    for (const row of sampled.channel) {
      const truth = exact.channel.find((r) => r.value === row.value)!.visitors;
      expect(Math.abs(row.visitors - truth), row.value).toBeLessThanOrEqual((visitorsMargin(row.visitors, s) / 1.96) * 3.29 * row.visitors);
    }
    expect(sampled.channel.reduce((n, r) => n + r.visitors, 0)).toBe(sampled.overview.visitors);
  });

  it("keeps revenue exact under a filter a payment's touch answers; under a page filter estimates it from the sampled payers", async () => {
    process.env.TRAILMARK_SAMPLE_ABOVE = "0";
    const exactDe = await getOverview(await statsContext(site, overviewQuerySchema.parse({ ...RANGE, filter: ["country:is:DE"] })));
    process.env.TRAILMARK_SAMPLE_ABOVE = "3000";
    const de = await getOverview(await statsContext(site, overviewQuerySchema.parse({ ...RANGE, filter: ["country:is:DE"] })));
    expect(de.sample).toMatchObject({ revenueExact: true });
    expect([de.revenue, de.payments]).toEqual([exactDe.revenue, exactDe.payments]);
    expect(de.revenue).toBeGreaterThan(0);

    const pricing = await getOverview(await statsContext(site, overviewQuerySchema.parse({ ...RANGE, filter: ["page:is:/pricing"] })));
    const s = pricing.sample!;
    expect(s.revenueExact).toBe(false);
    // k times the payments of the sampled payers who viewed /pricing.
    const e = await engine();
    const read = new Set((await e.query<{ id: string }>(`SELECT DISTINCT visitor_id AS id FROM ${e.tables.events} SAMPLE 1/${s.k} WHERE website_id = ${str(site.id)}`)).map((r) => r.id));
    const theirs = PAYMENTS.filter(([v]) => read.has(`visitor-${v}`) && pathsOf(v).has("/pricing"));
    expect(theirs.length).toBeGreaterThan(0);
    expect(pricing.revenue).toBe(s.k * theirs.filter(([, , c]) => c === "USD").reduce((n, [, amount]) => n + amount, 0));
    expect(pricing.payments).toBe(s.k * theirs.length);
  });

  it("answers breakdowns asked together (a dashboard load's panels) as each asked alone", async () => {
    process.env.TRAILMARK_SAMPLE_ABOVE = "3000";
    const dimensions = ["channel", "country", "browser", "device", "page"] as const;
    for (const filter of [[], ["page:is:/pricing"]]) {
      const ctx = await statsContext(site, overviewQuerySchema.parse({ ...RANGE, filter }));
      expect((await getOverview(ctx)).sample?.k).toBeGreaterThan(1);
      const together = await breakdownsTogether(ctx, [...dimensions], [ctx.period.range]);
      for (const [i, dimension] of dimensions.entries()) {
        const alone = await breakdownRows(ctx, dimension, [ctx.period.range]);
        expect(alone[0].size, dimension).toBeGreaterThan(0);
        expect(together[i], `${dimension} ${filter.join()}`).toEqual(alone);
      }
    }
  });

  it("reads whole visitors: every pageview of a visitor read is counted, so pageviews per visit stay close", async () => {
    const exact = await answers("0");
    const sampled = await answers("3000");
    expect(sampled.overview.sample).toBeDefined();
    expect(Math.abs(sampled.overview.viewsPerSession - exact.overview.viewsPerSession)).toBeLessThan(0.1);
    expect(sampled.overview.sessions).toBe(sampled.overview.visitors); // one visit each, in the sample as in the data
  });
});

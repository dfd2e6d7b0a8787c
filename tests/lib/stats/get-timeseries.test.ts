import { describe, expect, it } from "vitest";
import { timeseriesQuerySchema } from "@/lib/schemas/stats";
import { getOverview, getTimeseries, statsContext, statsSite } from "@/lib/stats";
import { makePayment, makeVisit, makeWebsite } from "../../factories";
import { seedFourVisitors } from "../../factories/stats";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("timeseries");

type Site = Awaited<ReturnType<typeof makeWebsite>>;
const now = new Date("2026-03-10T12:00:00Z");
const context = (site: Site, q: Record<string, unknown>) => statsContext(statsSite(site), timeseriesQuerySchema.parse(q), now);
const series = async (site: Site, q: Record<string, unknown>) => getTimeseries(await context(site, q));

describe("getTimeseries", () => {
  it("buckets days in the website's time zone, empty days included", async () => {
    const site = await makeWebsite({ timezone: "Asia/Kolkata" });
    await makeVisit(site._id, new Date("2026-03-09T23:30:00Z"), { visitorId: "k", paths: ["/", "/a"] }); // 05:00 on the 10th
    await makeVisit(site._id, new Date("2026-03-08T12:00:00Z"), { visitorId: "k" });
    await makePayment(site._id, new Date("2026-03-09T23:40:00Z"), 900, { visitorId: "k" });
    await makePayment(site._id, new Date("2026-03-09T23:50:00Z"), 400, { visitorId: "k", currency: "EUR" }); // not the site currency
    const s = await series(site, { from: "2026-03-07", to: "2026-03-10", interval: "day" });
    expect(s).toEqual({
      interval: "day",
      points: [
        { time: "2026-03-07T00:00:00+05:30", visitors: 0, pageviews: 0, revenue: 0 },
        { time: "2026-03-08T00:00:00+05:30", visitors: 1, pageviews: 1, revenue: 0 },
        { time: "2026-03-09T00:00:00+05:30", visitors: 0, pageviews: 0, revenue: 0 },
        { time: "2026-03-10T00:00:00+05:30", visitors: 1, pageviews: 2, revenue: 900 },
      ],
    });
  });

  it("has 23 hourly buckets on Berlin's spring-forward day, each visit in its local hour", async () => {
    const site = await makeWebsite({ timezone: "Europe/Berlin" });
    await makeVisit(site._id, new Date("2026-03-29T00:30:00Z")); // 01:30 CET
    await makeVisit(site._id, new Date("2026-03-29T01:30:00Z")); // 03:30 CEST: 02:xx does not exist that day
    const s = await series(site, { from: "2026-03-29", to: "2026-03-29", interval: "hour" });
    expect(s.points).toHaveLength(23);
    const busy = s.points.filter((p) => p.visitors).map((p) => p.time);
    expect(busy).toEqual(["2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00"]);
  });

  it("sums to the overview by week and by month", async () => {
    const { site } = await seedFourVisitors({ timezone: "America/New_York" });
    await makeVisit(site._id, new Date("2026-02-27T15:00:00Z"), { visitorId: "f", paths: ["/", "/x"] });
    const q = { from: "2026-02-20", to: "2026-03-10" };
    const ctx = await context(site, q);
    const total = await getOverview(ctx);
    for (const interval of ["week", "month"] as const) {
      const s = await getTimeseries(ctx, ctx.period.range, interval);
      const times = s.points.map((p) => p.time.slice(0, 10));
      expect(times).toEqual(interval === "week" ? ["2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09"] : ["2026-02-01", "2026-03-01"]);
      expect(s.points.reduce((n, p) => n + p.pageviews, 0)).toBe(total.pageviews);
      expect(s.points.reduce((n, p) => n + p.revenue, 0)).toBe(total.revenue);
      // f is alone in February; every seeded visitor is in March.
      expect(s.points.reduce((n, p) => n + p.visitors, 0)).toBe(total.visitors);
    }
  });

  it("applies filters to every bucket", async () => {
    const { site } = await seedFourVisitors();
    const s = await series(site, { from: "2026-03-09", to: "2026-03-10", interval: "day", filter: ["country:is:FR"] });
    expect(s.points.map((p) => [p.visitors, p.pageviews, p.revenue])).toEqual([[1, 1, 0], [1, 3, 0]]);
    const de = await series(site, { from: "2026-03-09", to: "2026-03-10", interval: "day", filter: ["country:is:DE"] });
    expect(de.points.map((p) => [p.visitors, p.pageviews, p.revenue])).toEqual([[2, 3, 6000], [0, 0, 0]]);
  });

  it("refuses more buckets than a chart can hold", async () => {
    const site = await makeWebsite();
    await expect(context(site, { from: "2020-01-01", to: "2026-01-01", interval: "hour" })).rejects.toMatchObject({ status: 400 });
  });
});

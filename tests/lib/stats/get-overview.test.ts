import { describe, expect, it } from "vitest";
import { overviewQuerySchema } from "@/lib/schemas/stats";
import { getOverview, statsContext, statsSite } from "@/lib/stats";
import { makePayment, makeVisit, makeWebsite } from "../../factories";
import { seedFourVisitors } from "../../factories/stats";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("overview");

const now = new Date("2026-03-10T12:00:00Z");
type Site = Awaited<ReturnType<typeof makeWebsite>>;
const overview = async (site: Site, q: Record<string, unknown>, at = now) => getOverview(await statsContext(statsSite(site), overviewQuerySchema.parse(q), at));
const on9th = { from: "2026-03-09", to: "2026-03-09" };

describe("getOverview", () => {
  it("counts visits, net revenue per currency and conversions, with the previous period", async () => {
    const site = await makeWebsite();
    const v1 = await makeVisit(site._id, new Date("2026-03-09T10:00:00Z"), { visitorId: "v1", paths: ["/", "/pricing", "/signup"] });
    await makeVisit(site._id, new Date("2026-03-10T08:00:00Z"), { visitorId: "v1", paths: ["/"] });
    await makeVisit(site._id, new Date("2026-03-08T08:00:00Z"), { visitorId: "v2", paths: ["/blog"] });
    await makeVisit(site._id, new Date("2026-03-01T08:00:00Z"), { visitorId: "v3", paths: ["/", "/pricing"] }); // previous 7 days
    await makePayment(site._id, new Date("2026-03-09T11:00:00Z"), 4900, { visitorId: v1.visitorId, refundedAmount: 900 });
    await makePayment(site._id, new Date("2026-03-08T11:00:00Z"), 1000, { visitorId: "v2", currency: "EUR" });
    await makePayment(site._id, new Date("2026-03-08T12:00:00Z"), 3000, { visitorId: "v2", refundedAmount: 3000 });
    await makePayment(site._id, new Date("2026-03-02T08:00:00Z"), 2000, { visitorId: "v3" });
    await makePayment(site._id, new Date("2026-02-20T08:00:00Z"), 7000, { visitorId: "v3" }); // before both periods

    const ctx = await statsContext(statsSite(site), overviewQuerySchema.parse({ period: "7d" }), now);
    const o = await getOverview(ctx);
    expect(o).toMatchObject({ visitors: 2, sessions: 3, pageviews: 5, avgSessionDuration: 40, revenue: 4000, payments: 2, currency: "USD", revenuePerVisitor: 2000 });
    expect(o.bounceRate).toBeCloseTo(2 / 3);
    expect(o.viewsPerSession).toBeCloseTo(5 / 3);
    expect(o.conversionRate).toBe(1); // v1 paid USD, v2 EUR; the refunded payment is no conversion
    expect(o.revenueByCurrency).toEqual([{ currency: "USD", revenue: 4000 }, { currency: "EUR", revenue: 1000 }]);

    const before = await getOverview(ctx, ctx.period.previous!);
    expect(before).toMatchObject({ visitors: 1, sessions: 1, pageviews: 2, bounceRate: 0, revenue: 2000, payments: 1, conversionRate: 1 });
  });

  it("shows a visit written after a read at once", async () => {
    const site = await makeWebsite();
    await makeVisit(site._id, new Date("2026-03-09T10:00:00Z"), { visitorId: "a", paths: ["/"] });
    expect(await overview(site, on9th)).toMatchObject({ visitors: 1, pageviews: 1 });
    await makeVisit(site._id, new Date("2026-03-09T11:00:00Z"), { visitorId: "b", paths: ["/", "/pricing"] });
    expect(await overview(site, on9th)).toMatchObject({ visitors: 2, pageviews: 3 });
    await makeVisit(site._id, new Date("2026-03-09T12:00:00Z"), { visitorId: "a", paths: ["/blog"] });
    expect(await overview(site, { ...on9th, filter: ["page:is:/blog"] })).toMatchObject({ visitors: 1, sessions: 1, pageviews: 1 });
    expect(await overview(site, on9th)).toMatchObject({ visitors: 2, sessions: 3, pageviews: 4 });
  });

  it("keeps the site currency first even without revenue in it", async () => {
    const site = await makeWebsite({ currency: "EUR" });
    await makePayment(site._id, new Date("2026-03-09T11:00:00Z"), 500, { currency: "USD" });
    const o = await overview(site, on9th);
    expect(o).toMatchObject({ revenue: 0, payments: 1, currency: "EUR", conversionRate: 0 });
    expect(o.revenueByCurrency).toEqual([{ currency: "EUR", revenue: 0 }, { currency: "USD", revenue: 500 }]);
  });

  it("counts a visit at 23:30 UTC on the next local day in Asia/Kolkata", async () => {
    const site = await makeWebsite({ timezone: "Asia/Kolkata" });
    await makeVisit(site._id, new Date("2026-03-09T23:30:00Z"));
    await makePayment(site._id, new Date("2026-03-09T23:45:00Z"), 1200);
    expect(await overview(site, { from: "2026-03-10", to: "2026-03-10" })).toMatchObject({ visitors: 1, revenue: 1200 });
    expect(await overview(site, on9th)).toMatchObject({ visitors: 0, revenue: 0 });
    // At 20:00 UTC on the 10th it is 01:30 on the 11th in Kolkata: the visit (05:00 on the 10th) was yesterday.
    expect(await overview(site, { period: "yesterday" }, new Date("2026-03-10T20:00:00Z"))).toMatchObject({ visitors: 1 });
  });

  it("never counts another website's data", async () => {
    const mine = await makeWebsite();
    const { site: theirs } = await seedFourVisitors();
    expect(await overview(theirs, on9th)).toMatchObject({ visitors: 5 });
    expect(await overview(mine, on9th)).toMatchObject({ visitors: 0, sessions: 0, pageviews: 0, revenue: 0, payments: 0 });
  });
});

describe("getOverview with filters", () => {
  it("applies each operator and their combination to every metric", async () => {
    const { site } = await seedFourVisitors();
    const all = await overview(site, on9th);
    expect(all).toMatchObject({ visitors: 5, sessions: 6, pageviews: 8, avgSessionDuration: 20, revenue: 8500, payments: 4, conversionRate: 3 / 5, revenuePerVisitor: 1700 });
    expect(all.bounceRate).toBeCloseTo(4 / 6);

    const f = (...filter: string[]) => overview(site, { ...on9th, filter });
    expect(await f("country:is:DE")).toMatchObject({ visitors: 2, sessions: 2, pageviews: 3, revenue: 6000, payments: 3, conversionRate: 1 });
    expect(await f("country:is_not:DE")).toMatchObject({ visitors: 3, sessions: 4, pageviews: 5, revenue: 2500, payments: 1, conversionRate: 1 / 3 });
    // Only the matching pageviews count; revenue follows the visitors who viewed them.
    expect(await f("page:contains:BLOG")).toMatchObject({ visitors: 2, sessions: 2, pageviews: 2, revenue: 5000, payments: 2, conversionRate: 1 / 2 });
    expect(await f("page:is_not:/pricing")).toMatchObject({ visitors: 3, sessions: 3, pageviews: 4, revenue: 2500, payments: 1 });
    expect(await f("country:is:DE", "browser:is:Chrome")).toMatchObject({ visitors: 1, sessions: 1, pageviews: 2, revenue: 5000, payments: 2, conversionRate: 1 });
    expect(await f("goal:is:signup")).toMatchObject({ visitors: 1, sessions: 1, revenue: 5000 });
    expect(await f("goal:is_not:signup")).toMatchObject({ visitors: 4, sessions: 5 });
    expect(await f("utm_campaign:contains:SPR")).toMatchObject({ visitors: 1, pageviews: 2, revenue: 0 });
    expect(await f("country:is:DE", "country:is_not:DE")).toMatchObject({ visitors: 0, revenue: 0, payments: 0, conversionRate: 0 });
  });

  it("credits revenue to the first or the last touch", async () => {
    const { site } = await seedFourVisitors();
    const f = (model: string, filter: string) => overview(site, { ...on9th, model, filter: [filter] });
    expect(await f("first_touch", "channel:is:Organic Search")).toMatchObject({ visitors: 2, revenue: 2500, payments: 1 });
    expect(await f("last_touch", "channel:is:Organic Search")).toMatchObject({ visitors: 2, revenue: 0, payments: 0 });
    expect(await f("last_touch", "referrer:is:(none)")).toMatchObject({ visitors: 3, revenue: 3500 });
    expect(await f("first_touch", "referrer:is:(none)")).toMatchObject({ visitors: 3, revenue: 1000 });
  });
});

import { describe, expect, it } from "vitest";
import { getSiteSummary } from "@/lib/stats/get-site-summary";
import { makePayment, makeVisit, makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("summary");

const now = new Date("2026-03-10T12:00:00Z");

describe("getSiteSummary", () => {
  it("counts visitors, pageviews, bounce, duration and net revenue in the window", async () => {
    const site = await makeWebsite();
    await makeVisit(site._id, new Date("2026-03-09T10:00:00Z"), { visitorId: "v1", paths: ["/", "/pricing", "/signup"] });
    await makeVisit(site._id, new Date("2026-03-10T08:00:00Z"), { visitorId: "v1", paths: ["/"] });
    await makeVisit(site._id, new Date("2026-03-08T08:00:00Z"), { visitorId: "v2", paths: ["/blog"], country: "DE", device: "mobile" });
    await makeVisit(site._id, new Date("2026-01-01T08:00:00Z"), { visitorId: "old" }); // outside 7 days
    await makePayment(site._id, new Date("2026-03-09T11:00:00Z"), 4900, { refundedAmount: 900 });
    await makePayment(site._id, new Date("2026-03-09T11:00:00Z"), 1000, { currency: "EUR" }); // not the site currency

    const s = await getSiteSummary(String(site._id), { days: 7, now });
    expect(s).toMatchObject({ visitors: 2, sessions: 3, pageviews: 5, revenue: 4000, payments: 1, currency: "USD" });
    expect(s.bounceRate).toBeCloseTo(2 / 3);
    expect(s.avgSessionDuration).toBe(40);
    expect(s.series).toHaveLength(7);
    expect(s.series.at(-1)).toEqual({ date: "2026-03-10", visitors: 1, pageviews: 1, revenue: 0 });
    expect(s.series.find((d) => d.date === "2026-03-09")).toEqual({ date: "2026-03-09", visitors: 1, pageviews: 3, revenue: 4000 });
    expect(s.topPages[0]).toEqual({ value: "/", visitors: 1 });
    expect(s.topCountries).toEqual([{ value: "DE", visitors: 1 }, { value: "US", visitors: 1 }]);
  });

  it("buckets days at the site's midnight, not UTC's", async () => {
    const site = await makeWebsite({ timezone: "America/New_York" });
    // 03:00 UTC on the 10th is 23:00 on the 9th in New York.
    await makeVisit(site._id, new Date("2026-03-10T03:00:00Z"));
    const s = await getSiteSummary(String(site._id), { days: 3, now });
    expect(s.series.map((d) => d.date)).toEqual(["2026-03-08", "2026-03-09", "2026-03-10"]);
    expect(s.series.find((d) => d.date === "2026-03-09")?.visitors).toBe(1);
    expect(s.series.find((d) => d.date === "2026-03-10")?.visitors).toBe(0);
  });

  it("never counts another website's data", async () => {
    const mine = await makeWebsite();
    const theirs = await makeWebsite();
    await makeVisit(theirs._id, new Date("2026-03-09T10:00:00Z"));
    await makePayment(theirs._id, new Date("2026-03-09T10:00:00Z"), 9900);
    const s = await getSiteSummary(String(mine._id), { days: 7, now });
    expect(s).toMatchObject({ visitors: 0, pageviews: 0, revenue: 0, payments: 0 });
  });
});

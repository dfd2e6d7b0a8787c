// Funnel reports against factory data in the real store.
import { describe, expect, it } from "vitest";
import type { FunnelDTO } from "@/lib/funnels/funnels";
import type { GoalDTO } from "@/lib/goals/goals";
import { getFunnelReport } from "@/lib/stats/get-funnel-report";
import { makeGoalEvent, makePayment, makeVisit, makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("funnelreport");

const at = (d: number, h = 12, m = 0) => new Date(Date.UTC(2026, 2, d, h, m));
const march = { start: at(1, 0), end: at(31, 0) };
const funnel = (steps: FunnelDTO["steps"], windowHours = 24): FunnelDTO => ({ id: "f", name: "F", steps, windowHours, createdAt: "" });
const page = (value: string) => ({ name: value, type: "page" as const, value });
const goalStep = (value: string) => ({ name: value, type: "goal" as const, value });
const signupGoal: GoalDTO = { id: "g", name: "Signed up", kind: "event", match: "signup", description: null, createdAt: "" };

describe("getFunnelReport", () => {
  it("counts visitors per step in order, with drop-off and revenue per step", async () => {
    const site = await makeWebsite();
    const wid = site._id;
    // full: all three steps, in order, via a wildcard page; pays 100.
    await makeVisit(wid, at(2), { visitorId: "full", paths: ["/", "/pricing/pro"] });
    await makeGoalEvent(wid, at(2, 12, 5), { visitorId: "full", name: "signup" });
    await makePayment(wid, at(2, 13), 10_000, { visitorId: "full" });
    // two: home then pricing, no signup; pays 20 less a 5 refund.
    await makeVisit(wid, at(3), { visitorId: "two", paths: ["/", "/pricing/team"] });
    await makePayment(wid, at(3, 13), 2000, { visitorId: "two", refundedAmount: 500 });
    // wrong order: signed up and saw pricing before ever viewing home: only step 1.
    await makeVisit(wid, at(4), { visitorId: "order", paths: ["/pricing/pro"] });
    await makeGoalEvent(wid, at(4, 12, 1), { visitorId: "order", name: "signup" });
    await makeVisit(wid, at(4, 13), { visitorId: "order", paths: ["/"] });
    // late: completes steps 2 and 3 two days after home, outside the 24 h window.
    await makeVisit(wid, at(5), { visitorId: "late", paths: ["/"] });
    await makeVisit(wid, at(7), { visitorId: "late", paths: ["/pricing/pro"] });
    await makeGoalEvent(wid, at(7, 12, 5), { visitorId: "late", name: "signup" });
    // never entered: views pricing only.
    await makeVisit(wid, at(6), { visitorId: "stranger", paths: ["/pricing"] });

    const report = await getFunnelReport({ id: String(wid), currency: "USD" }, funnel([page("/"), page("/pricing/*"), goalStep("Signed up")]), [signupGoal], march);
    expect(report.entered).toBe(4);
    expect(report.completed).toBe(1);
    expect(report.steps.map((s) => s.visitors)).toEqual([4, 2, 1]);
    expect(report.steps.map((s) => s.dropoff)).toEqual([0, 2, 1]);
    expect(report.steps.map((s) => s.dropoffRate)).toEqual([0, 0.5, 0.5]);
    expect(report.steps.map((s) => s.conversionRate)).toEqual([1, 0.5, 0.25]);
    expect(report.steps.map((s) => s.revenue)).toEqual([11_500, 11_500, 10_000]);
  });

  it("finds a later entry that fits the window when the first does not", async () => {
    const site = await makeWebsite();
    const wid = site._id;
    await makeVisit(wid, at(2), { visitorId: "v", paths: ["/"] });
    await makeVisit(wid, at(5), { visitorId: "v", paths: ["/", "/checkout"] });
    const report = await getFunnelReport({ id: String(wid), currency: "USD" }, funnel([page("/"), page("/checkout")], 1), [], march);
    expect(report.steps.map((s) => s.visitors)).toEqual([1, 1]);
  });

  it("takes a goal step without a definition as an event name, and a page goal by its path", async () => {
    const site = await makeWebsite();
    const wid = site._id;
    const pricingGoal: GoalDTO = { ...signupGoal, name: "Pricing", kind: "page", match: "/pricing*" };
    await makeVisit(wid, at(2), { visitorId: "v", paths: ["/pricing?", "/x"] });
    await makeGoalEvent(wid, at(2, 13), { visitorId: "v", name: "trial_started" });
    const report = await getFunnelReport({ id: String(wid), currency: "USD" }, funnel([goalStep("Pricing"), goalStep("trial_started")]), [pricingGoal], march);
    expect(report.steps.map((s) => s.visitors)).toEqual([1, 1]);
  });

  it("needs distinct events for repeated steps, and ignores entries outside the range", async () => {
    const site = await makeWebsite();
    const wid = site._id;
    await makeVisit(wid, at(2), { visitorId: "once", paths: ["/blog/a"] });
    await makeVisit(wid, at(3), { visitorId: "twice", paths: ["/blog/a", "/blog/b"] });
    await makeVisit(wid, new Date(Date.UTC(2026, 1, 27)), { visitorId: "before", paths: ["/blog/a", "/blog/b"] });
    const report = await getFunnelReport({ id: String(wid), currency: "USD" }, funnel([page("/blog/*"), page("/blog/*")]), [], march);
    expect(report.steps.map((s) => s.visitors)).toEqual([2, 1]);
  });
});

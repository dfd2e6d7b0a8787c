// Funnel reports against factory data in the real store.
import { describe, expect, it } from "vitest";
import type { FunnelDTO } from "@/lib/funnels/funnels";
import type { GoalDTO } from "@/lib/goals/goals";
import { eventRow, insertEvents } from "@/lib/engine/events";
import { furthestStep } from "@/lib/stats/funnel-paths";
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

describe("getFunnelReport against furthestStep", () => {
  // Random visitors whose events often share a millisecond (ordered by id, as the report orders them) and repeat steps.
  it("reaches the same step per visitor as the rule it implements, over random events", async () => {
    const site = await makeWebsite();
    const wid = String(site._id);
    // A small seeded generator (mulberry32): the same events on every run.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), seed | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) % n;
    };
    const paths = ["/", "/pricing", "/blog/a", "/blog/b"];
    const steps = [page("/"), page("/blog/*"), goalStep("signup"), page("/pricing")];
    const conditions: ((e: { path: string; name: string }) => boolean)[] = [
      (e) => e.path === "/", (e) => e.path.startsWith("/blog/"), (e) => e.name === "signup", (e) => e.path === "/pricing",
    ];
    const windowHours = 2;
    const events: Parameters<typeof eventRow>[0][] = [];
    for (let v = 0; v < 150; v++) {
      let t = at(2 + rand(20), rand(24), rand(60)).getTime();
      for (let n = 1 + rand(7); n > 0; n--) {
        // Same millisecond, a few seconds, or hours later (outside the window).
        t += [0, 0, 1_000 * (1 + rand(50)), 3_600_000 * (1 + rand(3))][rand(4)];
        const goal = rand(4) === 0;
        events.push({ id: `e${String(rand(1e6)).padStart(6, "0")}-${v}-${n}`, websiteId: wid, visitorId: `v${v}`, sessionId: `s${v}`, type: goal ? "goal" : "pageview", timestamp: t, ...(goal ? { name: "signup" } : { path: paths[rand(4)] }) });
      }
    }
    const start = events.reduce((m, e) => Math.min(m, Number(e.timestamp)), Infinity);
    await insertEvents(events.map((e) => eventRow(e, { start, first: false, view: 1, seconds: 0, context: {} })));

    // Entries before the 20th count; later steps may run past it (within the window).
    const range = { start: at(1, 0), end: at(20, 0) };
    const expected = steps.map(() => 0);
    for (let v = 0; v < 150; v++) {
      const mine = events.filter((e) => e.visitorId === `v${v}` && Number(e.timestamp) >= range.start.getTime()).sort((a, b) => Number(a.timestamp) - Number(b.timestamp) || (a.id < b.id ? -1 : 1));
      const marked = mine.map((e) => ({ at: Number(e.timestamp), steps: new Set(conditions.flatMap((c, k) => (c({ path: e.path ?? "", name: e.name ?? "" }) ? [k] : []))) }));
      const reached = furthestStep(marked, steps.length, windowHours * 3_600_000, range.end.getTime());
      for (let k = 0; k <= reached; k++) expected[k]++;
    }
    expect(expected[1]).toBeGreaterThan(5);
    expect(expected[2]).toBeGreaterThan(0);
    const report = await getFunnelReport({ id: wid, currency: "USD" }, funnel(steps, windowHours), [], range);
    expect(report.steps.map((s) => s.visitors)).toEqual(expected);
  });
});

// Goal stats against factory data in the real store.
import { describe, expect, it } from "vitest";
import type { GoalDTO } from "@/lib/goals/goals";
import { getGoalStats } from "@/lib/stats/get-goal-stats";
import { makeGoalEvent, makePayment, makeVisit, makeWebsite } from "../../factories";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("goalstats");

const goal = (name: string, kind: "event" | "page", match: string): GoalDTO => ({ id: name, name, kind, match, description: null, createdAt: "" });
const day = (d: number, h = 12) => new Date(Date.UTC(2026, 2, d, h));
const march = { start: day(1, 0), end: day(31, 0) };

describe("getGoalStats", () => {
  it("counts completions, converted visitors, conversion rate and their net revenue", async () => {
    const site = await makeWebsite();
    const wid = site._id;
    // Four visitors in range: a and b sign up (a twice), c views a pricing page, d does nothing.
    await makeVisit(wid, day(2), { visitorId: "a", paths: ["/", "/pricing/pro"] });
    await makeVisit(wid, day(3), { visitorId: "b", paths: ["/blog/x"] });
    await makeVisit(wid, day(4), { visitorId: "c", paths: ["/pricing/team", "/pricing/team"] });
    await makeVisit(wid, day(5), { visitorId: "d", paths: ["/pricingx"] });
    await makeGoalEvent(wid, day(2, 13), { visitorId: "a", name: "signup" });
    await makeGoalEvent(wid, day(6), { visitorId: "a", name: "signup" });
    await makeGoalEvent(wid, day(3, 13), { visitorId: "b", name: "signup" });
    // Out of range: neither counted.
    await makeVisit(wid, new Date(Date.UTC(2026, 1, 20)), { visitorId: "old", paths: ["/pricing/pro"] });
    await makeGoalEvent(wid, new Date(Date.UTC(2026, 1, 20)), { visitorId: "old", name: "signup" });
    // Revenue: a paid 50 with 10 refunded, b paid 20 in EUR (other currency), c paid 30, old paid 99 out of range.
    await makePayment(wid, day(7), 5000, { visitorId: "a", refundedAmount: 1000 });
    await makePayment(wid, day(7), 2000, { visitorId: "b", currency: "EUR" });
    await makePayment(wid, day(8), 3000, { visitorId: "c" });
    await makePayment(wid, new Date(Date.UTC(2026, 1, 21)), 9900, { visitorId: "old" });

    const goals = [goal("Signed up", "event", "signup"), goal("Saw pricing", "page", "/pricing/*"), goal("Home", "page", "/"), goal("Never", "event", "nope")];
    const stats = await getGoalStats({ id: String(wid), currency: "USD" }, goals, march);

    expect(stats.visitors).toBe(4);
    const [signup, pricing, home, never] = stats.goals;
    expect(signup).toMatchObject({ completions: 3, visitors: 2, conversionRate: 0.5, revenue: 4000 });
    // The wildcard covers /pricing/pro and /pricing/team but not /pricingx.
    expect(pricing).toMatchObject({ completions: 3, visitors: 2, conversionRate: 0.5, revenue: 7000 });
    // An exact path matches only itself.
    expect(home).toMatchObject({ completions: 1, visitors: 1, conversionRate: 0.25, revenue: 4000 });
    expect(never).toMatchObject({ completions: 0, visitors: 0, conversionRate: 0, revenue: 0 });
  });

  it("is scoped to the website and answers zeros for an empty range", async () => {
    const site = await makeWebsite();
    const other = await makeWebsite();
    await makeVisit(other._id, day(2), { visitorId: "x", paths: ["/"] });
    await makeGoalEvent(other._id, day(2), { visitorId: "x", name: "signup" });
    const stats = await getGoalStats({ id: String(site._id), currency: "USD" }, [goal("s", "event", "signup"), goal("h", "page", "/")], march);
    expect(stats.visitors).toBe(0);
    expect(stats.goals.map((g) => g.completions)).toEqual([0, 0]);
    expect(stats.goals.map((g) => g.conversionRate)).toEqual([0, 0]);
  });

  it("treats regex characters in a page pattern literally", async () => {
    const site = await makeWebsite();
    await makeVisit(site._id, day(2), { visitorId: "p", paths: ["/a.b", "/axb", "/c(1)/d"] });
    const stats = await getGoalStats({ id: String(site._id), currency: "USD" }, [goal("dot", "page", "/a.b"), goal("paren", "page", "/c(1)/*")], march);
    expect(stats.goals.map((g) => g.completions)).toEqual([1, 1]);
  });
});

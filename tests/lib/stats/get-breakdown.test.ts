import { describe, expect, it } from "vitest";
import { breakdownQuerySchema } from "@/lib/schemas/stats";
import { getBreakdown, getOverview, statsContext, statsSite } from "@/lib/stats";
import { DIMENSIONS, isTouchDimension, type Dimension } from "@/lib/stats/dimensions";
import { seedFourVisitors } from "../../factories/stats";
import { useTestDatabase } from "../../helpers/db";

useTestDatabase("breakdown");

const now = new Date("2026-03-10T12:00:00Z");
type Site = Awaited<ReturnType<typeof seedFourVisitors>>["site"];
const ctxOf = (site: Site, q: Record<string, unknown>) => statsContext(statsSite(site), breakdownQuerySchema.parse({ dimension: "channel", ...q }), now);
const breakdown = async (site: Site, dimension: Dimension, q: Record<string, unknown> = {}) => getBreakdown(await ctxOf(site, q), dimension, 1000);
const on9th = { from: "2026-03-09", to: "2026-03-09" };
const pick = (rows: { value: string }[], ...keys: string[]) => rows.map((r) => [r.value, ...keys.map((k) => (r as Record<string, unknown>)[k])]);

describe("getBreakdown", () => {
  it("groups visits by country with revenue by the payment's touch", async () => {
    const { site } = await seedFourVisitors();
    const b = await breakdown(site, "country", on9th);
    expect(b.dimension).toBe("country");
    expect(pick(b.rows, "visitors", "pageviews", "revenue", "payments", "conversionRate")).toEqual([
      ["DE", 2, 3, 6000, 3, 1], // ties on visitors go to the higher revenue
      ["US", 2, 4, 2500, 1, 0.5],
      ["FR", 1, 1, 0, 0, 0],
    ]);
  });

  it("lists pages by views, goals by completions, and a row for a missing value", async () => {
    const { site } = await seedFourVisitors();
    expect(pick((await breakdown(site, "page", on9th)).rows, "visitors", "pageviews")).toEqual([
      ["/pricing", 3, 3], ["/", 3, 3], ["/blog/y", 1, 1], ["/blog/x", 1, 1],
    ]);
    expect(pick((await breakdown(site, "goal", on9th)).rows, "visitors", "revenue")).toEqual([["signup", 1, 5000], ["newsletter", 1, 0]]);
    expect(pick((await breakdown(site, "referrer", on9th)).rows, "visitors")).toEqual([["(none)", 3], ["google.com", 2], ["x.com", 1]]);
    expect((await getBreakdown(await ctxOf(site, on9th), "page", 2)).rows.map((r) => r.value)).toEqual(["/pricing", "/"]);
  });

  it("moves revenue between channels with the attribution model", async () => {
    const { site } = await seedFourVisitors();
    const channel = async (model: string) => Object.fromEntries(pick((await breakdown(site, "channel", { ...on9th, model })).rows, "revenue"));
    expect(await channel("last_touch")).toEqual({ Direct: 3500, "Organic Social": 5000, "Organic Search": 0 });
    expect(await channel("first_touch")).toEqual({ Direct: 1000, "Organic Social": 5000, "Organic Search": 2500 });
  });

  // The property the filter rules are built for: any row is the overview filtered to it.
  it.each([[[] as string[]], [["device:is_not:tablet", "page:contains:/"]]])("makes every row of every dimension equal the overview filtered by it (filters %j)", async (filter) => {
    const { site } = await seedFourVisitors();
    for (const model of ["first_touch", "last_touch"]) {
      const total = await getOverview(await ctxOf(site, { ...on9th, model, filter }));
      for (const dimension of DIMENSIONS) {
        const { rows } = await breakdown(site, dimension, { ...on9th, model, filter });
        expect(rows.length, dimension).toBeGreaterThan(0);
        for (const { value, ...row } of rows) {
          const o = await getOverview(await ctxOf(site, { ...on9th, model, filter: [...filter, `${dimension}:is:${value}`] }));
          expect(row, `${dimension} = ${value}`).toEqual({ visitors: o.visitors, pageviews: o.pageviews, revenue: o.revenue, payments: o.payments, conversionRate: o.conversionRate });
        }
        // Touch dimensions credit each payment to exactly one row.
        if (isTouchDimension(dimension)) expect(rows.reduce((n, r) => n + r.revenue, 0), dimension).toBe(total.revenue);
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import { panelRows, shade } from "@/components/site/dashboard/panel-rows";
import { countryShapes, MAP_WIDTH } from "@/components/site/dashboard/world-geo";
import world from "world-atlas/countries-110m.json";
import type { Topology } from "topojson-specification";

const row = (value: string, visitors: number, revenue = 0, conversionRate = 0) => ({ value, visitors, pageviews: visitors, revenue, payments: revenue ? 1 : 0, conversionRate });

describe("panelRows", () => {
  const rows = [row("Direct", 50), row("Search", 30, 4900, 0.03), row("Social", 10, 9900, 0.1), row("Email", 5, 4900, 0.2)];
  const visitors = { key: "visitors", desc: true } as const;

  it("ranks by visitors and sizes bars against the leader", () => {
    expect(panelRows(rows, visitors).rows.map((r) => [r.value, r.share])).toEqual([["Direct", 1], ["Search", 0.6], ["Social", 0.2], ["Email", 0.1]]);
  });

  it("ranks by revenue, ties by visitors, earners first", () => {
    expect(panelRows(rows, { key: "revenue", desc: true }).rows.map((r) => [r.value, r.share])).toEqual([["Social", 1], ["Search", 4900 / 9900], ["Email", 4900 / 9900], ["Direct", 0]]);
  });

  it("sorts by revenue per visitor and by conversion, either way", () => {
    const byRpv = panelRows(rows, { key: "rpv", desc: true }).rows;
    expect(byRpv.map((r) => [r.value, r.revenuePerVisitor])).toEqual([["Social", 990], ["Email", 980], ["Search", 163], ["Direct", 0]]);
    expect(panelRows(rows, { key: "conversion", desc: false }).rows.map((r) => r.value)).toEqual(["Direct", "Search", "Social", "Email"]);
  });

  it("keeps revenue matched to no visitor out of the ranking, on its own", () => {
    const out = panelRows([...rows, { value: "(unattributed)", visitors: 0, pageviews: 0, revenue: 2500, payments: 1, conversionRate: 0 }], visitors, { limit: 2 });
    expect(out.rows.map((r) => r.value)).toEqual(["Direct", "Search"]);
    expect(out.unattributed).toMatchObject({ revenue: 2500, payments: 1 });
    expect(panelRows(rows, visitors).unattributed).toBeNull();
  });

  it("gives goals a conversion rate against all visitors", () => {
    expect(panelRows([row("signup", 12)], visitors, { goals: true, totalVisitors: 48 }).rows[0].goalRate).toBe(0.25);
    expect(panelRows([row("signup", 12)], visitors, { goals: true, totalVisitors: 0 }).rows[0].goalRate).toBe(0);
  });

  it("copes with no rows", () => {
    expect(panelRows([], visitors)).toEqual({ rows: [], unattributed: null });
  });
});

describe("shade", () => {
  it("is muted for none and deeper for more visitors", () => {
    expect(shade(0, 10)).toBe("var(--muted)");
    expect(shade(10, 10)).toContain("var(--brand) 100%");
    expect(shade(1, 100)).toContain("var(--brand) 26%");
  });
});

describe("countryShapes", () => {
  const shapes = countryShapes(world as unknown as Topology);
  it("keys world-atlas countries by alpha-2 and drops Antarctica", () => {
    const codes = new Set(shapes.map((s) => s.code));
    for (const c of ["DE", "US", "BR", "JP", "AU", "XK"]) expect(codes.has(c)).toBe(true);
    expect(shapes.some((s) => s.name === "Antarctica")).toBe(false);
    expect(shapes.length).toBeGreaterThan(170);
  });
  it("projects into the map box", () => {
    const de = shapes.find((s) => s.code === "DE")!;
    expect(de.d).toMatch(/^M[\d.]+,[\d.]+/);
    const xs = [...de.d.matchAll(/([\d.]+),/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs)).toBeLessThanOrEqual(MAP_WIDTH);
  });
});

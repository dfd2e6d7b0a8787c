import { describe, expect, it } from "vitest";
import { change, formatRate, metricCards, sampleNote, type OverviewValues } from "@/components/site/dashboard/metrics";

const base: OverviewValues = {
  visitors: 120, sessions: 150, pageviews: 450, bounceRate: 0.4, avgSessionDuration: 95, revenue: 12_345, payments: 3,
  conversionRate: 0.025, revenuePerVisitor: 103, currency: "USD", viewsPerSession: 3, revenueByCurrency: [{ currency: "USD", revenue: 12_345 }],
};

describe("change", () => {
  it("is relative for counts, in points for rates, and knows lower bounce is good", () => {
    expect(change(120, 100, "relative")).toEqual({ text: "+20%", direction: "up", good: true });
    expect(change(80, 100, "relative")).toEqual({ text: "−20%", direction: "down", good: false });
    expect(change(0.45, 0.4, "points", true)).toEqual({ text: "+5 pts", direction: "up", good: false });
    expect(change(5, 5, "relative")).toEqual({ text: "±0%", direction: "flat", good: null });
  });
  it("says new when growing from zero, and nothing without a previous period", () => {
    expect(change(3, 0, "relative")).toEqual({ text: "new", direction: "up", good: true });
    expect(change(0, 0, "relative")?.text).toBe("±0%");
    expect(change(3, undefined, "relative")).toBeNull();
  });
});

describe("metricCards", () => {
  it("formats every card and compares with the previous period", () => {
    const cards = metricCards({ ...base, previous: { ...base, visitors: 100, revenue: 0, bounceRate: 0.5 } });
    const by = Object.fromEntries(cards.map((c) => [c.key, c]));
    expect(cards.map((c) => c.key)).toEqual(["visitors", "pageviews", "bounce", "duration", "revenue", "payments", "conversion", "rpv"]);
    expect(by.visitors).toMatchObject({ value: "120", sub: "150 visits", change: { text: "+20%" } });
    expect(by.pageviews.sub).toBe("3.0 per visit");
    expect(by.bounce).toMatchObject({ value: "40%", change: { text: "−10 pts", good: true } });
    expect(by.duration.value).toBe("1:35");
    expect(by.revenue).toMatchObject({ value: "$123.45", change: { text: "new" }, sub: "net of refunds" });
    expect(by.conversion.value).toBe("2.5%");
    expect(by.rpv.value).toBe("$1.03");
  });
  it("notes revenue in other currencies without summing it", () => {
    const cards = metricCards({ ...base, previous: null, revenueByCurrency: [{ currency: "USD", revenue: 12_345 }, { currency: "EUR", revenue: 900 }] });
    const revenue = cards.find((c) => c.key === "revenue")!;
    expect(revenue.value).toBe("$123.45");
    expect(revenue.sub).toBe("+ €9.00 not converted");
    expect(revenue.change).toBeNull();
  });
});

describe("an estimated overview", () => {
  it("marks the visitors and states the sample and the margin; says nothing when exact", () => {
    const sampled = { ...base, visitors: 3_180_000, sample: { k: 10, visitorsMargin: 0.00332, revenueExact: true } };
    expect(metricCards({ ...sampled, previous: null })[0].value).toBe("≈ 3.2M");
    expect(sampleNote(sampled)).toMatch(/^Estimated from 1 in 10 visitors, so it answers fast: visitors within ±0\.3% \(95% confidence\)/);
    expect(sampleNote(sampled)).toContain("Total revenue, and revenue by source, country and device, are exact.");
    expect(sampleNote({ sample: { k: 3, visitorsMargin: 0.00001, revenueExact: true } })).toContain("within less than ±0.1% (95% confidence)");
    // Filtered by a page: the payers in scope come from the sample too.
    const filtered = sampleNote({ sample: { k: 40, visitorsMargin: 0.25, revenueExact: false } });
    expect(filtered).toContain("within ±25%");
    expect(filtered).toContain("Revenue too: the filter needs each payer's visits.");
    expect(metricCards({ ...base, previous: null })[0].value).toBe("120");
    expect(sampleNote(base)).toBeNull();
  });
});

describe("formatRate", () => {
  it("keeps a decimal under 10 %", () => {
    expect([0, 0.004, 0.025, 0.1234, 1].map(formatRate)).toEqual(["0%", "0.4%", "2.5%", "12%", "100%"]);
  });
});

import { describe, expect, it } from "vitest";
import { shortLabel, toFunnelBars } from "@/components/site/funnels/funnel-chart-data";

const step = (name: string, visitors: number, dropoff: number, dropoffRate: number, conversionRate: number) =>
  ({ name, type: "page" as const, value: name, visitors, dropoff, dropoffRate, conversionRate, revenue: 0 });

describe("toFunnelBars", () => {
  it("stacks the visitors who dropped before each step on top of those who reached it", () => {
    const bars = toFunnelBars({ steps: [step("/", 200, 0, 0, 1), step("/pricing", 50, 150, 0.75, 0.25), step("signup", 3, 47, 0.94, 0.015)] });
    expect(bars.map((b) => b.visitors + b.dropped)).toEqual([200, 200, 50]);
    expect(bars.map((b) => b.label)).toEqual(["1. /", "2. /pricing", "3. signup"]);
    expect(bars.map((b) => b.conversion)).toEqual(["100%", "25%", "1.5%"]);
    expect(bars[2].dropoff).toBe("94%");
  });
  it("handles an empty funnel", () => {
    expect(toFunnelBars({ steps: [step("/", 0, 0, 0, 0), step("/x", 0, 0, 0, 0)] }).every((b) => b.visitors === 0 && b.dropped === 0)).toBe(true);
  });
});

describe("shortLabel", () => {
  it("keeps short labels and cuts long ones with an ellipsis", () => {
    expect(shortLabel("1. /")).toBe("1. /");
    expect(shortLabel("2. /a-very-long-pricing-page", 10)).toBe("2. /a-ver…");
  });
});

import { describe, expect, it } from "vitest";
import { usageMeter } from "@/components/billing/usage-meter-data";

const mid = Date.UTC(2026, 3, 16); // 15 of April's 30 days gone

describe("usageMeter", () => {
  it("scales the count, its projection and the limit into one bar", () => {
    const m = usageMeter({ month: "2026-04", events: 4000, limit: 10_000 }, mid);
    expect(m).toMatchObject({ events: 4000, projected: 8000, limit: 10_000, percent: 40, tone: "ok", monthLabel: "April 2026" });
    expect(m.used).toBeCloseTo(4000 / 12_500);
    expect(m.ahead).toBeCloseTo(4000 / 12_500);
    expect(m.limitAt).toBeCloseTo(0.8);
  });

  it("warns from 80 % and turns over past the limit, the projection setting the scale", () => {
    expect(usageMeter({ month: "2026-04", events: 8000, limit: 10_000 }, mid)).toMatchObject({ tone: "warn", percent: 80 });
    const over = usageMeter({ month: "2026-04", events: 12_000, limit: 10_000 }, mid);
    expect(over).toMatchObject({ tone: "over", percent: 120, projected: 24_000 });
    expect(over.used + over.ahead).toBeCloseTo(1);
    expect(over.limitAt).toBeCloseTo(10_000 / 24_000);
  });

  it("without a limit shows the count against its projection, and nothing for an empty month", () => {
    expect(usageMeter({ month: "2026-04", events: 300, limit: null }, mid)).toMatchObject({ tone: "ok", percent: null, limitAt: null, projected: 600, used: 0.5 });
    expect(usageMeter({ month: "2026-04", events: 0, limit: null }, mid)).toMatchObject({ used: 0, ahead: 0, projected: 0 });
  });
});

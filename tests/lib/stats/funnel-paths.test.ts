import { describe, expect, it } from "vitest";
import { furthestStep } from "@/lib/stats/funnel-paths";

const ev = (at: number, ...steps: number[]) => ({ at, steps: new Set(steps) });

describe("furthestStep", () => {
  it("is -1 for a visitor who never entered", () => {
    expect(furthestStep([ev(0, 1), ev(1, 2)], 3, 10)).toBe(-1);
  });
  it("follows steps in order and within the window", () => {
    expect(furthestStep([ev(0, 0), ev(1, 1), ev(2, 2)], 3, 10)).toBe(2);
    expect(furthestStep([ev(0, 0), ev(1, 2), ev(2, 1)], 3, 10)).toBe(1);
    expect(furthestStep([ev(0, 0), ev(5, 1), ev(11, 2)], 3, 10)).toBe(1);
  });
  it("lets one event count for one step only, and tries later entries", () => {
    expect(furthestStep([ev(0, 0, 1)], 2, 10)).toBe(0);
    expect(furthestStep([ev(0, 0, 1), ev(1, 0, 1)], 2, 10)).toBe(1);
    expect(furthestStep([ev(0, 0), ev(50, 0), ev(55, 1)], 2, 10)).toBe(1);
  });
  it("ignores entries at or after startsBefore", () => {
    expect(furthestStep([ev(100, 0), ev(101, 1)], 2, 10, 100)).toBe(-1);
  });
});

import { describe, expect, it } from "vitest";
import { sparklinePath } from "@/components/dashboard/sparkline-path";

describe("sparklinePath", () => {
  it("scales the peak to the top and zero to the bottom, padded", () => {
    expect(sparklinePath([0, 10, 5], 100, 20, 0)).toEqual({ line: "M0,20L50,0L100,10", area: "M0,20L50,0L100,10L100,20L0,20Z" });
  });
  it("lays a flat or single-point series on the baseline, and nothing for no points", () => {
    expect(sparklinePath([0, 0], 10, 10, 1).line).toBe("M0,9L10,9");
    expect(sparklinePath([4], 10, 10, 1).line).toBe("M0,1L10,1");
    expect(sparklinePath([], 10, 10)).toEqual({ line: "", area: "" });
  });
});

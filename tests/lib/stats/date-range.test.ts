import { describe, expect, it } from "vitest";
import { rangeFilter, toInterval, zonedMidnight } from "@/lib/stats/date-range";

describe("zonedMidnight", () => {
  it.each([
    ["2026-03-01", "UTC", "2026-03-01T00:00:00.000Z"],
    ["2026-03-01", "Europe/Paris", "2026-02-28T23:00:00.000Z"],
    ["2026-07-01", "Europe/Paris", "2026-06-30T22:00:00.000Z"],
    ["2026-03-08", "America/New_York", "2026-03-08T05:00:00.000Z"], // DST starts at 2:00 that day
    ["2026-03-09", "America/New_York", "2026-03-09T04:00:00.000Z"],
    ["2026-01-01", "Asia/Kolkata", "2025-12-31T18:30:00.000Z"],
  ])("%s in %s starts at %s", (day, tz, iso) => {
    expect(zonedMidnight(day, tz).toISOString()).toBe(iso);
  });
});

describe("toInterval", () => {
  it("makes `to` days inclusive and instants exclusive", () => {
    const days = toInterval({ day: "2026-03-01" }, { day: "2026-03-31" }, "UTC");
    expect(days.start?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(days.end?.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    const at = new Date("2026-03-05T12:00:00Z");
    expect(toInterval(undefined, { instant: at }, "UTC")).toEqual({ start: undefined, end: at });
  });

  it("builds a range filter only for the bounds given", () => {
    const start = new Date(0);
    expect(rangeFilter("t", {})).toEqual({});
    expect(rangeFilter("t", { start })).toEqual({ t: { $gte: start } });
  });
});

import { describe, expect, it } from "vitest";
import { allowedIntervals, bucketIndex, bucketLabel, bucketTitle, buildChartRows, toMarkers, type SeriesInput } from "@/components/site/dashboard/chart-data";
import { formatMoneyCompact } from "@/components/format";

// Three days in Berlin across the spring DST change (offset +01:00 -> +02:00 on Mar 29).
const series: SeriesInput = {
  interval: "day",
  points: [
    { time: "2026-03-28T00:00:00+01:00", visitors: 10, pageviews: 20, revenue: 0 },
    { time: "2026-03-29T00:00:00+01:00", visitors: 12, pageviews: 30, revenue: 4900 },
    { time: "2026-03-30T00:00:00+02:00", visitors: 7, pageviews: 9, revenue: 0 },
  ],
  previous: [
    { time: "2026-03-25T00:00:00+01:00", visitors: 3, pageviews: 4, revenue: 100 },
    { time: "2026-03-26T00:00:00+01:00", visitors: 5, pageviews: 5, revenue: 0 },
  ],
  range: { current: { start: "2026-03-28T00:00:00+01:00", end: "2026-03-31T00:00:00+02:00" } },
};

const markers = toMarkers({
  // 23:30 UTC on Mar 29 is 01:30 on Mar 30 in Berlin: the third bucket, not the second.
  mentions: [{ id: "t1", time: "2026-03-29T23:30:00.000Z", text: "Trailmark is neat", author: "@ada", url: "https://x.com/ada/status/t1" }],
  commits: [
    { id: "c1", time: "2026-03-28T08:00:00.000Z", message: "Ship pricing page", author: "bob" },
    // Before the first bucket and at the (exclusive) end: both dropped.
    { id: "c0", time: "2026-03-27T22:59:59.000Z", message: "too early", author: "bob" },
    { id: "c9", time: "2026-03-30T22:00:00.000Z", message: "too late", author: "bob" },
  ],
});

describe("buildChartRows", () => {
  const rows = buildChartRows(series, markers);

  it("keeps one row per bucket with the series' values and wall-clock labels", () => {
    expect(rows.map((r) => [r.label, r.visitors, r.pageviews, r.revenue])).toEqual([
      ["Mar 28", 10, 20, 0],
      ["Mar 29", 12, 30, 4900],
      ["Mar 30", 7, 9, 0],
    ]);
  });

  it("lines the previous period up by position, null where it has no bucket", () => {
    expect(rows.map((r) => r.previousVisitors)).toEqual([3, 5, null]);
    expect(rows.map((r) => r.previousRevenue)).toEqual([100, 0, null]);
    expect(rows[0].previousLabel).toBe("Wed, Mar 25, 2026");
  });

  it("shows no visitors (null, not zero) for buckets older than the retained data, and keeps their revenue", () => {
    // Held from Berlin midnight of Mar 29: the 28th is gone, the previous period wholly.
    const held = buildChartRows(series, markers, "2026-03-28T23:00:00.000Z");
    expect(held.map((r) => [r.visitors, r.pageviews, r.revenue])).toEqual([[null, null, 0], [12, 30, 4900], [7, 9, 0]]);
    expect(held.map((r) => r.previousVisitors)).toEqual([null, null, null]);
    // One second later, the 29th is only partly held: it keeps its count.
    expect(buildChartRows(series, markers, "2026-03-28T23:00:01.000Z")[1].visitors).toBe(12);
    expect(buildChartRows(series, markers, null).map((r) => r.visitors)).toEqual([10, 12, 7]);
  });

  it("puts each marker in the local bucket that contains it and drops those outside the range", () => {
    expect(rows.map((r) => r.markers.map((m) => m.id))).toEqual([["c1"], [], ["t1"]]);
    expect(rows[2].markers[0]).toMatchObject({ kind: "mention", author: "@ada", text: "Trailmark is neat", url: "https://x.com/ada/status/t1" });
    expect(rows[0].markers[0]).toMatchObject({ kind: "commit", text: "Ship pricing page" });
  });

  it("works without a previous period (all time)", () => {
    expect(buildChartRows({ ...series, previous: null }, []).every((r) => r.previousVisitors === null && r.markers.length === 0)).toBe(true);
  });
});

describe("toMarkers", () => {
  it("merges mentions and commits oldest first", () => {
    expect(markers.map((m) => m.id)).toEqual(["c0", "c1", "t1", "c9"]);
  });

  it("keeps what a mention brought, for the tooltip", () => {
    const [m] = toMarkers({ mentions: [{ id: "t", time: "2026-03-01T10:00:00Z", text: "hi", author: "@a", visitors: 12, revenue: 4900 }], commits: [] });
    expect(m).toMatchObject({ kind: "mention", visitors: 12, revenue: 4900 });
  });
});

describe("bucketIndex", () => {
  const starts = [0, 10, 20];
  it("finds the last start at or before t, -1 outside [first, end)", () => {
    expect([-1, 0, 9, 10, 25, 29, 30].map((t) => bucketIndex(starts, 30, t))).toEqual([-1, 0, 0, 1, 2, 2, -1]);
    expect(bucketIndex([], 30, 5)).toBe(-1);
  });
});

describe("labels", () => {
  it("reads the wall clock written in the string, whatever the viewer's zone", () => {
    expect(bucketLabel("2026-03-29T03:00:00+02:00", "hour")).toBe("03:00");
    expect(bucketTitle("2026-03-29T03:00:00+02:00", "hour")).toBe("Sun, Mar 29, 03:00");
    expect(bucketLabel("2026-03-23T00:00:00+01:00", "week")).toBe("Mar 23");
    expect(bucketTitle("2026-03-23T00:00:00+01:00", "week")).toBe("Week of Mar 23, 2026");
    expect(bucketLabel("2026-01-01T00:00:00-05:00", "month")).toBe("Jan 2026");
    expect(bucketTitle("2025-12-31T00:00:00-05:00", "day")).toBe("Wed, Dec 31, 2025");
  });

  it("formats axis money compactly in the currency's own units", () => {
    expect(formatMoneyCompact(123_456, "USD")).toBe("$1.2K");
    expect(formatMoneyCompact(4900, "USD")).toBe("$49");
    expect(formatMoneyCompact(5000, "JPY")).toBe("¥5K");
  });
});

describe("allowedIntervals", () => {
  const span = (hours: number) => ({ start: "2026-01-01T00:00:00Z", end: new Date(Date.parse("2026-01-01T00:00:00Z") + hours * 3_600_000).toISOString() });
  it("offers only intervals that make a readable chart", () => {
    expect(allowedIntervals(span(24))).toEqual(["hour"]);
    expect(allowedIntervals(span(25))).toEqual(["hour"]); // a fall-back DST day
    expect(allowedIntervals(span(24 * 7))).toEqual(["hour", "day"]);
    expect(allowedIntervals(span(24 * 30))).toEqual(["day", "week"]);
    expect(allowedIntervals(span(24 * 365))).toEqual(["day", "week", "month"]);
  });
});

import { describe, expect, it } from "vitest";
import { bucketIndex, bucketStarts, localIso } from "@/lib/stats/buckets";
import { zonedMidnight } from "@/lib/stats/date-range";
import { dayRange, hourStart, resolvePeriod, type Period } from "@/lib/stats/period";

// 2026-03-10 is a Tuesday; at 20:00 UTC it is already the 11th in Kolkata (UTC+5:30).
const now = new Date("2026-03-10T20:00:00Z");
const days = (p: ReturnType<typeof resolvePeriod>) => [p.range.fromDay, p.range.toDay, p.previous?.fromDay, p.previous?.toDay];

describe("resolvePeriod", () => {
  it.each<[Period, string[]]>([
    ["today", ["2026-03-10", "2026-03-10", "2026-03-09", "2026-03-09"]],
    ["yesterday", ["2026-03-09", "2026-03-09", "2026-03-08", "2026-03-08"]],
    ["7d", ["2026-03-04", "2026-03-10", "2026-02-25", "2026-03-03"]],
    ["30d", ["2026-02-09", "2026-03-10", "2026-01-10", "2026-02-08"]],
    ["mtd", ["2026-03-01", "2026-03-10", "2026-02-19", "2026-02-28"]],
    ["last_month", ["2026-02-01", "2026-02-28", "2026-01-04", "2026-01-31"]],
    ["12mo", ["2025-04-01", "2026-03-10", "2024-04-22", "2025-03-31"]],
  ])("%s covers whole local days, with an equal previous period", (period, expected) => {
    expect(days(resolvePeriod({ period }, "UTC", now))).toEqual(expected);
  });

  it("takes today in the website's time zone", () => {
    const p = resolvePeriod({ period: "today" }, "Asia/Kolkata", now);
    expect(p.range.fromDay).toBe("2026-03-11");
    expect(p.range.start.toISOString()).toBe("2026-03-10T18:30:00.000Z");
    expect(p.range.end.toISOString()).toBe("2026-03-11T18:30:00.000Z");
    expect(p.interval).toBe("hour");
  });

  it("makes 24h the last 24 local hours up to the end of the current one", () => {
    const p = resolvePeriod({ period: "24h" }, "Asia/Kolkata", new Date("2026-03-10T20:10:00Z"));
    // 20:10 UTC is 01:40 local: the current local hour began at 19:30 UTC.
    expect(p.range.end.toISOString()).toBe("2026-03-10T20:30:00.000Z");
    expect(p.range.start.toISOString()).toBe("2026-03-09T20:30:00.000Z");
    expect(p.previous).toEqual({ start: new Date("2026-03-08T20:30:00Z"), end: p.range.start });
  });

  it("reads custom days inclusive, `to` defaulting to today, and `all` from the first data", () => {
    const c = resolvePeriod({ from: "2026-01-01", to: "2026-01-31" }, "Europe/Berlin", now);
    expect(c.period).toBe("custom");
    expect(c.range).toEqual(dayRange("2026-01-01", "2026-01-31", "Europe/Berlin"));
    expect(days(c)).toEqual(["2026-01-01", "2026-01-31", "2025-12-01", "2025-12-31"]);
    expect(resolvePeriod({ from: "2026-03-01" }, "UTC", now).range.toDay).toBe("2026-03-10");
    const all = resolvePeriod({ period: "all" }, "UTC", now, "2024-05-06");
    expect([all.range.fromDay, all.previous, all.interval]).toEqual(["2024-05-06", null, "month"]);
    expect(resolvePeriod({ period: "all" }, "UTC", now, null).range.fromDay).toBe("2026-03-10");
  });

  it("refuses (400) a comparison period that would start before 1970, and a `from` after today when `to` is left out", () => {
    const err = (input: Parameters<typeof resolvePeriod>[0]) => {
      try {
        resolvePeriod(input, "UTC", now);
      } catch (e) {
        return e;
      }
      return null;
    };
    expect(err({ from: "1970-01-01", to: "1970-01-31" })).toMatchObject({ status: 400, code: "invalid_input", message: expect.stringMatching(/^from: .*1969-12-01/) });
    expect(err({ from: "1970-01-10" })).toMatchObject({ status: 400, code: "invalid_input" });
    expect(err({ from: "2099-01-01" })).toMatchObject({ status: 400, message: expect.stringMatching(/^from: must not be after/) });
    // 1970-02-01 to 1970-03-03 (31 days) is compared with 1970-01-01 to 1970-01-31: the earliest that fits.
    expect(days(resolvePeriod({ from: "1970-02-01", to: "1970-03-03" }, "UTC", now))).toEqual(["1970-02-01", "1970-03-03", "1970-01-01", "1970-01-31"]);
    expect(days(resolvePeriod({ from: "2099-12-01", to: "2099-12-31" }, "Pacific/Kiritimati", now))).toEqual(["2099-12-01", "2099-12-31", "2099-10-31", "2099-11-30"]);
  });

  it("picks an interval from the length unless one is given", () => {
    expect(resolvePeriod({ period: "7d" }, "UTC", now).interval).toBe("day");
    expect(resolvePeriod({ period: "12mo" }, "UTC", now).interval).toBe("month");
    expect(resolvePeriod({ period: "12mo", interval: "week" }, "UTC", now).interval).toBe("week");
  });
});

describe("bucketStarts", () => {
  it("has 23 hours on Berlin's spring-forward day and 25 on its fall-back day", () => {
    const spring = bucketStarts(dayRange("2026-03-29", "2026-03-29", "Europe/Berlin"), "hour", "Europe/Berlin");
    const autumn = bucketStarts(dayRange("2026-10-25", "2026-10-25", "Europe/Berlin"), "hour", "Europe/Berlin");
    expect(spring).toHaveLength(23);
    expect(autumn).toHaveLength(25);
    expect(spring.map((t) => localIso(t, "Europe/Berlin")).slice(1, 4)).toEqual(["2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"]);
    expect(autumn.map((t) => localIso(t, "Europe/Berlin")).slice(2, 4)).toEqual(["2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00"]);
  });

  it("starts days at local midnight across a DST change", () => {
    const starts = bucketStarts(dayRange("2026-03-28", "2026-03-30", "Europe/Berlin"), "day", "Europe/Berlin");
    expect(starts.map((t) => localIso(t, "Europe/Berlin"))).toEqual(["2026-03-28T00:00:00+01:00", "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00"]);
    expect(starts[2].getTime() - starts[1].getTime()).toBe(23 * 3_600_000);
  });

  it("starts weeks on Monday and months on the 1st, covering the whole range", () => {
    const tz = "America/New_York";
    const weeks = bucketStarts(dayRange("2026-03-04", "2026-03-17", tz), "week", tz); // Wednesday to Tuesday
    expect(weeks.map((t) => localIso(t, tz).slice(0, 10))).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"]);
    const months = bucketStarts(dayRange("2025-12-15", "2026-02-01", tz), "month", tz);
    expect(months.map((t) => localIso(t, tz))).toEqual(["2025-12-01T00:00:00-05:00", "2026-01-01T00:00:00-05:00", "2026-02-01T00:00:00-05:00"]);
  });

  it("puts an instant in the bucket that started last before it", () => {
    const starts = bucketStarts(dayRange("2026-01-01", "2026-01-03", "Asia/Kolkata"), "day", "Asia/Kolkata");
    expect(bucketIndex(starts, new Date("2026-01-01T23:30:00Z"))).toBe(1); // 05:00 on the 2nd
    expect(bucketIndex(starts, new Date("2025-12-31T18:29:59Z"))).toBe(-1);
    expect(bucketIndex(starts, zonedMidnight("2026-01-03", "Asia/Kolkata"))).toBe(2);
  });

  it("finds the local hour in half-hour zones", () => {
    expect(hourStart(new Date("2026-03-10T20:10:00Z"), "Asia/Kolkata").toISOString()).toBe("2026-03-10T19:30:00.000Z");
    expect(hourStart(new Date("2026-03-10T20:10:00Z"), "UTC").toISOString()).toBe("2026-03-10T20:00:00.000Z");
  });
});

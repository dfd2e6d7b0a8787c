// Report periods in the website's time zone. Instants are written out in UTC
// (not derived with the code under test) so a zone or DST slip shows.
import { describe, expect, it } from "vitest";
import { duePeriod, periodRanges, periodStarting, reportPeriod } from "@/lib/reports/period";

const NZ = "Pacific/Auckland"; // UTC+13 from 27 Sep 2026 (NZDT), +12 before (NZST)
const LA = "America/Los_Angeles"; // UTC-7 until 1 Nov 2026 (PDT), -8 after (PST)
const iso = (r: { start: Date; end: Date }) => [r.start.toISOString(), r.end.toISOString()];
const hours = (r: { start: Date; end: Date }) => (r.end.getTime() - r.start.getTime()) / 3_600_000;

describe("report periods", () => {
  it("takes the previous Monday to Sunday and calendar month, with the one before (UTC site)", () => {
    const now = new Date("2026-11-18T09:00:00Z"); // a Wednesday
    expect(reportPeriod("weekly", now)).toEqual({
      kind: "weekly", key: "week-2026-11-09", fromDay: "2026-11-09", toDay: "2026-11-15", prevFromDay: "2026-11-02", prevToDay: "2026-11-08", label: "9 Nov 2026 – 15 Nov 2026",
    });
    expect(reportPeriod("monthly", now)).toEqual({
      kind: "monthly", key: "month-2026-10", fromDay: "2026-10-01", toDay: "2026-10-31", prevFromDay: "2026-09-01", prevToDay: "2026-09-30", label: "October 2026",
    });
    const ranges = periodRanges(reportPeriod("weekly", now), "UTC");
    expect(iso(ranges.current)).toEqual(["2026-11-09T00:00:00.000Z", "2026-11-16T00:00:00.000Z"]);
    expect(iso(ranges.previous)).toEqual(["2026-11-02T00:00:00.000Z", "2026-11-09T00:00:00.000Z"]);
  });

  it("rolls a January report back to December, compared with November", () => {
    expect(reportPeriod("monthly", new Date("2027-01-05T12:00:00Z"))).toMatchObject({ key: "month-2026-12", fromDay: "2026-12-01", toDay: "2026-12-31", prevFromDay: "2026-11-01", prevToDay: "2026-11-30" });
    // Monday 4 Jan 2027: last week spans the new year.
    expect(reportPeriod("weekly", new Date("2027-01-04T12:00:00Z"))).toMatchObject({ key: "week-2026-12-28", toDay: "2027-01-03", label: "28 Dec 2026 – 3 Jan 2027" });
  });

  it("ends a week at the site's local Sunday midnight, not UTC's", () => {
    // Auckland's Monday 16 Nov begins at 11:00 UTC on Sunday the 15th.
    expect(reportPeriod("weekly", new Date("2026-11-15T10:59:00Z"), NZ).key).toBe("week-2026-11-02");
    expect(reportPeriod("weekly", new Date("2026-11-15T11:00:00Z"), NZ).key).toBe("week-2026-11-09");
    // Los Angeles' begins at 08:00 UTC on Monday the 16th, hours after UTC's.
    expect(reportPeriod("weekly", new Date("2026-11-16T00:00:00Z"), LA).key).toBe("week-2026-11-02");
    expect(reportPeriod("weekly", new Date("2026-11-16T07:59:00Z"), LA).key).toBe("week-2026-11-02");
    expect(reportPeriod("weekly", new Date("2026-11-16T08:00:00Z"), LA).key).toBe("week-2026-11-09");

    const week = periodStarting("weekly", "2026-11-09");
    expect(iso(periodRanges(week, NZ).current)).toEqual(["2026-11-08T11:00:00.000Z", "2026-11-15T11:00:00.000Z"]);
    expect(iso(periodRanges(week, NZ).previous)).toEqual(["2026-11-01T11:00:00.000Z", "2026-11-08T11:00:00.000Z"]);
    expect(iso(periodRanges(week, LA).current)).toEqual(["2026-11-09T08:00:00.000Z", "2026-11-16T08:00:00.000Z"]);
    expect(iso(periodRanges(week, LA).previous)).toEqual(["2026-11-02T08:00:00.000Z", "2026-11-09T08:00:00.000Z"]);
  });

  it("gives a week with a DST change its 167 or 169 hours", () => {
    // Los Angeles falls back on Sunday 1 Nov: Monday 26 Oct 00:00 PDT to Monday 2 Nov 00:00 PST.
    const fallBack = periodRanges(periodStarting("weekly", "2026-10-26"), LA);
    expect(iso(fallBack.current)).toEqual(["2026-10-26T07:00:00.000Z", "2026-11-02T08:00:00.000Z"]);
    expect(hours(fallBack.current)).toBe(169);
    expect(iso(fallBack.previous)).toEqual(["2026-10-19T07:00:00.000Z", "2026-10-26T07:00:00.000Z"]);
    // Auckland springs forward on Sunday 27 Sep: Monday 21 Sep 00:00 NZST to Monday 28 Sep 00:00 NZDT.
    const springForward = periodRanges(periodStarting("weekly", "2026-09-21"), NZ);
    expect(iso(springForward.current)).toEqual(["2026-09-20T12:00:00.000Z", "2026-09-27T11:00:00.000Z"]);
    expect(hours(springForward.current)).toBe(167);
    // The week after a change is due at the new offset's midnight.
    expect(reportPeriod("weekly", new Date("2026-11-02T07:59:00Z"), LA).key).toBe("week-2026-10-19");
    expect(reportPeriod("weekly", new Date("2026-11-02T08:00:00Z"), LA).key).toBe("week-2026-10-26");
  });

  it("ends a month at the site's local midnight, the previous month at its own length", () => {
    expect(reportPeriod("monthly", new Date("2026-10-31T10:59:00Z"), NZ).key).toBe("month-2026-09");
    expect(reportPeriod("monthly", new Date("2026-10-31T11:00:00Z"), NZ).key).toBe("month-2026-10");
    const october = periodRanges(periodStarting("monthly", "2026-10-01"), NZ);
    expect(iso(october.current)).toEqual(["2026-09-30T11:00:00.000Z", "2026-10-31T11:00:00.000Z"]);
    // September began at NZST (+12) and ended at NZDT (+13): an hour short of 30 days.
    expect(iso(october.previous)).toEqual(["2026-08-31T12:00:00.000Z", "2026-09-30T11:00:00.000Z"]);
    expect(iso(periodRanges(periodStarting("monthly", "2026-11-01"), LA).current)).toEqual(["2026-11-01T07:00:00.000Z", "2026-12-01T08:00:00.000Z"]);
  });

  it("is due for sites in several zones once the week has ended in all of them", () => {
    expect(duePeriod("weekly", new Date("2026-11-15T12:00:00Z"), [NZ, LA]).key).toBe("week-2026-11-02");
    expect(duePeriod("weekly", new Date("2026-11-15T12:00:00Z"), [NZ]).key).toBe("week-2026-11-09");
    expect(duePeriod("weekly", new Date("2026-11-16T08:00:00Z"), [LA, NZ]).key).toBe("week-2026-11-09");
    expect(duePeriod("weekly", new Date("2026-11-16T00:30:00Z"), []).key).toBe("week-2026-11-09"); // no site: UTC
  });
});

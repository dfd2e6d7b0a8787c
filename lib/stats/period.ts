import { ApiError } from "@/lib/http/errors";
import { FIRST_DAY, zonedMidnight, zoneOffset } from "./date-range";
import { dayKeyFormatter } from "./day-key";

export const PERIODS = ["today", "yesterday", "24h", "7d", "30d", "mtd", "last_month", "12mo", "all"] as const;
export type Period = (typeof PERIODS)[number] | "custom";
export const INTERVALS = ["hour", "day", "week", "month"] as const;
export type TimeInterval = (typeof INTERVALS)[number];

/** A half-open UTC interval [start, end); `fromDay`/`toDay` are its local days (inclusive) when it is made of whole days. */
export type Range = { start: Date; end: Date; fromDay?: string; toDay?: string };

export type ResolvedPeriod = { period: Period; range: Range; previous: Range | null; interval: TimeInterval };

const HOUR = 3_600_000;

/** "YYYY-MM-DD" shifted by whole calendar days (UTC arithmetic on a date has no DST). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
export function addMonths(day: string, n: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function dayRange(fromDay: string, toDay: string, timeZone: string): Range {
  return { start: zonedMidnight(fromDay, timeZone), end: zonedMidnight(addDays(toDay, 1), timeZone), fromDay, toDay };
}

/** The start of the local hour containing `at`: zones at +5:30 start their hours at :30 UTC. */
export function hourStart(at: Date, timeZone: string): Date {
  const local = at.getTime() + zoneOffset(at.getTime(), timeZone);
  return new Date(at.getTime() - (((local % HOUR) + HOUR) % HOUR));
}

/** The interval a chart of this many days reads best at. */
export function defaultInterval(range: Range): TimeInterval {
  const days = (range.end.getTime() - range.start.getTime()) / 86_400_000;
  return days <= 2 ? "hour" : days <= 92 ? "day" : "month";
}

export type PeriodInput = { period?: Period; from?: string; to?: string; interval?: TimeInterval };

/**
 * Turns a period (or custom from/to days) into UTC instants in the website's
 * time zone, with the previous period of equal length for comparison: the same
 * number of local days just before (24 hours for `24h`; none for `all`).
 * `earliest` is the local day of the site's first data, needed only for `all`.
 */
export function resolvePeriod(input: PeriodInput, timeZone: string, now: Date, earliest?: string | null): ResolvedPeriod {
  const today = dayKeyFormatter(timeZone)(now);
  const period: Period = input.from || input.to ? "custom" : (input.period ?? "30d");
  let range: Range;
  let previous: Range | null;
  if (period === "24h") {
    const end = new Date(hourStart(now, timeZone).getTime() + HOUR);
    range = { start: new Date(end.getTime() - 24 * HOUR), end };
    previous = { start: new Date(end.getTime() - 48 * HOUR), end: range.start };
  } else {
    const [fromDay, toDay] = daysOf(period, input, today, earliest);
    if (fromDay > toDay) throw new ApiError(400, "invalid_input", "from: must not be after `to` (today when `to` is not given)");
    const n = daysBetween(fromDay, toDay) + 1;
    const previousFrom = addDays(fromDay, -n);
    // The schemas bound each day; the comparison period reaches n days further back.
    if (period !== "all" && previousFrom < FIRST_DAY) {
      throw new ApiError(400, "invalid_input", `from: the comparison period (the ${n} days before) would start on ${previousFrom}, before ${FIRST_DAY}; pick a later \`from\` or a shorter range`);
    }
    range = dayRange(fromDay, toDay, timeZone);
    previous = period === "all" ? null : dayRange(previousFrom, addDays(fromDay, -1), timeZone);
  }
  return { period, range, previous, interval: input.interval ?? defaultInterval(range) };
}

function daysOf(period: Exclude<Period, "24h">, input: PeriodInput, today: string, earliest?: string | null): [string, string] {
  switch (period) {
    case "today": return [today, today];
    case "yesterday": return [addDays(today, -1), addDays(today, -1)];
    case "7d": return [addDays(today, -6), today];
    case "30d": return [addDays(today, -29), today];
    case "mtd": return [`${today.slice(0, 7)}-01`, today];
    case "last_month": {
      const first = addMonths(today, -1);
      return [first, addDays(`${today.slice(0, 7)}-01`, -1)];
    }
    case "12mo": return [addMonths(today, -11), today];
    case "all": return [earliest && earliest < today ? earliest : today, today];
    case "custom": return [input.from ?? input.to!, input.to ?? today];
  }
}

/**
 * `from` / `to` of the public API: a calendar day ("2026-03-01", inclusive, in
 * the website's time zone, as the stats endpoints read it) or an exact ISO
 * instant. Resolved to a half-open UTC interval [start, end).
 */
export type DateBound = { day: string } | { instant: Date };
export type Interval = { start?: Date; end?: Date };

/**
 * The days a range may cover, comparison period included: from the Unix epoch
 * to the end of 2099. Every day between has a four-digit year (the day
 * arithmetic and keys rely on it) and both ends fit 32-bit second timestamps;
 * no analytics data lies outside. Inputs past them are refused with a 400.
 */
export const FIRST_DAY = "1970-01-01";
export const LAST_DAY = "2099-12-31";
export const DAY_BOUNDS_MESSAGE = `must be between ${FIRST_DAY} and ${LAST_DAY}`;
export const dayInBounds = (day: string) => day >= FIRST_DAY && day <= LAST_DAY;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// Building an Intl.DateTimeFormat costs ~0.1 ms, more than formatting with
// it; a chart of 720 hours asked for offsets that many times per call.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Milliseconds the zone is ahead of UTC at `at`. */
export function zoneOffset(at: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - Math.floor(at / 1000) * 1000;
}

/** The UTC instant of midnight starting `day` in `timeZone`. */
export function zonedMidnight(day: string, timeZone: string): Date {
  const m = DAY.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Offsets differ across a DST change; a second pass settles on the right one.
  const first = naive - zoneOffset(naive, timeZone);
  return new Date(naive - zoneOffset(first, timeZone));
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function toInterval(from: DateBound | undefined, to: DateBound | undefined, timeZone: string): Interval {
  const start = from && ("day" in from ? zonedMidnight(from.day, timeZone) : from.instant);
  // A day is inclusive: the interval ends where the next day begins.
  const end = to && ("day" in to ? zonedMidnight(nextDay(to.day), timeZone) : to.instant);
  return { start, end };
}

/** A Mongo range filter on `field` for the interval, or nothing when it is unbounded. */
export function rangeFilter(field: string, { start, end }: Interval): Record<string, unknown> {
  if (!start && !end) return {};
  return { [field]: { ...(start && { $gte: start }), ...(end && { $lt: end }) } };
}

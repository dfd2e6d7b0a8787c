import { zonedMidnight, zoneOffset } from "./date-range";
import { dayKeyFormatter } from "./day-key";
import { addDays, addMonths, hourStart, type Range, type TimeInterval } from "./period";

const HOUR = 3_600_000;

/** An instant as local ISO 8601 with the zone's offset then, e.g. "2026-03-29T03:00:00+02:00". */
export function localIso(at: Date, timeZone: string): string {
  const offset = zoneOffset(at.getTime(), timeZone);
  const local = new Date(at.getTime() + offset).toISOString().slice(0, 19);
  const abs = Math.abs(offset) / 60_000;
  const sign = offset < 0 ? "-" : "+";
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Monday of the ISO week of `day`. */
function weekStart(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

/**
 * The start instants of every bucket that overlaps the range, oldest first.
 * Hours step by real hours (a spring-forward day has 23, a fall-back day 25);
 * days, weeks (Monday) and months start at local midnight, found per bucket so
 * a DST change inside a bucket cannot shift the next one. The first bucket may
 * start before the range (a week that began earlier); it still counts only
 * what happened inside the range.
 */
export function bucketStarts(range: Range, interval: TimeInterval, timeZone: string): Date[] {
  const out: Date[] = [];
  if (interval === "hour") {
    for (let t = hourStart(range.start, timeZone).getTime(); t < range.end.getTime(); t += HOUR) out.push(new Date(t));
    return out;
  }
  const first = dayKeyFormatter(timeZone)(range.start);
  let day = interval === "day" ? first : interval === "week" ? weekStart(first) : `${first.slice(0, 7)}-01`;
  for (;;) {
    const start = zonedMidnight(day, timeZone);
    if (start >= range.end) return out;
    out.push(start);
    day = interval === "day" ? addDays(day, 1) : interval === "week" ? addDays(day, 7) : addMonths(day, 1);
  }
}

/** How many buckets the range has, without building them (to refuse absurd requests). */
export function bucketCount(range: Range, interval: TimeInterval): number {
  const ms = range.end.getTime() - range.start.getTime();
  const unit = { hour: HOUR, day: 86_400_000, week: 7 * 86_400_000, month: 28 * 86_400_000 }[interval];
  return Math.ceil(ms / unit) + 1;
}

/** The index of the bucket holding `at` (a Date or epoch ms; starts sorted ascending), or -1 before the first. */
export function bucketIndex(starts: Date[], at: Date | number): number {
  return bucketAt(Float64Array.from(starts, (s) => s.getTime()), typeof at === "number" ? at : at.getTime());
}

/** bucketIndex() over the starts as epoch ms, for many lookups against one set of buckets. */
export function bucketAt(starts: Float64Array, t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The engine expression that names an instant's bucket, and the same name
 * for a bucket start in JavaScript, so rows grouped by the engine land on the
 * buckets bucketStarts() lists: hours by their start instant (zones at +5:30
 * start them at :30), days, weeks and months by their first local day.
 */
export function bucketKeySql(column: string, interval: TimeInterval, timeZone: string, tz: (zone: string) => string): string {
  if (interval === "hour") return `toString(toUnixTimestamp(toStartOfHour(${column}, ${tz(timeZone)})))`;
  if (interval === "day") return `toString(toDate(${column}, ${tz(timeZone)}))`;
  if (interval === "week") return `toString(toMonday(${column}, ${tz(timeZone)}))`;
  return `toString(toStartOfMonth(${column}, ${tz(timeZone)}))`;
}

export function bucketKeyOf(start: Date, interval: TimeInterval, timeZone: string): string {
  return interval === "hour" ? String(Math.floor(start.getTime() / 1000)) : dayKeyFormatter(timeZone)(start);
}

import { dayKeyFormatter } from "@/lib/stats/day-key";
import { addDays, addMonths, dayRange, type Range } from "@/lib/stats/period";

export type ReportKind = "weekly" | "monthly";

/**
 * A report period as local calendar days ("YYYY-MM-DD", inclusive), with the
 * period before it for the change figures. Days, not instants: one report
 * covers several sites, and each site reads the same week in its own time
 * zone (`periodRanges`). `key` names the period, so each is mailed once.
 */
export type ReportPeriod = { kind: ReportKind; key: string; fromDay: string; toDay: string; prevFromDay: string; prevToDay: string; label: string };

// Day keys are formatted as UTC dates: a key has no zone, and UTC never shifts it.
const fmt = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** Monday of the week holding `day` (weeks run Monday to Sunday). */
const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/** The weekly or monthly period that starts on `fromDay`. */
export function periodStarting(kind: ReportKind, fromDay: string): ReportPeriod {
  if (kind === "weekly") {
    const toDay = addDays(fromDay, 6);
    return { kind, key: `week-${fromDay}`, fromDay, toDay, prevFromDay: addDays(fromDay, -7), prevToDay: addDays(fromDay, -1), label: `${fmt(fromDay)} – ${fmt(toDay)}` };
  }
  const label = new Date(`${fromDay}T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  return { kind, key: `month-${fromDay.slice(0, 7)}`, fromDay, toDay: addDays(addMonths(fromDay, 1), -1), prevFromDay: addMonths(fromDay, -1), prevToDay: addDays(fromDay, -1), label };
}

/**
 * The last period complete before `now` in `timeZone`: the previous Monday to
 * Sunday, or the previous calendar month, of the site's own calendar.
 */
export function reportPeriod(kind: ReportKind, now = new Date(), timeZone = "UTC"): ReportPeriod {
  const today = dayKeyFormatter(timeZone)(now);
  return periodStarting(kind, kind === "weekly" ? addDays(mondayOf(today), -7) : addMonths(today, -1));
}

/**
 * The period due in one mail over sites in several zones: the last one that is
 * complete in all of them. Zones west of the others end it last, so a mail
 * never holds a site whose week is still running; with no site, UTC's.
 */
export function duePeriod(kind: ReportKind, now: Date, timeZones: string[]): ReportPeriod {
  const periods = (timeZones.length ? timeZones : ["UTC"]).map((tz) => reportPeriod(kind, now, tz));
  return periods.reduce((a, b) => (b.fromDay < a.fromDay ? b : a));
}

/** The period and the one before it as UTC instants in `timeZone`; a DST change makes them an hour shorter or longer. */
export function periodRanges(period: ReportPeriod, timeZone: string): { current: Range; previous: Range } {
  return { current: dayRange(period.fromDay, period.toDay, timeZone), previous: dayRange(period.prevFromDay, period.prevToDay, timeZone) };
}

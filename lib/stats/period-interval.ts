import { toInterval, type Interval } from "./date-range";
import { lastDayKeys } from "./day-key";

/** The last `days` whole days in the site's time zone, today included, as the pages' date range. */
export function periodInterval(days: number, timeZone: string, now = new Date()): Interval & { from: string; to: string } {
  const keys = lastDayKeys(days, timeZone, now);
  const from = keys[0];
  const to = keys[keys.length - 1];
  return { ...toInterval({ day: from }, { day: to }, timeZone), from, to };
}

export type ReportKind = "weekly" | "monthly";
export type ReportPeriod = { kind: ReportKind; key: string; start: Date; end: Date; prevStart: Date; prevEnd: Date; label: string };

const DAY = 86_400_000;
const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const fmt = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/**
 * The last complete period before `now`, in UTC: Monday to Sunday for weekly
 * reports, the calendar month for monthly ones, with the one before it for
 * the comparison. `key` names it, so each period is mailed once.
 */
export function reportPeriod(kind: ReportKind, now = new Date()): ReportPeriod {
  if (kind === "weekly") {
    const today = utcDay(now);
    const end = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY); // this week's Monday
    const start = new Date(end.getTime() - 7 * DAY);
    return { kind, key: `week-${start.toISOString().slice(0, 10)}`, start, end, prevStart: new Date(start.getTime() - 7 * DAY), prevEnd: start, label: `${fmt(start)} – ${fmt(new Date(end.getTime() - DAY))}` };
  }
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
  const prevStart = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 1));
  return {
    kind,
    key: `month-${start.toISOString().slice(0, 7)}`,
    start,
    end,
    prevStart,
    prevEnd: start,
    label: start.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }),
  };
}

import type { DashInterval } from "./query";

// The main chart's pure transform: the timeseries, its previous period and the
// X mentions / GitHub commits of the range become one row per bucket, each
// marker in the bucket that contains it. Bucket times arrive as local ISO with
// the site's offset ("2026-03-29T03:00:00+02:00"); labels read the local wall
// time straight off that string, so the viewer's own time zone never shifts a day.

export type Point = { time: string; visitors: number; pageviews: number; revenue: number };
export type SeriesInput = { interval: DashInterval; points: Point[]; previous: Point[] | null; range: { current: { start: string; end: string } } };
/** visitors and revenue: what a mention brought (commits have none). */
export type Marker = { kind: "mention" | "commit"; id: string; time: string; text: string; author: string; url?: string; visitors?: number; revenue?: number };
export type MarkersInput = {
  mentions: { id: string; time: string; text: string; author: string; url?: string; visitors?: number; revenue?: number }[];
  commits: { id: string; time: string; message: string; author: string; url?: string }[];
};

export type ChartRow = {
  time: string;
  label: string;
  /** null: the bucket is older than the data the site keeps (retention), so its visitors are unknown, not zero. */
  visitors: number | null;
  pageviews: number | null;
  revenue: number;
  previousVisitors: number | null;
  previousRevenue: number | null;
  previousLabel: string | null;
  markers: Marker[];
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The wall-clock parts written in a local ISO string, ignoring its offset. */
function wall(iso: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return null;
  const [y, mo, d, h = "00", mi = "00"] = m.slice(1);
  const weekday = new Date(Date.UTC(+y, +mo - 1, +d)).getUTCDay();
  return { y: +y, month: MONTHS[+mo - 1], d: +d, hm: `${h}:${mi}`, weekday: WEEKDAYS[weekday] };
}

/** The short axis label of a bucket. */
export function bucketLabel(iso: string, interval: DashInterval): string {
  const w = wall(iso);
  if (!w) return iso;
  if (interval === "hour") return w.hm;
  if (interval === "month") return `${w.month} ${w.y}`;
  return `${w.month} ${w.d}`;
}

/** The long label of a bucket, for the tooltip. */
export function bucketTitle(iso: string, interval: DashInterval): string {
  const w = wall(iso);
  if (!w) return iso;
  if (interval === "hour") return `${w.weekday}, ${w.month} ${w.d}, ${w.hm}`;
  if (interval === "week") return `Week of ${w.month} ${w.d}, ${w.y}`;
  if (interval === "month") return `${w.month} ${w.y}`;
  return `${w.weekday}, ${w.month} ${w.d}, ${w.y}`;
}

export function toMarkers(input: MarkersInput): Marker[] {
  return [
    ...input.mentions.map((m) => ({ kind: "mention" as const, id: m.id, time: m.time, text: m.text, author: m.author, url: m.url, visitors: m.visitors, revenue: m.revenue })),
    ...input.commits.map((c) => ({ kind: "commit" as const, id: c.id, time: c.time, text: c.message, author: c.author, url: c.url })),
  ].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

/** Index of the bucket holding instant `t`: the last start <= t, or -1 outside [first start, end). */
export function bucketIndex(starts: number[], end: number, t: number): number {
  if (!starts.length || t < starts[0] || t >= end) return -1;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * One row per current bucket. The previous period lines up by position (its
 * nth bucket beside ours), which is what "compared with the period before"
 * means even when the two months differ in length; a missing one is null.
 */
export function buildChartRows(series: SeriesInput, markers: Marker[], heldFrom?: string | null): ChartRow[] {
  const starts = series.points.map((p) => Date.parse(p.time));
  const end = Date.parse(series.range.current.end);
  // Visitor-level data before `heldFrom` was deleted by retention: buckets that end by then have no visitor counts
  // (revenue is kept). A bucket ends where the next begins; the previous period ends where the current one starts.
  const held = heldFrom ? Date.parse(heldFrom) : -Infinity;
  const gone = (bucketEnd: number) => bucketEnd <= held;
  const prevEnd = (i: number) => Date.parse(series.previous?.[i + 1]?.time ?? series.range.current.start);
  const rows: ChartRow[] = series.points.map((p, i) => {
    const prev = series.previous?.[i];
    const lost = gone(starts[i + 1] ?? end);
    return {
      time: p.time,
      label: bucketLabel(p.time, series.interval),
      visitors: lost ? null : p.visitors,
      pageviews: lost ? null : p.pageviews,
      revenue: p.revenue,
      previousVisitors: prev && !gone(prevEnd(i)) ? prev.visitors : null,
      previousRevenue: prev ? prev.revenue : null,
      previousLabel: prev ? bucketTitle(prev.time, series.interval) : null,
      markers: [],
    };
  });
  for (const m of markers) {
    const i = bucketIndex(starts, end, Date.parse(m.time));
    if (i >= 0) rows[i].markers.push(m);
  }
  return rows;
}

/**
 * The intervals worth offering for a range: hours only up to a week (168
 * points), weeks from two weeks, months from two months; days always, as long
 * as the range is over a day.
 */
export function allowedIntervals(range: { start: string; end: string }): DashInterval[] {
  const hours = (Date.parse(range.end) - Date.parse(range.start)) / 3_600_000;
  const out: DashInterval[] = [];
  if (hours <= 24 * 7 + 1) out.push("hour");
  if (hours > 25) out.push("day");
  if (hours >= 24 * 14) out.push("week");
  if (hours >= 24 * 59) out.push("month");
  return out;
}

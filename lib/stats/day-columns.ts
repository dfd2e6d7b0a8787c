import { blockDays, type BlockDay } from "@/lib/blocks/read-visits";
import { WeightedLru } from "@/lib/blocks/weighted-lru";
import { Shared } from "./shared";
import { bounced, buildColumns, columnsFromPacked, concatRange, durationOf, type Columns } from "./columns";
import { appendDay } from "./append-day";
import { groupByVisitor, type GroupedColumns } from "./group-visits";
import { siteDict } from "./interner";

// A day's columns are built once per set of parts (parts never change) and
// kept, least recently used dropped first, up to this many visits (~110 bytes each).
const days = new WeightedLru<Columns>(Number(process.env.TRAILMARK_COLUMN_CACHE_VISITS ?? 3_000_000), (c) => c.n);

async function dayColumns(websiteId: string, day: BlockDay): Promise<Columns | null> {
  const hit = days.get(day.key);
  if (hit) return hit;
  const dict = siteDict(websiteId);
  const packed = day.packed ? await day.packed() : null;
  let cols = packed ? columnsFromPacked(packed, dict) : null;
  if (!cols) {
    if (day.packed && !packed) return null; // folded away since the index was read
    const records = await day.load();
    if (!records) return null;
    cols = buildColumns(records.map((record) => ({ record, duration: durationOf(record.lastSeenAt - record.startedAt), bounce: bounced(record.pageviews) })), dict);
  }
  days.set(day.key, cols);
  return cols;
}

// A range's columns cut from its days and grouped by visitor, shared by its selections (lib/stats/select.ts).
const ranges = new Shared<GroupedColumns>(Number(process.env.TRAILMARK_RANGE_CACHE_VISITS ?? 1_000_000), (c) => c.n);

/** The key of a range's visits: the range and the parts of every day it touches. */
export const rangeKey = (days: BlockDay[], start: Date, end: Date) => `${start.getTime()}:${end.getTime()}:${days.map((d) => d.key).join("|")}`;

/** Every visit of these days that started in [start, end), as columns grouped by visitor; null when a part was folded away since the days were listed. */
export function blockColumns(websiteId: string, days: BlockDay[], start: Date, end: Date): Promise<GroupedColumns | null> {
  // The website too: two sites with no parts in a range have the same day list.
  return ranges.get(`${websiteId}:${rangeKey(days, start, end)}`, async () => {
    const cut = async (some: BlockDay[]) => {
      const cols = await Promise.all(some.map((d) => dayColumns(websiteId, d)));
      if (!cols.every((c) => c)) return null;
      return groupByVisitor(concatRange(cols as Columns[], start.getTime(), end.getTime()), siteDict(websiteId).visitors.size);
    };
    if (days.length < 2) return cut(days);
    // Ingest keeps writing to the last day (today): the days before it are grouped once and kept, and the last day's visits added to them.
    const before = days.slice(0, -1);
    const [settled, last] = await Promise.all([ranges.get(`${websiteId}:${rangeKey(before, start, end)}:settled`, () => cut(before)), cut(days.slice(-1))]);
    return settled && last && appendDay(settled, last, siteDict(websiteId).visitors.size);
  });
}

import { blockDays, type BlockDay } from "@/lib/blocks/read-visits";
import { WeightedLru } from "@/lib/blocks/weighted-lru";
import { buildColumns, columnsFromPacked, concatRange, type Columns } from "./columns";
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
    // Duration and bounce as ingest sets them on the Session document (lib/ingest/sessionize.ts).
    cols = buildColumns(records.map((record) => ({ record, duration: Math.round((record.lastSeenAt - record.startedAt) / 1000), bounce: record.pageviews <= 1 })), dict);
  }
  days.set(day.key, cols);
  return cols;
}

/** Every visit that started in [start, end), from the website's visit blocks, as columns. */
export async function blockColumns(websiteId: string, start: Date, end: Date): Promise<Columns> {
  // A compaction may fold parts between reading the index and the parts: read the index again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const cols = await Promise.all((await blockDays(websiteId, start, end)).map((d) => dayColumns(websiteId, d)));
    if (cols.every((c) => c)) return concatRange(cols as Columns[], start.getTime(), end.getTime());
  }
  throw new Error("visit blocks kept changing while being read");
}

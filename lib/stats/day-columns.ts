import { blockDays } from "@/lib/blocks/read-visits";
import { WeightedLru } from "@/lib/blocks/weighted-lru";
import { buildColumns, concatRange, type Columns } from "./columns";
import { siteDict } from "./interner";

// A day's columns are built once per set of parts (parts never change) and
// kept, least recently used dropped first, up to this many visits (~110 bytes each).
const days = new WeightedLru<Columns>(Number(process.env.TRAILMARK_COLUMN_CACHE_VISITS ?? 3_000_000), (c) => c.n);

async function dayColumns(websiteId: string, key: string, load: () => Promise<Parameters<typeof buildColumns>[0] | null>): Promise<Columns | null> {
  const hit = days.get(key);
  if (hit) return hit;
  const visits = await load();
  if (!visits) return null;
  const cols = buildColumns(visits, siteDict(websiteId));
  days.set(key, cols);
  return cols;
}

/** Every visit that started in [start, end), from the website's visit blocks, as columns. */
export async function blockColumns(websiteId: string, start: Date, end: Date): Promise<Columns> {
  // A compaction may fold parts between reading the index and the parts: read the index again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const list = await blockDays(websiteId, start, end);
    const cols = await Promise.all(
      list.map((d) =>
        dayColumns(websiteId, d.key, async () =>
          // Duration and bounce as ingest sets them on the Session document (lib/ingest/sessionize.ts).
          (await d.load())?.map((record) => ({ record, duration: Math.round((record.lastSeenAt - record.startedAt) / 1000), bounce: record.pageviews <= 1 })) ?? null,
        ),
      ),
    );
    if (cols.every((c) => c)) return concatRange(cols as Columns[], start.getTime(), end.getTime());
  }
  throw new Error("visit blocks kept changing while being read");
}

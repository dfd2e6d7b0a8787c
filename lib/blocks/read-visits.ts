import { BlockIndex } from "@/models/BlockIndex";
import { BlockPart } from "@/models/BlockPart";
import { decodeRecords } from "./codec";
import { monthOf, utcDays, visitIndexId, visitPartId } from "./keys";
import { cachedPart, cachePart } from "./part-cache";
import { mergeRecords, settleGoals, type VisitRecord } from "./record";

type MonthIndex = { parts?: Record<string, Record<string, number>> };

const bytes = (data: unknown): Uint8Array => (data instanceof Uint8Array ? data : (data as { buffer: Uint8Array }).buffer);

async function loadPart(websiteId: string, day: string, part: string): Promise<VisitRecord[] | null> {
  const id = visitPartId(websiteId, day, part);
  const hit = cachedPart(id);
  if (hit) return hit;
  const doc = await BlockPart.collection.findOne({ _id: id as never }, { projection: { data: 1 } });
  if (!doc) return null;
  const records = decodeRecords(bytes(doc.data));
  cachePart(id, records);
  return records;
}

async function readOnce(websiteId: string, start: Date, end: Date): Promise<VisitRecord[] | null> {
  const days = utcDays(start, end);
  const months = [...new Set(days.map(monthOf))];
  const indexes = new Map(
    await Promise.all(months.map(async (m) => [m, await BlockIndex.collection.findOne({ _id: visitIndexId(websiteId, m) as never }, { projection: { parts: 1 } }) as MonthIndex | null] as const)),
  );
  const perDay = await Promise.all(
    days.map(async (day) => {
      const ids = Object.keys(indexes.get(monthOf(day))?.parts?.[day] ?? {});
      const parts = await Promise.all(ids.map((id) => loadPart(websiteId, day, id)));
      if (parts.some((p) => !p)) return null; // folded away since the index was read
      return parts.length === 1 ? parts[0]! : mergeRecords(parts as VisitRecord[][]);
    }),
  );
  if (perDay.some((d) => !d)) return null;
  const t0 = start.getTime();
  const t1 = end.getTime();
  const out: VisitRecord[] = [];
  for (const day of perDay) for (const r of day!) if (!r.extra && r.startedAt >= t0 && r.startedAt < t1) out.push(settleGoals(r));
  return out;
}

/** Every visit that started in [start, end), from the website's visit blocks. */
export async function blockVisits(websiteId: string, start: Date, end: Date): Promise<VisitRecord[]> {
  // A compaction may fold parts between reading the index and the parts: read the index again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const visits = await readOnce(websiteId, start, end);
    if (visits) return visits;
  }
  throw new Error("visit blocks kept changing while being read");
}

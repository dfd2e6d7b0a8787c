import { readPartData, readPartsIndex } from "./block-reads";
import { decodePacked, decodeRecords, type Packed } from "./codec";
import { monthOf, utcDays, visitIndexId, visitPartId } from "./keys";
import { cachedPart, cachePart } from "./part-cache";
import { mergeRecords, settleGoals, type VisitRecord } from "./record";

type MonthIndex = { parts?: Record<string, Record<string, number>> };

async function loadPart(websiteId: string, day: string, part: string): Promise<VisitRecord[] | null> {
  const id = visitPartId(websiteId, day, part);
  const hit = cachedPart(id);
  if (hit) return hit;
  const data = await readPartData(id);
  if (!data) return null;
  const records = decodeRecords(data);
  cachePart(id, records);
  return records;
}

/**
 * One UTC day of a website's visits, named by the parts it is made of: a new
 * or folded part gives it a new key. `packed`: a day that is one part (every
 * past day once folded) as stored, for readers that skip building records.
 */
export type BlockDay = { day: string; key: string; load: () => Promise<VisitRecord[] | null>; packed: (() => Promise<Packed | null>) | null };

/** A part as stored, not kept in the part cache (its reader keeps what it builds). */
async function loadPacked(websiteId: string, day: string, part: string): Promise<Packed | null> {
  const data = await readPartData(visitPartId(websiteId, day, part));
  return data && decodePacked(data);
}

/**
 * Every visit a day's parts hold, whole (parts merged, taken-back goals
 * settled; goals reported for a visit the day does not hold are left out),
 * or null when a part was folded away since the index was read.
 */
async function loadDay(websiteId: string, day: string, ids: string[]): Promise<VisitRecord[] | null> {
  const parts = await Promise.all(ids.map((id) => loadPart(websiteId, day, id)));
  if (parts.some((p) => !p)) return null;
  const merged = parts.length === 1 ? parts[0]! : mergeRecords(parts as VisitRecord[][]);
  const out: VisitRecord[] = [];
  for (const r of merged) if (!r.extra) out.push(settleGoals(r));
  return out;
}

/** The days with visits that [start, end) touches (whole days: callers cut the edges). */
export async function blockDays(websiteId: string, start: Date, end: Date): Promise<BlockDay[]> {
  const days = utcDays(start, end);
  const months = [...new Set(days.map(monthOf))];
  const indexes = new Map(
    await Promise.all(months.map(async (m) => [m, (await readPartsIndex(visitIndexId(websiteId, m))) as MonthIndex | null] as const)),
  );
  const out: BlockDay[] = [];
  for (const day of days) {
    const ids = Object.keys(indexes.get(monthOf(day))?.parts?.[day] ?? {}).sort();
    if (!ids.length) continue;
    out.push({ day, key: `${websiteId}:${day}:${ids.join(",")}`, load: () => loadDay(websiteId, day, ids), packed: ids.length === 1 ? () => loadPacked(websiteId, day, ids[0]) : null });
  }
  return out;
}

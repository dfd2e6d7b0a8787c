import type { VisitRecord } from "./record";
import { WeightedLru } from "./weighted-lru";

// Parts never change once written (compaction writes a new one), so decoded
// parts are kept by id. The stats keep each day's columns (lib/stats/day-columns.ts),
// so this only needs to hold the parts of days still being written.
const parts = new WeightedLru<VisitRecord[]>(Number(process.env.TRAILMARK_BLOCK_CACHE_VISITS ?? 500_000), (rows) => rows.length);

export const cachedPart = (id: string): VisitRecord[] | undefined => parts.get(id);
export const cachePart = (id: string, records: VisitRecord[]): void => parts.set(id, records);

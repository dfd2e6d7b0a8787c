import type { VisitRecord } from "./record";

// Parts never change once written (compaction writes a new one), so decoded
// parts are kept by id, least recently used dropped first.
const MAX_VISITS = Number(process.env.TRAILMARK_BLOCK_CACHE_VISITS ?? 2_000_000);
const parts = new Map<string, VisitRecord[]>();
let held = 0;

export function cachedPart(id: string): VisitRecord[] | undefined {
  const hit = parts.get(id);
  if (hit) {
    parts.delete(id);
    parts.set(id, hit);
  }
  return hit;
}

export function cachePart(id: string, records: VisitRecord[]): void {
  if (parts.has(id)) return;
  parts.set(id, records);
  held += records.length;
  for (const [oldest, rows] of parts) {
    if (held <= MAX_VISITS || oldest === id) break;
    parts.delete(oldest);
    held -= rows.length;
  }
}

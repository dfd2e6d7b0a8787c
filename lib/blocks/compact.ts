import { Types } from "mongoose";
import { BlockIndex } from "@/models/BlockIndex";
import { BlockPart } from "@/models/BlockPart";
import { readPartData } from "./block-reads";
import { decodeRecords, encodeRecords } from "./codec";
import { monthOf, visitIndexId, visitPartId } from "./keys";
import { mergeRecords } from "./record";

// Parts a day may collect before they are folded into one. Each read of the
// day fetches every part it has not cached, so few parts keep reads cheap;
// each fold rewrites the whole day, so not too often under load.
const COMPACT_AT = Number(process.env.TRAILMARK_COMPACT_AT ?? 12);
// Readers that listed the old parts a moment ago may still fetch them.
const DELETE_AFTER_MS = 30_000;

const written = new Map<string, number>();
const running = new Map<string, Promise<void>>();

/** Counts a new part of the day and folds the day's parts once enough have piled up. */
export function compactSoon(websiteId: string, day: string): void {
  const key = `${websiteId}:${day}`;
  const n = (written.get(key) ?? 0) + 1;
  written.set(key, n);
  if (n < COMPACT_AT || running.has(key)) return;
  written.delete(key);
  const run = compactDay(websiteId, day)
    .catch((err) => console.error(`[blocks] compacting ${key} failed (its parts stay readable):`, (err as Error).message))
    .finally(() => running.delete(key));
  running.set(key, run.then(() => undefined));
}

/** Waits for compactions under way (tests, shutdown). */
export async function compactionsSettled(): Promise<void> {
  while (running.size) await Promise.all(running.values());
}

/**
 * Folds a day's parts into one. The index swap names every folded part in
 * its filter, so two processes folding the same day cannot both win (the
 * loser deletes its own part). Returns how many parts were folded.
 */
export async function compactDay(websiteId: string, day: string, deleteAfterMs = DELETE_AFTER_MS): Promise<number> {
  const indexId = visitIndexId(websiteId, monthOf(day));
  const index = await BlockIndex.findById(indexId, { [`parts.${day}`]: 1 }).lean<{ parts?: Record<string, Record<string, number>> }>();
  const ids = Object.keys(index?.parts?.[day] ?? {});
  if (ids.length < 2) return 0;
  const data = await Promise.all(ids.map((id) => readPartData(visitPartId(websiteId, day, id))));
  if (data.some((d) => !d)) throw new Error(`a part of ${day} is missing`);
  const merged = mergeRecords(data.map((d) => decodeRecords(d!)));
  const part = new Types.ObjectId().toHexString();
  const newId = visitPartId(websiteId, day, part);
  await BlockPart.collection.insertOne({ _id: newId as never, websiteId: new Types.ObjectId(websiteId), kind: "visits", day, n: merged.length, data: encodeRecords(merged) });
  const swapped = await BlockIndex.collection.updateOne(
    { _id: indexId as never, ...Object.fromEntries(ids.map((id) => [`parts.${day}.${id}`, { $exists: true }])) },
    { $set: { [`parts.${day}.${part}`]: merged.length }, $unset: Object.fromEntries(ids.map((id) => [`parts.${day}.${id}`, ""])) },
  );
  const removed = swapped.modifiedCount ? ids : [part];
  const remove = () => Promise.all(removed.map((id) => BlockPart.collection.deleteOne({ _id: visitPartId(websiteId, day, id) as never }))).catch(() => {});
  if (deleteAfterMs > 0) setTimeout(remove, deleteAfterMs).unref();
  else await remove();
  return swapped.modifiedCount ? ids.length : 0;
}

import { Types } from "mongoose";
import { BlockIndex } from "@/models/BlockIndex";
import { BlockPart } from "@/models/BlockPart";
import { encodeRecords } from "./codec";
import { compactSoon } from "./compact";
import { visitIndexId, visitPartId, monthOf } from "./keys";
import { markBlocksSince } from "./meta";
import { blockDay, UNGOAL, type VisitRecord } from "./record";

const marked = new Set<string>();

/**
 * Writes one ingest batch's visits as new block parts: one part per website
 * and UTC day, registered in the month's index after the part is stored, so
 * a reader never finds an index entry without its part. Parts pile up under
 * load; compaction folds a day's parts into one.
 */
export async function writeVisitParts(websiteId: string, records: VisitRecord[], writtenAt = new Date()): Promise<void> {
  if (!records.length) return;
  // Covered from now on when the website had no marker (data from before blocks stays raw).
  if (!marked.has(websiteId)) {
    await markBlocksSince(websiteId, writtenAt);
    marked.add(websiteId);
  }
  const byDay = new Map<string, VisitRecord[]>();
  for (const r of records) {
    const day = blockDay(r.startedAt);
    (byDay.get(day) ?? byDay.set(day, []).get(day)!).push(r);
  }
  const wid = new Types.ObjectId(websiteId);
  await Promise.all(
    [...byDay].map(async ([day, rows]) => {
      const part = new Types.ObjectId().toHexString();
      await BlockPart.collection.insertOne({ _id: visitPartId(websiteId, day, part) as never, websiteId: wid, kind: "visits", day, n: rows.length, data: encodeRecords(rows) });
      await BlockIndex.updateOne({ _id: visitIndexId(websiteId, monthOf(day)) }, { $set: { [`parts.${day}.${part}`]: rows.length }, $setOnInsert: { websiteId: wid } }, { upsert: true });
      compactSoon(websiteId, day);
    }),
  );
}

/**
 * A goal reported for a visit outside ingest (API goals, payment markers),
 * added to the visit's block; `takeBack` removes one instead (a deleted payment).
 */
export async function writeGoalExtra(websiteId: string, visit: { sessionId: string; visitorId: string; startedAt: Date }, name: string, takeBack = false): Promise<void> {
  const at = visit.startedAt.getTime();
  const goal = takeBack ? UNGOAL + name : name;
  await writeVisitParts(websiteId, [{ sessionId: visit.sessionId, visitorId: visit.visitorId, startedAt: at, lastSeenAt: at, pageviews: 0, fields: {}, paths: [], goals: [goal], extra: true }]);
}

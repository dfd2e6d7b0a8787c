// How accepted events reach the store and the stats engine: a batch's own
// documents at once, what it changes in sessions (and its engine rows) staged
// for the buffer's next checkpoint. The buffer (./buffer.ts) decides when.
import { Types, type AnyBulkWriteOperation } from "mongoose";
import { writeCounted } from "@/lib/billing/usage/pending";
import { bulkWriteInChunks } from "@/lib/bulk-write";
import { connectDb } from "@/lib/db";
import { eventRow, insertEvents, type EventRow } from "@/lib/engine/events";
import { insertVitals, vitalsRow, type VitalsRow } from "@/lib/engine/vitals";
import { GoalEvent } from "@/models/GoalEvent";
import { Identity, identityKey } from "@/models/Identity";
import { PageView } from "@/models/PageView";
import { writeSessions } from "./session-writes";
import { resetSessionCache, SessionBatch, type SessionEvent } from "./sessionize";
import type { EventType, Vitals } from "./types";
import { liveWebsites } from "./website-cache";

/** An accepted event as the buffer keeps it: plain JSON, so it survives the log. */
export type BufferedEvent = Omit<SessionEvent, "websiteId" | "timestamp" | "type"> & {
  id: string; // ObjectId hex chosen at ingest: replaying the log cannot insert an event twice
  type: EventType;
  websiteId: string;
  timestamp: string;
  name?: string;
  title?: string;
  props?: { k: string; v: string }[];
  scrollDepth?: number;
  vitals?: Vitals;
  emailHash?: string;
  identityName?: string;
};

// Web vitals go to the stats engine's own table alone: they are no activity
// of a visit (sessions must not see them) and have no document in the store.
const isVitals = (e: BufferedEvent): e is BufferedEvent & { vitals: Vitals } => e.type === "vitals" && !!e.vitals;
const ofVisit = (e: BufferedEvent): e is BufferedEvent & { type: SessionEvent["type"] } => e.type !== "vitals";
const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000 || /E11000|duplicate key/.test(String((err as Error).message));

async function insertIgnoringDuplicates(model: typeof PageView | typeof GoalEvent, docs: object[]) {
  if (!docs.length) return;
  try {
    // The driver itself: the docs are built here, typed, from validated events;
    // mongoose's insertMany cost more than the write even lean. ignoreUndefined
    // keeps an absent field absent, not null.
    await model.collection.insertMany(docs, { ordered: false, ignoreUndefined: true });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: unknown[] }).writeErrors;
    // Only duplicates (a replayed batch) are fine; a bulk error without write errors is not one.
    if (!(writeErrors?.length ? writeErrors.every(isDuplicate) : isDuplicate(err))) throw err;
  }
}

/**
 * What written events changed in sessions, and their rows for the stats
 * engine, written at the next checkpoint: the engine takes few large inserts
 * far better than many small ones. `replayed`: some rows come from a log
 * segment replayed after a failure, so they may be in the engine already.
 */
type Staged = { sessions: SessionBatch; rows: EventRow[]; vitals: VitalsRow[]; replayed: boolean };
const nothingStaged = (): Staged => ({ sessions: new SessionBatch(), rows: [], vitals: [], replayed: false });

/** Writes one batch whole: its events, then what they changed in sessions. */
export async function writeBatch(events: BufferedEvent[], replayed = false): Promise<void> {
  const staged = nothingStaged();
  await writeEvents(events, staged, replayed);
  await writeStaged(staged);
}

/** Writes a batch's events and updates of them, and stages what they change in their sessions and their engine rows. */
async function writeEvents(events: BufferedEvent[], staged: Staged, replayed = false): Promise<void> {
  const { sessions } = staged;
  staged.replayed ||= replayed;
  await connectDb();
  const pageviews: object[] = [];
  const goals: object[] = [];
  const scrolls: AnyBulkWriteOperation[] = [];
  const identities: AnyBulkWriteOperation[] = [];
  const live = await liveWebsites([...new Set(events.map((e) => e.websiteId))]);
  // Accepted before its website was deleted: the owner asked for its data to go.
  for (const e of events) if (isVitals(e) && live.has(e.websiteId)) staged.vitals.push(vitalsRow(e));
  const accepted = events.filter(ofVisit).filter((e) => live.has(e.websiteId)).map((e) => ({ ...e, websiteId: new Types.ObjectId(e.websiteId), timestamp: new Date(e.timestamp) }));
  await sessions.prefetch(accepted);
  for (const e of accepted) {
    const { websiteId, timestamp } = e;
    const { sessionId, source, scrollTarget, facts } = await sessions.add(e);
    staged.rows.push(eventRow({ ...e, websiteId: e.websiteId.toHexString(), sessionId }, facts));
    const base = { _id: new Types.ObjectId(e.id), websiteId, visitorId: e.visitorId, sessionId, timestamp, path: e.path, ...e.context, ...source };
    if (e.type === "pageview") pageviews.push({ ...base, title: e.title });
    else if (e.type === "goal") goals.push({ ...base, name: e.name, props: e.props });
    else if (e.type === "scroll" && scrollTarget && e.scrollDepth !== undefined) {
      // By _id: any other filter makes the store scan every pageview.
      scrolls.push({ updateOne: { filter: { _id: new Types.ObjectId(scrollTarget) }, update: { $max: { scrollDepth: e.scrollDepth } } } });
    } else if (e.type === "identify") {
      const $set = Object.fromEntries(Object.entries({ userId: e.userId, emailHash: e.emailHash, name: e.identityName }).filter(([, v]) => v !== undefined));
      if (Object.keys($set).length) {
        identities.push({ updateOne: { filter: { _id: identityKey(websiteId, e.visitorId) }, update: { $set, $setOnInsert: { websiteId, visitorId: e.visitorId } }, upsert: true } });
      }
    }
  }
  await insertIgnoringDuplicates(PageView, pageviews);
  await insertIgnoringDuplicates(GoalEvent, goals);
  await bulkWriteInChunks(PageView, scrolls, { ordered: false });
  await bulkWriteInChunks(Identity, identities, { ordered: true });
}

async function writeStaged({ sessions, rows, vitals, replayed }: Staged): Promise<void> {
  // Staged while its website existed: an owner who deleted it since asked for its data to go.
  const live = await liveWebsites([...new Set([...sessions.websiteIds(), ...rows.map((r) => r.website_id), ...vitals.map((r) => r.website_id)])]);
  sessions.keepWebsites(live);
  // Usage counts what is written from here on in the engine, no longer in memory.
  await writeCounted(() => insertEvents(rows.filter((r) => live.has(r.website_id)), replayed));
  // No plan counts vitals: written beside the events, outside the usage count.
  await insertVitals(vitals.filter((r) => live.has(r.website_id)), replayed);
  await writeSessions(sessions);
}

/**
 * How the buffer writes. `write` takes a batch of events; `checkpoint` then
 * writes what the batches since the last checkpoint left staged, after which
 * their log segments may go; `discard` forgets what is staged after a failure
 * (the log replays it).
 */
export type BatchWriter = { write(events: BufferedEvent[], replayed?: boolean): Promise<void>; checkpoint(): Promise<void>; discard(): void; readonly staged: number };

/**
 * The buffer's own writer: session writes wait for a checkpoint, so a busy
 * visit's pageviews from many flushes cost its session one write.
 */
export function stagingWriter(): BatchWriter {
  let staged = nothingStaged();
  return {
    write: (events, replayed) => writeEvents(events, staged, replayed),
    async checkpoint() {
      await writeStaged(staged);
      staged = nothingStaged();
    },
    discard() {
      staged = nothingStaged();
      // Cached visits include the events just forgotten; the replay reads them back from the store.
      resetSessionCache();
    },
    get staged() {
      // Engine rows wait too: a long replay must not hold the whole backlog in memory.
      return Math.max(staged.sessions.size, (staged.rows.length + staged.vitals.length) / 4);
    },
  };
}

/** A writer that writes each batch whole (tests give the buffer one to fail or stall). */
export const wholeBatches = (write: (events: BufferedEvent[], replayed?: boolean) => Promise<void>): BatchWriter => ({ write, checkpoint: async () => {}, discard: () => {}, staged: 0 });


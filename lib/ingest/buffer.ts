import path from "node:path";
import { Types, type AnyBulkWriteOperation } from "mongoose";
import { bulkWriteInChunks } from "@/lib/bulk-write";
import { connectDb } from "@/lib/db";
import { GoalEvent } from "@/models/GoalEvent";
import { Identity, identityKey } from "@/models/Identity";
import { PageView } from "@/models/PageView";
import { writeVisitParts } from "@/lib/blocks/write-visits";
import { Session } from "@/models/Session";
import { EventLog } from "./event-log";
import { liveWebsites } from "./website-cache";
import { SessionBatch, type SessionEvent } from "./sessionize";

/** An accepted event as the buffer keeps it: plain JSON, so it survives the log. */
export type BufferedEvent = Omit<SessionEvent, "websiteId" | "timestamp"> & {
  id: string; // ObjectId hex chosen at ingest: replaying the log cannot insert an event twice
  websiteId: string;
  timestamp: string;
  name?: string;
  title?: string;
  props?: { k: string; v: string }[];
  scrollDepth?: number;
  emailHash?: string;
  identityName?: string;
};

const FLUSH_MS = Number(process.env.TRAILMARK_FLUSH_MS ?? 250);
const FLUSH_AT = 1000;
// Events written per writeBatch call. Under load a flush takes everything that
// queued while the previous one ran; writing it as one batch lets a busy
// session's events share one session upsert, the costly write on this store.
const WRITE_BATCH = 10_000;
const MAX_IN_MEMORY = 20_000;

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000 || /E11000|duplicate key/.test(String((err as Error).message));

// Without mongoose's casting the driver would store an absent field as null.
const definedOnly = (doc: object) => Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));

async function insertIgnoringDuplicates(model: typeof PageView | typeof GoalEvent, docs: object[]) {
  if (!docs.length) return;
  try {
    // lean: the docs are built here from validated events; hydrating and re-validating each costs more than the write.
    await (model as typeof PageView).insertMany(docs.map(definedOnly), { ordered: false, lean: true });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: unknown[] }).writeErrors;
    if (!(writeErrors ? writeErrors.every((w) => isDuplicate(w) || (w as { code?: number }).code === 11000) : isDuplicate(err))) throw err;
  }
}

/** Writes one batch: sessions first, then the events that name them, then updates of those events. */
export async function writeBatch(events: BufferedEvent[]): Promise<void> {
  await connectDb();
  const sessions = new SessionBatch();
  const pageviews: object[] = [];
  const goals: object[] = [];
  const scrolls: AnyBulkWriteOperation[] = [];
  const identities: AnyBulkWriteOperation[] = [];
  const live = await liveWebsites([...new Set(events.map((e) => e.websiteId))]);
  for (const e of events) {
    // Accepted before its website was deleted: the owner asked for its data to go.
    const site = live.get(e.websiteId);
    if (!site) continue;
    const websiteId = new Types.ObjectId(e.websiteId);
    const timestamp = new Date(e.timestamp);
    const { sessionId, source, scrollTarget } = await sessions.add({ ...e, websiteId, timestamp });
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
  await bulkWriteInChunks(Session, sessions.upserts(), { ordered: false, parallel: 4 });
  await bulkWriteInChunks(Session, sessions.pointers(), { ordered: true });
  await insertIgnoringDuplicates(PageView, pageviews);
  await insertIgnoringDuplicates(GoalEvent, goals);
  await bulkWriteInChunks(PageView, scrolls, { ordered: false });
  await bulkWriteInChunks(Identity, identities, { ordered: true });
  // Last: a replayed batch adds its paths and goals to the blocks again, so they go in once everything else is written.
  await Promise.all([...sessions.records()].map(([websiteId, records]) => writeVisitParts(websiteId, records)));
}

/**
 * Holds accepted events off the request path and writes them in batches. While
 * the store is down, events stay in the log on disk (memory holds at most
 * MAX_IN_MEMORY) and are written, oldest first, when it answers again.
 */
export class WriteBuffer {
  private queue: BufferedEvent[] = [];
  private sealed: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private readonly log: EventLog;
  /** True when some events exist only on disk (spilled or from a previous process). */
  private diskOnly = false;
  /** Bumped whenever an event is left to the log alone (memory full), even while a flush runs. */
  private spills = 0;
  failures = 0;

  constructor(
    dir: string,
    private readonly write = writeBatch,
    private readonly maxInMemory = MAX_IN_MEMORY,
  ) {
    this.log = new EventLog(dir);
    const orphans = this.log.orphans();
    if (orphans.length) {
      this.sealed.push(...orphans);
      this.diskOnly = true;
      this.schedule(0);
    }
  }

  /** Logs the event (the acknowledgement point) and queues it for the next batch. */
  add(event: BufferedEvent): void {
    this.log.append(JSON.stringify(event));
    if (this.queue.length < this.maxInMemory) this.queue.push(event);
    else {
      this.diskOnly = true;
      this.spills++;
    }
    this.schedule(this.queue.length >= FLUSH_AT ? 0 : FLUSH_MS);
  }

  /** Cancels the scheduled flush; what is queued stays in the log for the next process. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get pending(): number {
    return this.queue.length;
  }

  private schedule(ms: number) {
    if (this.timer) {
      if (ms > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
    this.timer.unref();
  }

  /** Writes everything acknowledged so far; resolves when it is in the store (or the attempt failed). */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /**
   * Flushes until nothing acknowledged is left outside the store, for shutdown:
   * a flush already under way covers only the events taken when it began.
   * Resolves false when the store is failing (the log keeps the rest).
   */
  async drain(): Promise<boolean> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (this.flushing) await this.flushing;
      if (!this.queue.length && !this.diskOnly && !this.sealed.length && !this.log.hasUnsealed()) return true;
      const before = this.failures;
      await this.flush();
      if (this.failures > before) return false;
    }
    return false;
  }

  private async flushOnce(): Promise<void> {
    const segment = this.log.seal();
    if (segment) this.sealed.push(segment);
    const segments = [...this.sealed];
    const fromDisk = this.diskOnly;
    const spillsBefore = this.spills;
    const batch = fromDisk ? [] : this.queue.splice(0);
    try {
      if (fromDisk) {
        this.queue = []; // everything queued is also in the sealed segments
        for (const file of segments) {
          const events = EventLog.read(file).map((l) => JSON.parse(l) as BufferedEvent);
          for (let i = 0; i < events.length; i += WRITE_BATCH) await this.write(events.slice(i, i + WRITE_BATCH));
          EventLog.remove(file);
          this.sealed = this.sealed.filter((s) => s !== file);
        }
        // Events spilled while this ran are only in the active segment, sealed by the next flush.
        if (this.spills === spillsBefore) this.diskOnly = false;
      } else {
        for (let i = 0; i < batch.length; i += WRITE_BATCH) await this.write(batch.slice(i, i + WRITE_BATCH));
        for (const file of segments) EventLog.remove(file);
        this.sealed = this.sealed.filter((s) => !segments.includes(s));
      }
      this.failures = 0;
    } catch (err) {
      // Keep the log; retry from disk with backoff so memory stays bounded.
      this.failures++;
      this.diskOnly = true;
      console.error(`[ingest] write failed (attempt ${this.failures}), events kept on disk:`, (err as Error).message);
      this.schedule(Math.min(30_000, 500 * 2 ** Math.min(this.failures, 6)));
      return;
    }
    if (this.queue.length || this.diskOnly) this.schedule(FLUSH_MS);
  }
}

const holder = globalThis as unknown as { __trailmarkBuffer?: WriteBuffer };

/** The process's buffer; its log lives under TRAILMARK_INGEST_DIR (default .data/ingest). */
export function ingestBuffer(): WriteBuffer {
  holder.__trailmarkBuffer ??= new WriteBuffer(process.env.TRAILMARK_INGEST_DIR || path.join(process.cwd(), ".data", "ingest"));
  return holder.__trailmarkBuffer;
}

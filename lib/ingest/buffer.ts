import path from "node:path";
import { ApiError } from "@/lib/http/errors";
import { stagingWriter, wholeBatches, type BatchWriter, type BufferedEvent } from "./batch-writer";
import { EventLog, LogWriteError } from "./event-log";
import { loggedEvent } from "./logged-event";
import type { EventType } from "./types";

const FLUSH_MS = Number(process.env.TRAILMARK_FLUSH_MS ?? 250);
const FLUSH_AT = 1000;
// Events written per writer call. Under load a flush takes everything that
// queued while the previous one ran; sessions no longer need one large batch
// to share a write (the checkpoint does that), and each event's documents are
// alive only while its batch is written: small batches bound the heap. A
// batch is also prepared in one go (sessionized, encoded for the store) while
// requests wait: 2,000 events held them up to ~40 ms (bench:ingest p99
// ~50 ms), 500 about a quarter of that (p99 ~40 ms at the same rate).
const WRITE_BATCH = 500;
// Events queued in memory; more wait in the log on disk.
const MAX_IN_MEMORY = 10_000;
// Events per log segment: a replay from disk reads and parses one segment at a
// time, and while the store lags one segment could otherwise hold every event
// accepted during a long flush.
const SEGMENT_EVENTS = 5_000;
// Under load, session writes wait for a checkpoint at most this long after the
// last one: a session update costs the store more than all of a visit's
// pageview inserts in that time, and a busy visit gets one per checkpoint
// instead of one per flush. Sessions then show up this much later than their
// pageviews; a buffer that keeps up writes them with their pageviews.
const CHECKPOINT_MS = Number(process.env.TRAILMARK_CHECKPOINT_MS ?? 5000);
// Sessions staged before a checkpoint is due anyway: what memory they may hold.
const MAX_STAGED = 20_000;
// Retries of a failing store back off up to this: after an outage, the backlog
// starts draining at most this long after the store answers again.
const MAX_RETRY_MS = 5_000;

/** What /api/health shows of the buffer. */
export type BufferStatus = {
  /** Acknowledged events not yet written to the store (in the log, in memory or both). */
  waiting: number;
  /** Flushes that failed in a row (the store did not take the batch). */
  failures: number;
  lastError: string | null;
  /** Log lines that could not be read back, kept in the quarantine file. */
  quarantined: number;
  /** "failing": the last append to the log failed, so /api/track answers 503. */
  log: "ok" | "failing";
};
/**
 * Holds accepted events off the request path and writes them in batches. While
 * the store is down, events stay in the log on disk (memory holds at most
 * MAX_IN_MEMORY) and are written, oldest first, when it answers again.
 *
 * A log segment is deleted only once everything its events change is in the
 * store: their own documents are written by the flush that takes them, their
 * sessions by the next checkpoint, so segments wait in `written` until then.
 */
export class WriteBuffer {
  private queue: BufferedEvent[] = [];
  private sealed: string[] = [];
  /** Events in each segment on disk, for `waiting`. */
  private segmentEvents = new Map<string, number>();
  private lastError: string | null = null;
  private written: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private checkpointWanted = false;
  private checkpointAt = Date.now();
  private readonly log: EventLog;
  private readonly writer: BatchWriter;
  /** True when some events exist only on disk (spilled or from a previous process). */
  private diskOnly = false;
  /** Bumped whenever an event is left to the log alone (memory full), even while a flush runs. */
  private spills = 0;
  failures = 0;

  constructor(
    dir: string,
    write: BatchWriter | ((events: BufferedEvent[]) => Promise<void>) = stagingWriter(),
    private readonly maxInMemory = MAX_IN_MEMORY,
    /** False: sessions wait for CHECKPOINT_MS even when idle (tests of what a checkpoint covers). */
    private readonly checkpointWhenIdle = true,
  ) {
    this.writer = typeof write === "function" ? wholeBatches(write) : write;
    this.log = new EventLog(dir);
    const orphans = this.log.orphans();
    if (orphans.length) {
      this.sealed.push(...orphans);
      for (const file of orphans) this.segmentEvents.set(file, EventLog.countEvents(file));
      this.diskOnly = true;
      this.schedule(0);
    }
  }

  /**
   * Logs the event (the acknowledgement point) and queues it for the next
   * batch. Throws ApiError 503 when the log cannot take it whole: the event is
   * then refused, never acknowledged and lost.
   */
  add(event: BufferedEvent): void {
    const line = JSON.stringify(event);
    try {
      this.log.append(line);
    } catch (err) {
      if (!(err instanceof LogWriteError)) throw err;
      // The cut-short write was cut back off. A segment at a size limit is
      // closed and the event goes to a fresh one; if that fails too (a full disk), it is refused.
      this.sealActive();
      try {
        this.log.append(line);
      } catch (again) {
        console.error(`[ingest] the event log cannot be written (${(again as Error).message}): refusing events`);
        throw new ApiError(503, "ingest_unavailable", "Events cannot be recorded right now (the event log cannot be written); send them again later");
      }
    }
    if (this.log.unsealed >= SEGMENT_EVENTS) this.sealActive();
    if (this.queue.length < this.maxInMemory) this.queue.push(event);
    else {
      this.diskOnly = true;
      this.spills++;
    }
    this.schedule(this.queue.length >= FLUSH_AT ? 0 : FLUSH_MS);
  }

  /** Drops quarantined log lines that mention any of `needles` (erasure, deletion). */
  scrubQuarantine(needles: readonly string[]): number {
    return this.log.scrubQuarantine(needles);
  }

  /** Cancels the scheduled flush; what is queued stays in the log for the next process. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get pending(): number {
    return this.queue.length;
  }

  status(): BufferStatus {
    let waiting = this.log.unsealed;
    for (const file of this.sealed) waiting += this.segmentEvents.get(file) ?? 0;
    return { waiting, failures: this.failures, lastError: this.lastError, quarantined: this.log.quarantined, log: this.log.lastError ? "failing" : "ok" };
  }

  /** Seals the active segment (if it holds anything) into the list to write. */
  private sealActive(): void {
    const events = this.log.unsealed;
    const segment = this.log.seal();
    if (!segment) return;
    this.sealed.push(segment);
    this.segmentEvents.set(segment, events);
  }

  private schedule(ms: number) {
    if (this.timer) {
      if (ms > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
    this.timer.unref();
  }

  private run(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Writes everything acknowledged so far, sessions included; resolves when it is in the store (or the attempt failed). */
  async flush(): Promise<void> {
    // A flush under way took only the events queued when it began, and may skip the checkpoint.
    if (this.flushing) await this.flushing;
    this.checkpointWanted = true;
    await this.run();
  }

  /**
   * Flushes until nothing acknowledged is left outside the store, for shutdown.
   * Resolves false when the store is failing (the log keeps the rest).
   */
  async drain(): Promise<boolean> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (this.flushing) await this.flushing;
      if (!this.queue.length && !this.diskOnly && !this.sealed.length && !this.written.length && !this.log.hasUnsealed()) return true;
      const before = this.failures;
      await this.flush();
      if (this.failures > before) return false;
    }
    return false;
  }

  private async flushOnce(): Promise<void> {
    const wanted = this.checkpointWanted;
    this.checkpointWanted = false;
    this.sealActive();
    const segments = [...this.sealed];
    const fromDisk = this.diskOnly;
    const spillsBefore = this.spills;
    const batch = fromDisk ? [] : this.queue.splice(0);
    try {
      if (fromDisk) {
        this.queue = []; // everything queued is also in the sealed segments
        for (const file of segments) {
          // Unreadable lines (torn by a crash, corrupted) go to the quarantine file instead of blocking the rest.
          const events = this.log.readSegment(file, loggedEvent);
          this.segmentEvents.set(file, events.length);
          for (let i = 0; i < events.length; i += WRITE_BATCH) await this.writer.write(events.slice(i, i + WRITE_BATCH), true);
          this.sealed = this.sealed.filter((s) => s !== file);
          this.written.push(file);
          // A long replay must not stage every session of the backlog.
          if (this.writer.staged >= MAX_STAGED) await this.checkpoint();
        }
        // Events spilled while this ran are only in the active segment, sealed by the next flush.
        if (this.spills === spillsBefore) this.diskOnly = false;
      } else {
        for (let i = 0; i < batch.length; i += WRITE_BATCH) await this.writer.write(batch.slice(i, i + WRITE_BATCH));
        this.sealed = this.sealed.filter((s) => !segments.includes(s));
        this.written.push(...segments);
      }
      // Idle (nothing queued meanwhile): sessions are written at once, beside
      // their pageviews. Under load they wait, up to CHECKPOINT_MS.
      const due = Date.now() - this.checkpointAt >= CHECKPOINT_MS || (this.checkpointWhenIdle && !this.queue.length && !this.diskOnly);
      if (wanted || due || this.writer.staged >= MAX_STAGED || this.writer.staged === 0) await this.checkpoint();
      this.failures = 0;
      this.lastError = null;
    } catch (err) {
      // Keep the log; retry from disk with backoff so memory stays bounded. What
      // was staged is forgotten: every segment not yet past a checkpoint is
      // replayed, oldest first, onto the sessions as the store holds them.
      this.failures++;
      this.lastError = (err as Error).message;
      this.diskOnly = true;
      this.writer.discard();
      this.sealed = [...this.written, ...this.sealed];
      this.written = [];
      console.error(`[ingest] write failed (attempt ${this.failures}), events kept on disk:`, (err as Error).message);
      this.schedule(Math.min(MAX_RETRY_MS, 500 * 2 ** Math.min(this.failures, 6)));
      return;
    }
    if (this.queue.length || this.diskOnly) this.schedule(FLUSH_MS);
    else if (this.written.length) this.schedule(Math.max(1, this.checkpointAt + CHECKPOINT_MS - Date.now()));
  }

  private async checkpoint(): Promise<void> {
    await this.writer.checkpoint();
    this.checkpointAt = Date.now();
    for (const file of this.written) {
      EventLog.remove(file);
      this.segmentEvents.delete(file);
    }
    this.written = [];
  }
}

const holder = globalThis as unknown as { __trailmarkBuffer?: WriteBuffer };

/** The process's buffer; its log lives under TRAILMARK_INGEST_DIR (default <TRAILMARK_DATA_DIR or .data>/ingest). */
export function ingestBuffer(): WriteBuffer {
  const dataDir = process.env.TRAILMARK_DATA_DIR || path.join(process.cwd(), ".data");
  holder.__trailmarkBuffer ??= new WriteBuffer(process.env.TRAILMARK_INGEST_DIR || path.join(dataDir, "ingest"));
  return holder.__trailmarkBuffer;
}

/**
 * Writes every event this process has accepted so far (when it runs ingest),
 * so a deletion that follows finds them in the store and the engine instead of
 * having them written back after it; and drops quarantined (unreadable) log
 * lines that mention `scrub`.
 */
export async function drainIngest(scrub: readonly string[] = []): Promise<void> {
  await holder.__trailmarkBuffer?.drain();
  holder.__trailmarkBuffer?.scrubQuarantine(scrub);
}

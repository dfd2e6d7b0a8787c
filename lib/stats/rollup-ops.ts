import { Types, type AnyBulkWriteOperation } from "mongoose";
import { hllRegister, hllSet, type Registers } from "./hll";
import { hourStart } from "./period";
import type { SessionDimension } from "./dimensions";

/**
 * One ingested event as the rollups need it: what sessionize knows once it has
 * placed the event in its session. Visits are counted in the hour their
 * session started, like the raw queries count them.
 */
export type RollupEvent = {
  websiteId: string;
  timezone: string;
  type: "pageview" | "goal";
  visitorId: string;
  sessionStartedAt: Date;
  /** The first event of a new session. */
  newSession: boolean;
  /** The session's pageviews before this event (a second pageview un-bounces it). */
  pageviewsBefore: number;
  /** Seconds this event added to the session's duration. */
  durationDelta: number;
  path?: string;
  name?: string;
  /** The session's values; exit_page is left to raw queries (it changes with every pageview). */
  dims: Partial<Record<Exclude<SessionDimension, "exit_page">, string>>;
};

type Acc = { websiteId: string; hour: Date; dimension: string; value: string; inc: Record<string, number>; registers: Registers };

export const rollupKey = (websiteId: string, hour: Date, dimension: string, value: string) => `${websiteId}:${hour.toISOString()}:${dimension}:${value}`;
/** The website's coverage marker: `since`, the first hour its rollups hold completely (lib/stats/rollup-coverage.ts). */
export const rollupMetaKey = (websiteId: string) => `${websiteId}:meta`;

/**
 * What a batch of events adds to the Rollup collection: one counter upsert per
 * (website, hour, dimension, value) touched ($inc, so batches apply in any
 * order), and the visitor registers to merge into each row. Written by
 * writeRollups (lib/stats/write-rollups.ts).
 */
export function rollupOps(events: RollupEvent[]): { ops: AnyBulkWriteOperation[]; registers: Map<string, Registers> } {
  const accs = new Map<string, Acc>();
  const touch = (e: RollupEvent, visitor: [number, number], hour: Date, dimension: string, value: string) => {
    const key = rollupKey(e.websiteId, hour, dimension, value);
    let acc = accs.get(key);
    if (!acc) accs.set(key, (acc = { websiteId: e.websiteId, hour, dimension, value, inc: {}, registers: new Map() }));
    hllSet(acc.registers, visitor);
    return (field: string, n: number) => {
      if (n) acc.inc[field] = (acc.inc[field] ?? 0) + n;
    };
  };
  for (const e of events) {
    const hour = hourStart(e.sessionStartedAt, e.timezone);
    const visitor = hllRegister(e.visitorId); // one hash per event, not per row it counts in
    const pageview = e.type === "pageview" ? 1 : 0;
    const bounce = pageview && e.pageviewsBefore === 0 ? 1 : pageview && e.pageviewsBefore === 1 ? -1 : 0;
    const sessionTargets: [string, string][] = [["total", ""], ...Object.entries(e.dims).map(([d, v]) => [d, v || "(none)"] as [string, string])];
    for (const [dimension, value] of sessionTargets) {
      const inc = touch(e, visitor, hour, dimension, value);
      inc("pageviews", pageview);
      inc("sessions", e.newSession ? 1 : 0);
      inc("bounces", bounce);
      inc("duration", e.durationDelta);
    }
    if (e.type === "pageview" && e.path) touch(e, visitor, hour, "page", e.path)("pageviews", 1);
    if (e.type === "goal" && e.name) touch(e, visitor, hour, "goal", e.name)("completions", 1);
  }
  // Each hour's "total" row lists the hour's other rows ("dimension:value"): FerretDB indexes
  // only exact _id lookups, so a reader finds a breakdown's rows through this directory.
  const directory = new Map<string, string[]>();
  for (const a of accs.values()) {
    if (a.dimension === "total") continue;
    const total = rollupKey(a.websiteId, a.hour, "total", "");
    directory.set(total, [...(directory.get(total) ?? []), `${a.dimension}:${a.value}`]);
  }
  const ops: AnyBulkWriteOperation[] = [...accs.entries()].map(([_id, a]) => ({
    updateOne: {
      filter: { _id },
      update: {
        $setOnInsert: { websiteId: new Types.ObjectId(a.websiteId), hour: a.hour, dimension: a.dimension, value: a.value, v: 0 },
        ...(Object.keys(a.inc).length && { $inc: a.inc }),
        ...(directory.has(_id) && { $addToSet: { keys: { $each: directory.get(_id) } } }),
      },
      upsert: true,
    },
  }));
  // The first batch of a website marks where its rollups begin; later batches leave it alone.
  const firstHour = new Map<string, Date>();
  for (const a of accs.values()) if (!firstHour.has(a.websiteId) || a.hour < firstHour.get(a.websiteId)!) firstHour.set(a.websiteId, a.hour);
  for (const [websiteId, since] of firstHour) {
    ops.push({ updateOne: { filter: { _id: rollupMetaKey(websiteId) }, update: { $setOnInsert: { websiteId: new Types.ObjectId(websiteId), kind: "meta", since } }, upsert: true } });
  }
  return { ops, registers: new Map([...accs].map(([_id, a]) => [_id, a.registers])) };
}

import { Types } from "mongoose";
import { Rollup } from "@/models/Rollup";
import { cached } from "./cache";
import { zonedMidnight } from "./date-range";
import { dayKeyFormatter } from "./day-key";
import { HLL_PRECISION, hllCount, packRegisters } from "./hll";
import { addDays, type Range } from "./period";
import { rollupKey } from "./rollup-ops";

/**
 * Reads the hourly rollups (lib/stats/rollup-ops.ts) for a range. FerretDB
 * v1.24 pushes down only a filter that is exactly `{_id: <string>}`: ranges
 * and $in on _id scan the whole collection (~40 µs a document), so every row
 * is fetched by its exact _id, a few lookups in flight. A breakdown finds its
 * rows through the directory on each hour's total row (`keys`). A local day
 * that can no longer change is summed once into a "day" document (one lookup
 * instead of 24 x values) and kept in memory too.
 */

export type Cell = { sessions: number; pageviews: number; bounces: number; duration: number; completions: number; hll?: Buffer };
/** A local hour or a whole local day of one dimension, its cells by value. */
export type Piece = { start: Date; cells: Map<string, Cell> };

const HOUR = 3_600_000;
// Sessions started in a day may gain events this much later (the raw queries' EVENT_SLACK_MS).
const FINAL_AFTER_MS = 24 * HOUR;
const LOOKUPS_IN_FLIGHT = 16;
const COUNTERS = ["sessions", "pageviews", "bounces", "duration", "completions"] as const;

type Doc = Record<string, unknown>;
const asBuffer = (v: unknown): Buffer | undefined => {
  if (!v) return undefined;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  const b = (v as { buffer?: Uint8Array }).buffer;
  return b ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : undefined;
};
const cellOf = (d: Doc): Cell => ({
  sessions: Number(d.sessions ?? 0), pageviews: Number(d.pageviews ?? 0), bounces: Number(d.bounces ?? 0),
  duration: Number(d.duration ?? 0), completions: Number(d.completions ?? 0), hll: asBuffer(d.hll),
});

/** Documents by exact _id (missing ones left out). */
export async function lookup(ids: string[]): Promise<Map<string, Doc>> {
  const out = new Map<string, Doc>();
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const doc = await Rollup.collection.findOne({ _id: id as unknown as Types.ObjectId });
      if (doc) out.set(id, doc as Doc);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUPS_IN_FLIGHT, ids.length) }, lane));
  return out;
}

/** Each hour's cells of one dimension ("total": value ""); `value` reads that row only. */
async function hourCells(websiteId: string, hours: Date[], dimension: string, value?: string): Promise<Map<number, Map<string, Cell>>> {
  let ids: [Date, string, string][];
  if (dimension === "total" || value !== undefined) {
    const v = dimension === "total" ? "" : value!;
    ids = hours.map((h) => [h, v, rollupKey(websiteId, h, dimension, v)]);
  } else {
    const totals = await lookup(hours.map((h) => rollupKey(websiteId, h, "total", "")));
    const prefix = `${dimension}:`;
    ids = [];
    for (const h of hours) {
      for (const k of (totals.get(rollupKey(websiteId, h, "total", ""))?.keys as string[] | undefined) ?? []) {
        if (k.startsWith(prefix)) ids.push([h, k.slice(prefix.length), rollupKey(websiteId, h, dimension, k.slice(prefix.length))]);
      }
    }
  }
  const docs = await lookup(ids.map(([, , id]) => id));
  const out = new Map<number, Map<string, Cell>>(hours.map((h) => [h.getTime(), new Map()]));
  for (const [h, v, id] of ids) {
    const d = docs.get(id);
    if (d) out.get(h.getTime())!.set(v, cellOf(d));
  }
  return out;
}

// Day summaries never change once written: kept here, bounded.
const days = new Map<string, Map<string, Cell>>();
const MAX_DAYS = 5_000;

/** A final local day of one dimension: the stored summary, else summed from its hours and stored. */
async function dayCells(websiteId: string, start: Date, end: Date, dimension: string): Promise<Map<string, Cell>> {
  const id = `${websiteId}:day:${start.toISOString()}:${dimension}`;
  const known = days.get(id);
  if (known) return known;
  const stored = (await lookup([id])).get(id);
  let cells: Map<string, Cell>;
  if (stored) {
    cells = new Map((stored.rows as Doc[]).map((r) => [String(r.value), cellOf(r)]));
  } else {
    const hours: Date[] = [];
    for (let t = start.getTime(); t < end.getTime(); t += HOUR) hours.push(new Date(t));
    cells = new Map();
    const tallies = new Map<string, Tally>();
    for (const byValue of (await hourCells(websiteId, hours, dimension)).values()) {
      for (const [v, c] of byValue) {
        if (!tallies.has(v)) tallies.set(v, new Tally());
        tallies.get(v)!.add(c);
      }
    }
    for (const [v, t] of tallies) cells.set(v, t.cell());
    const rows = [...cells].map(([value, c]) => ({ value, ...c }));
    await Rollup.collection.updateOne({ _id: id as unknown as Types.ObjectId }, { $set: { websiteId: new Types.ObjectId(websiteId), kind: "day", rows } }, { upsert: true });
  }
  days.set(id, cells);
  if (days.size > MAX_DAYS) days.delete(days.keys().next().value!);
  return cells;
}

/**
 * The range in pieces: whole local days that are final come from day
 * summaries, the rest (and every hour when `hourly`) from hour rows. The range
 * starts and ends on the website's hours. A second caller within seconds (the
 * dashboard asks overview and timeseries at once) shares the read.
 */
export function readPieces(websiteId: string, timeZone: string, range: Range, dimension: string, hourly: boolean, value?: string, now = Date.now()): Promise<Piece[]> {
  const key = `rollup:${websiteId}:${timeZone}:${range.start.toISOString()}:${range.end.toISOString()}:${dimension}:${value ?? "*"}:${hourly}`;
  return cached(key, 5_000, async () => {
    const wholeDays: [Date, Date][] = [];
    const hours: Date[] = [];
    const dayKey = dayKeyFormatter(timeZone);
    for (let day = dayKey(range.start); ; day = addDays(day, 1)) {
      const ds = zonedMidnight(day, timeZone);
      if (ds >= range.end) break;
      const de = zonedMidnight(addDays(day, 1), timeZone);
      if (!hourly && ds >= range.start && de <= range.end && de.getTime() + FINAL_AFTER_MS <= now) wholeDays.push([ds, de]);
      else for (let t = Math.max(ds.getTime(), range.start.getTime()); t < Math.min(de.getTime(), range.end.getTime()); t += HOUR) hours.push(new Date(t));
    }
    const [fromHours, ...fromDays] = await Promise.all([hourCells(websiteId, hours, dimension, value), ...wholeDays.map(([s, e]) => dayCells(websiteId, s, e, dimension))]);
    const pick = (cells: Map<string, Cell>) => (value === undefined ? cells : new Map([...cells].filter(([v]) => v === value)));
    const pieces: Piece[] = [...wholeDays.map(([s], i) => ({ start: s, cells: pick(fromDays[i]) })), ...[...fromHours].map(([t, cells]) => ({ start: new Date(t), cells }))];
    return pieces.sort((a, b) => a.start.getTime() - b.start.getTime());
  });
}

const M = 1 << HLL_PRECISION;

/** Cells added up: counters summed, visitor registers merged (dense, for speed). */
export class Tally {
  sessions = 0;
  pageviews = 0;
  bounces = 0;
  duration = 0;
  completions = 0;
  registers = new Uint8Array(M);

  add(c: Cell): this {
    for (const k of COUNTERS) this[k] += c[k];
    const b = c.hll;
    if (b?.[0] === 1) {
      for (let k = 1; k + 3 <= b.length; k += 3) {
        const x = (b[k] << 16) | (b[k + 1] << 8) | b[k + 2];
        const i = x >> 6;
        if (this.registers[i] < (x & 63)) this.registers[i] = x & 63;
      }
    } else if (b?.[0] === 2) {
      for (let i = 0; i < M && i + 1 < b.length; i++) if (this.registers[i] < b[1 + i]) this.registers[i] = b[1 + i];
    }
    return this;
  }

  visitors(): number {
    const set = new Map<number, number>();
    this.registers.forEach((r, i) => r && set.set(i, r));
    return hllCount(set);
  }

  /** Back to a stored cell (packed registers, as lib/stats/hll.ts packs them). */
  cell(): Cell {
    const set: [number, number][] = [];
    this.registers.forEach((r, i) => r && set.push([i, r]));
    return { sessions: this.sessions, pageviews: this.pageviews, bounces: this.bounces, duration: this.duration, completions: this.completions, hll: packRegisters(new Map(set)) };
  }
}

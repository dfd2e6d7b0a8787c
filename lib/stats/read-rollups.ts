import { Types } from "mongoose";
import { Rollup } from "@/models/Rollup";
import { hllCount, hllFromDoc, type Registers } from "./hll";
import type { Range } from "./period";

export type RollupTotals = { visitors: number; sessions: number; pageviews: number; bounces: number; duration: number };

/**
 * Unfiltered visit totals of a range from the rollups (one dimension's rows,
 * "total" for the whole site): counters summed, visitor registers merged. The
 * range must start and end on the website's hours.
 */
export async function readRollupTotals(websiteId: string, range: Range, dimension = "total", value = ""): Promise<RollupTotals> {
  const docs = await Rollup.find({ websiteId: new Types.ObjectId(websiteId), dimension, value, hour: { $gte: range.start, $lt: range.end } }).lean<Record<string, unknown>[]>();
  const registers: Registers = new Map();
  const t = { visitors: 0, sessions: 0, pageviews: 0, bounces: 0, duration: 0 };
  for (const d of docs) {
    hllFromDoc(d, registers);
    for (const k of ["sessions", "pageviews", "bounces", "duration"] as const) t[k] += Number(d[k] ?? 0);
  }
  return { ...t, visitors: hllCount(registers) };
}

import type { Types } from "mongoose";
import { GoalEvent } from "@/models/GoalEvent";
import { PageView } from "@/models/PageView";
import { Payment } from "@/models/Payment";
import { Session } from "@/models/Session";
import { rangeFilter, type Interval } from "./date-range";
import { pathFilter } from "./path-glob";

// Shared reads of the goal and funnel queries: projected raw events, finished
// in TypeScript, since FerretDB v1 cannot join or $group with more than one
// accumulator.

export type Hit = { visitorId: string; timestamp: Date };
export type PageHit = Hit & { path: string };
export type EventHit = Hit & { name: string };

export function findPageHits(websiteId: Types.ObjectId, interval: Interval, patterns: string[]): Promise<PageHit[]> {
  if (!patterns.length) return Promise.resolve([]);
  return PageView.find({ websiteId, ...rangeFilter("timestamp", interval), ...pathFilter(patterns) }, { _id: 0, visitorId: 1, path: 1, timestamp: 1 }).lean<PageHit[]>();
}

export function findEventHits(websiteId: Types.ObjectId, interval: Interval, names: string[]): Promise<EventHit[]> {
  if (!names.length) return Promise.resolve([]);
  return GoalEvent.find({ websiteId, ...rangeFilter("timestamp", interval), name: { $in: [...new Set(names)] } }, { _id: 0, visitorId: 1, name: 1, timestamp: 1 }).lean<EventHit[]>();
}

/** Net revenue (amount less refunds) per visitor of payments in the interval, in one currency. */
export async function netRevenueByVisitor(websiteId: Types.ObjectId, interval: Interval, currency: string): Promise<Map<string, number>> {
  const rows = await Payment.find(
    { websiteId, currency, visitorId: { $exists: true }, ...rangeFilter("timestamp", interval) },
    { _id: 0, visitorId: 1, amount: 1, refundedAmount: 1 },
  ).lean<{ visitorId?: string; amount: number; refundedAmount?: number }[]>();
  const out = new Map<string, number>();
  for (const p of rows) {
    if (!p.visitorId) continue;
    out.set(p.visitorId, (out.get(p.visitorId) ?? 0) + p.amount - (p.refundedAmount ?? 0));
  }
  return out;
}

/** Distinct visitors with a session starting in the interval: one $group key, then $count. */
export async function countVisitors(websiteId: Types.ObjectId, interval: Interval): Promise<number> {
  const [row] = await Session.aggregate<{ n: number }>([
    { $match: { websiteId, ...rangeFilter("startedAt", interval) } },
    { $group: { _id: "$visitorId" } },
    { $count: "n" },
  ]);
  return row?.n ?? 0;
}

export const sumOver = (visitors: Iterable<string>, revenue: Map<string, number>) => {
  let total = 0;
  for (const v of visitors) total += revenue.get(v) ?? 0;
  return total;
};

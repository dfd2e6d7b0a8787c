import { Types } from "mongoose";
import type { ApiWebsite } from "@/lib/auth/with-api-key";
import { connectDb } from "@/lib/db";
import { ACTIVE_MS, realtime } from "@/lib/ingest/realtime";
import type { Realtime } from "@/lib/schemas/api-v1-responses";
import { PageView } from "@/models/PageView";
import { Session } from "@/models/Session";

/**
 * Visitors active in the last five minutes: the union of what this instance
 * accepted (in memory, includes events still in the write buffer) and what the
 * store holds (events other instances, or this one before a restart, wrote).
 */
export async function getRealtime(website: ApiWebsite, now = new Date()): Promise<Realtime> {
  await connectDb();
  const wid = new Types.ObjectId(website.id);
  const since = new Date(now.getTime() - ACTIVE_MS);
  const [sessions, pageviews] = await Promise.all([
    Session.find({ websiteId: wid, lastSeenAt: { $gte: since } }, { _id: 0, visitorId: 1 }).lean<{ visitorId: string }[]>(),
    PageView.find({ websiteId: wid, timestamp: { $gte: since } }, { _id: 0, visitorId: 1, path: 1 }).lean<{ visitorId: string; path: string }[]>(),
  ]);
  const active = new Set([...realtime.activeVisitorIds(website.id, now.getTime()), ...sessions.map((s) => s.visitorId)]);
  const byPath = new Map<string, Set<string>>();
  for (const p of pageviews) {
    let set = byPath.get(p.path);
    if (!set) byPath.set(p.path, (set = new Set()));
    set.add(p.visitorId);
  }
  const pages = [...byPath]
    .map(([path, visitors]) => ({ path, visitors: visitors.size }))
    .sort((a, b) => b.visitors - a.visitors || (a.path < b.path ? -1 : 1))
    .slice(0, 20);
  return { activeVisitors: active.size, pages, windowSeconds: ACTIVE_MS / 1000, at: now.toISOString() };
}

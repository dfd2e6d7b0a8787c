import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { Website } from "@/models/Website";
import type { IngestSettings } from "./types";

export type IngestWebsite = { id: string; domain: string; settings: IngestSettings; firstEventAt?: Date };

// The hot path reads the website on every event; settings changes show up
// within TTL_MS. Unknown ids are remembered briefly too, so a flood of events
// for a deleted site does not become a flood of queries.
const TTL_MS = 30_000;
const MISS_TTL_MS = 5_000;
// On globalThis: the production server's /api/track fast path is a separate
// bundle in the same process, and a settings change made through Next.js
// (forgetWebsite) must reach it.
const holder = globalThis as unknown as { __trailmarkWebsiteCache?: Map<string, { at: number; site: IngestWebsite | null }> };
const cache = (holder.__trailmarkWebsiteCache ??= new Map());

export async function resolveWebsite(id: string, now = Date.now()): Promise<IngestWebsite | null> {
  const hit = cache.get(id);
  if (hit && now - hit.at < (hit.site ? TTL_MS : MISS_TTL_MS)) return hit.site;
  await connectDb();
  const doc = Types.ObjectId.isValid(id) ? await Website.findById(id, { domain: 1, settings: 1, firstEventAt: 1, deletedAt: 1 }).lean() : null;
  const site = doc && !doc.deletedAt ? { id, domain: doc.domain, settings: (doc.settings ?? {}) as IngestSettings, firstEventAt: doc.firstEventAt ?? undefined } : null;
  cache.set(id, { at: now, site });
  if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
  return site;
}

/** Records the first event once, for the add-site flow's "we received your first event". */
export async function markFirstEvent(site: IngestWebsite, at: Date): Promise<void> {
  if (site.firstEventAt) return;
  site.firstEventAt = at;
  await Website.updateOne({ _id: site.id, firstEventAt: { $exists: false } }, { $set: { firstEventAt: at } });
}

/** Which of these websites still exist (events of a deleted one are not written), with their time zones. */
export async function liveWebsites(ids: string[]): Promise<Map<string, { timezone: string }>> {
  const docs = await Website.find({ _id: { $in: ids } }, { deletedAt: 1, timezone: 1 }).lean();
  return new Map(docs.filter((d) => !d.deletedAt).map((d) => [String(d._id), { timezone: d.timezone || "UTC" }]));
}

export function forgetWebsite(id: string): void {
  cache.delete(id);
}

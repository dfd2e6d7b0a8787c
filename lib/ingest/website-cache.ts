import { Types } from "mongoose";
import { connectDb, isStoreUnavailable, storeConnected } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { Website } from "@/models/Website";
import type { IngestSettings } from "./types";

export type IngestWebsite = { id: string; domain: string; settings: IngestSettings; firstEventAt?: Date };

// The hot path reads the website on every event; settings changes show up
// within TTL_MS. Unknown ids are remembered briefly too, so a flood of events
// for a deleted site does not become a flood of queries.
const TTL_MS = 30_000;
const MISS_TTL_MS = 5_000;
// When the store is down or slow, events keep flowing on the last good copy:
// a re-read is waited for this long at most (it still refreshes the copy when
// it lands), and for a while after a failed one not at all, so no event with
// a copy waits on a store that is known to be down.
const REREAD_WAIT_MS = 1_000;
const RETRY_AFTER_FAILURE_MS = 2_000;

type Entry = { at: number; site: IngestWebsite | null };
// On globalThis: the production server's /api/track fast path is a separate
// bundle in the same process, and a settings change made through Next.js
// (forgetWebsite) must reach it.
const holder = globalThis as unknown as { __trailmarkWebsites?: { entries: Map<string, Entry>; reads: Map<string, Promise<IngestWebsite | null>>; downUntil: number } };
const state = (holder.__trailmarkWebsites ??= { entries: new Map(), reads: new Map(), downUntil: 0 });
const cache = state.entries;

const storeUnavailable = () => new ApiError(503, "store_unavailable", "The database is not reachable and this website is not known yet; send the event again later");

/** One read per website at a time; it refreshes the cache when it lands, whoever still waits for it. */
function reread(id: string, now: number): Promise<IngestWebsite | null> {
  let read = state.reads.get(id);
  if (!read) {
    read = readWebsite(id, now).then(
      (site) => {
        state.downUntil = 0;
        return site;
      },
      (err) => {
        if (isStoreUnavailable(err)) state.downUntil = Date.now() + RETRY_AFTER_FAILURE_MS;
        throw err;
      },
    ).finally(() => state.reads.delete(id));
    state.reads.set(id, read);
  }
  return read;
}

async function readWebsite(id: string, now: number): Promise<IngestWebsite | null> {
  await connectDb();
  const doc = Types.ObjectId.isValid(id) ? await Website.findById(id, { domain: 1, settings: 1, firstEventAt: 1, deletedAt: 1 }).lean() : null;
  const site = doc && !doc.deletedAt ? { id, domain: doc.domain, settings: (doc.settings ?? {}) as IngestSettings, firstEventAt: doc.firstEventAt ?? undefined } : null;
  cache.set(id, { at: now, site });
  if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
  return site;
}

/**
 * The website an event names, from the cache while fresh. Past that it is
 * re-read; if the store does not answer, the last good copy serves (for as
 * long as the outage lasts), and a website never read yet is a 503.
 */
export async function resolveWebsite(id: string, now = Date.now()): Promise<IngestWebsite | null> {
  const hit = cache.get(id);
  if (hit && now - hit.at < (hit.site ? TTL_MS : MISS_TTL_MS)) return hit.site;
  if (!hit) {
    // Nothing to fall back on: ask the store (a dead one refuses at once; a hung one takes the driver's timeout).
    return reread(id, now).catch((err) => {
      throw isStoreUnavailable(err) ? storeUnavailable() : err;
    });
  }
  const read = reread(id, now).catch(() => hit.site);
  if (Date.now() < state.downUntil || !storeConnected()) return hit.site;
  return Promise.race([read, new Promise<IngestWebsite | null>((resolve) => setTimeout(resolve, REREAD_WAIT_MS, hit.site))]);
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

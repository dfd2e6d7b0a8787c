import { Types } from "mongoose";
import { cached } from "@/lib/stats/cache";
import { BlockIndex } from "@/models/BlockIndex";
import { metaId } from "./keys";

/**
 * Marks where a website's blocks begin, once: later calls leave it alone.
 * A new website starts covered (`since` = its creation); a website that had
 * data before blocks existed is covered from the first block write on.
 */
export async function markBlocksSince(websiteId: string, since: Date): Promise<void> {
  await BlockIndex.updateOne(
    { _id: metaId(websiteId) },
    { $setOnInsert: { websiteId: new Types.ObjectId(websiteId), since } },
    { upsert: true },
  );
}

/** The instant from which every visit and payment of the website is in blocks, or null. */
export function blocksSince(websiteId: string): Promise<Date | null> {
  // Once set it never changes; an absent marker is asked again after a while.
  return cached(`blocks-since:${websiteId}`, 10_000, async () => {
    const doc = await BlockIndex.findById(metaId(websiteId), { since: 1 }).lean<{ since?: Date }>();
    return doc?.since instanceof Date ? doc.since : null;
  });
}

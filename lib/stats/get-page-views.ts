import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { PageView } from "@/models/PageView";
import { cached } from "./cache";

/**
 * All-time pageviews of one path (or of the whole site without one), for the
 * public badge. Served from a one-minute cache: a badge on a busy page is
 * requested on every view, and a count a minute old is fine there.
 */
export function getPageViews(websiteId: string, path?: string): Promise<number> {
  return cached(`pageviews:${websiteId}:${path ?? "*"}`, 60_000, async () => {
    await connectDb();
    return PageView.countDocuments({ websiteId: new Types.ObjectId(websiteId), ...(path !== undefined && { path }) });
  });
}

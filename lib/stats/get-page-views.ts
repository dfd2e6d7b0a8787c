import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import { cached } from "./cache";

/**
 * All-time pageviews of one path (or of the whole site without one), for the
 * public badge. Served from a one-minute cache: a badge on a busy page is
 * requested on every view, and a count a minute old is fine there.
 */
export function getPageViews(websiteId: string, path?: string): Promise<number> {
  return cached(`pageviews:${websiteId}:${path ?? "*"}`, 60_000, async () => {
    const e = await engine();
    const [row] = await e.query<{ n: number }>(
      `SELECT count() AS n FROM ${e.tables.events} WHERE website_id = ${str(websiteId)} AND kind = 'pageview'${path !== undefined ? ` AND path = ${str(path)}` : ""}`,
    );
    return row?.n ?? 0;
  });
}

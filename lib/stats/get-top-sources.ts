import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import type { StatsContext } from "./context";
import type { Range } from "./period";
import { selection } from "./selection";

/**
 * Visitors per source in each period, a source being the referring domain,
 * else the channel (an email campaign without a referrer), else "Direct":
 * the one column a summary has room for.
 */
export async function getTopSources(ctx: StatsContext, periods: Range[]): Promise<Map<string, number>[]> {
  const e = await engine();
  const sel = selection(e, ctx, periods);
  const rows = await e.query<{ p: number; source: string; visitors: number }>(
    `SELECT ${sel.period("session_start")} AS p, if(referrer_domain != '', referrer_domain, if(channel != '', channel, ${str("Direct")})) AS source,
       uniqExact(visitor) AS visitors FROM ${sel.events} WHERE ${sel.visits} AND session_first = 1 GROUP BY p, source`,
  );
  const out = periods.map(() => new Map<string, number>());
  for (const r of rows) if (r.p >= 0) out[r.p].set(r.source, r.visitors);
  return out;
}

import type { Engine } from "./index";
import { at, str, strs } from "./sql";
import { fromEngineTime } from "./time";

/** What an immutable row written from the ingest log has: its website, time and event id. */
export type LoggedRow = { website_id: string; ts: string; event_id: string };

// Event ids asked about per query: ClickHouse refuses a statement longer than
// max_query_size (256 KiB by default), and a replay can stage 20,000 rows
// (~27 bytes of SQL per id); 2,000 ids keep a statement near 60 KB.
const IDS_PER_QUERY = 2_000;

/**
 * The rows of `rows` that `table` does not hold yet: a log segment replayed
 * after a crash or a failed write may have been written before. Rows never
 * change once written, so leaving out the ones held is exact.
 */
export async function unwritten<R extends LoggedRow>(e: Engine, table: string, rows: readonly R[]): Promise<readonly R[]> {
  if (!rows.length) return rows;
  const held = new Set<string>();
  for (let i = 0; i < rows.length; i += IDS_PER_QUERY) {
    const chunk = rows.slice(i, i + IDS_PER_QUERY);
    const sites = [...new Set(chunk.map((r) => r.website_id))];
    const times = chunk.map((r) => fromEngineTime(r.ts));
    const found = await e.query<{ event_id: string }>(
      `SELECT event_id FROM ${table} WHERE website_id IN (${sites.map(str).join(", ")})
         AND ts >= ${at(Math.min(...times))} AND ts <= ${at(Math.max(...times))} AND event_id IN ${strs(chunk.map((r) => r.event_id))}`,
    );
    for (const r of found) held.add(r.event_id);
  }
  return rows.filter((r) => !held.has(r.event_id));
}

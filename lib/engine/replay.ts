import type { Engine } from "./index";
import { at, str, strs } from "./sql";
import { fromEngineTime } from "./time";

/** What an immutable row written from the ingest log has: its website, time and event id. */
export type LoggedRow = { website_id: string; ts: string; event_id: string };

/**
 * The rows of `rows` that `table` does not hold yet: a log segment replayed
 * after a crash or a failed write may have been written before. Rows never
 * change once written, so leaving out the ones held is exact.
 */
export async function unwritten<R extends LoggedRow>(e: Engine, table: string, rows: readonly R[]): Promise<readonly R[]> {
  if (!rows.length) return rows;
  const sites = [...new Set(rows.map((r) => r.website_id))];
  const times = rows.map((r) => fromEngineTime(r.ts));
  const found = await e.query<{ event_id: string }>(
    `SELECT event_id FROM ${table} WHERE website_id IN (${sites.map(str).join(", ")})
       AND ts >= ${at(Math.min(...times))} AND ts <= ${at(Math.max(...times))} AND event_id IN ${strs(rows.map((r) => r.event_id))}`,
  );
  const held = new Set(found.map((r) => r.event_id));
  return rows.filter((r) => !held.has(r.event_id));
}

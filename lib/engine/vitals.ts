import type { Vitals } from "@/lib/ingest/types";
import { engine } from "./index";
import { VITALS_CONTEXT, VITALS_METRICS } from "./schema";
import { unwritten } from "./replay";
import { engineTime } from "./time";

/** A vitals row as inserted (lib/engine/schema.ts): a metric not measured is null. */
export type VitalsRow = {
  website_id: string; ts: string; event_id: string; visitor_id: string; session_id: string; path: string;
} & Record<(typeof VITALS_CONTEXT)[number], string> & Record<(typeof VITALS_METRICS)[number], number | null>;

export type VitalsInput = {
  id: string; websiteId: string; visitorId: string; sessionId?: string; timestamp: Date | number | string; path: string;
  vitals: Vitals; context: Record<string, unknown>;
};

/** An accepted vitals event as its engine row. */
export function vitalsRow(e: VitalsInput): VitalsRow {
  const context = Object.fromEntries(VITALS_CONTEXT.map((c) => [c, typeof e.context[c] === "string" ? e.context[c] : ""]));
  const metrics = Object.fromEntries(VITALS_METRICS.map((m) => [m, e.vitals[m] ?? null]));
  return {
    website_id: e.websiteId, ts: engineTime(new Date(e.timestamp)), event_id: e.id, visitor_id: e.visitorId, session_id: e.sessionId ?? "", path: e.path,
    ...context, ...metrics,
  } as VitalsRow;
}

/**
 * Writes vitals rows in one insert. `replayed`: they may have been written
 * before (a log segment replayed), so rows already held are left out; a row
 * never changes once written, so skipping it is exact.
 */
export async function insertVitals(rows: readonly VitalsRow[], replayed = false): Promise<void> {
  if (!rows.length) return;
  const e = await engine();
  const fresh = replayed ? await unwritten(e, e.tables.vitals, rows) : rows;
  if (fresh.length) await e.insert(e.tables.vitals, fresh);
}

import type { SessionFacts } from "@/lib/ingest/sessionize";
import { engine } from "./index";
import { CONTEXT_COLUMNS, type ContextColumn } from "./schema";
import { unwritten } from "./replay";
import { str, strs } from "./sql";
import { engineTime } from "./time";

/** An events row as inserted (lib/engine/schema.ts). */
export type EventRow = {
  website_id: string; session_start: string; session_id: string; visitor_id: string; event_id: string; ts: string;
  kind: "pageview" | "goal" | "scroll" | "identify"; session_first: 0 | 1; session_view: number; session_seconds: number; extra: 0 | 1;
  path: string; name: string; title: string; props: Record<string, string>; scroll_depth: number; value: number; user_id: string;
} & Record<ContextColumn, string>;

/** Session context keys as ingest and the Session documents name them, by engine column. */
export const CONTEXT_KEY: Record<ContextColumn, string> = {
  entry_page: "entryPage", referrer: "referrer", referrer_domain: "referrerDomain", channel: "channel",
  utm_source: "utmSource", utm_medium: "utmMedium", utm_campaign: "utmCampaign", utm_term: "utmTerm", utm_content: "utmContent",
  hostname: "hostname", country: "country", region: "region", city: "city", browser: "browser", os: "os", device: "device",
};

export function contextColumns(context: Record<string, unknown>): Record<ContextColumn, string> {
  const out = {} as Record<ContextColumn, string>;
  for (const c of CONTEXT_COLUMNS) {
    const v = context[CONTEXT_KEY[c]];
    out[c] = typeof v === "string" ? v : "";
  }
  return out;
}

export type EventInput = {
  id: string; websiteId: string; visitorId: string; sessionId: string; type: EventRow["kind"]; timestamp: Date | number; path?: string;
  name?: string; title?: string; props?: { k: string; v: string }[]; scrollDepth?: number; userId?: string; value?: number;
};

/** An accepted event as its engine row, with what ingest knew of its visit. */
export function eventRow(e: EventInput, facts: SessionFacts, extra = false): EventRow {
  return {
    website_id: e.websiteId, session_start: engineTime(facts.start), session_id: e.sessionId, visitor_id: e.visitorId, event_id: e.id, ts: engineTime(e.timestamp),
    kind: e.type, session_first: facts.first ? 1 : 0, session_view: facts.view, session_seconds: facts.seconds, extra: extra ? 1 : 0,
    path: e.path ?? "", name: e.name ?? "", title: e.title ?? "", props: Object.fromEntries((e.props ?? []).map((p) => [p.k, p.v])),
    scroll_depth: e.scrollDepth ?? 0, value: e.value ?? 0, user_id: e.userId ?? "",
    ...contextColumns(facts.context),
  };
}

/**
 * Writes event rows in one insert. `replayed`: the rows may have been written
 * before (a log segment replayed), so those already held are left out; rows
 * never change once written, so skipping them is exact. Returns the rows
 * this call wrote.
 */
export async function insertEvents(rows: readonly EventRow[], replayed = false): Promise<readonly EventRow[]> {
  if (!rows.length) return rows;
  const e = await engine();
  const fresh = replayed ? await unwritten(e, e.tables.events, rows) : rows;
  await e.insert(e.tables.events, fresh);
  return fresh;
}

/** Removes events by id (a deleted payment's timeline markers). */
export async function deleteEvents(websiteId: string, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const e = await engine();
  await e.exec(`DELETE FROM ${e.tables.eventsLocal}${e.tables.onCluster} WHERE website_id = ${str(websiteId)} AND event_id IN ${strs(ids)}`);
}

/** A visit as extras need it: its start and context (a Session document, or a visit read back from the engine). */
export type VisitRef = { websiteId: unknown; sessionId: string; visitorId: string; startedAt: Date } & Record<string, unknown>;

/**
 * A goal reported for a visit outside ingest (an API goal, a payment's
 * timeline marker): a row of the visit that adds a goal and nothing else to
 * its facts (no pageview, no seconds).
 */
export async function insertExtraGoal(visit: VisitRef, goal: { id: string; name: string; at: Date; path?: string; value?: number; props?: { k: string; v: string }[] }): Promise<void> {
  const row = eventRow(
    { id: goal.id, websiteId: String(visit.websiteId), visitorId: visit.visitorId, sessionId: visit.sessionId, type: "goal", timestamp: goal.at, path: goal.path, name: goal.name, value: goal.value, props: goal.props },
    { start: visit.startedAt.getTime(), first: false, view: 0, seconds: 0, context: visit as Record<string, string> },
    true,
  );
  await insertEvents([row]);
}

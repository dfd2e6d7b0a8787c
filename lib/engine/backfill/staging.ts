import type { Engine } from "../index";
import { CONTEXT_COLUMNS } from "../schema";
import { ident } from "../sql";
import { engineTime } from "../time";
import { contextColumns } from "../events";

/**
 * Raw visits and events staged in the engine before their rows are made
 * (lib/engine/backfill/finish.ts): the engine sorts and numbers them, so a
 * store of any size is moved in bounded memory. Sources: the store's raw
 * documents (an install from before the engine), the demo seed, benchmarks.
 */
export const STAGED_SESSIONS = "backfill_sessions";
export const STAGED_EVENTS = "backfill_events";

const lc = "LowCardinality(String)";

export async function createStaging(e: Engine): Promise<void> {
  const db = ident(e.database);
  await e.exec(`CREATE TABLE IF NOT EXISTS ${db}.${STAGED_SESSIONS} (
    website_id ${lc}, session_id String, visitor_id String, started_at DateTime64(3, 'UTC'), last_seen DateTime64(3, 'UTC'), duration UInt32,
    ${CONTEXT_COLUMNS.map((c) => `${c} ${c === "referrer" ? "String" : lc}`).join(", ")}
  ) ENGINE = MergeTree ORDER BY (website_id, session_id)`);
  await e.exec(`CREATE TABLE IF NOT EXISTS ${db}.${STAGED_EVENTS} (
    website_id ${lc}, session_id String, event_id String, ts DateTime64(3, 'UTC'), kind Enum8('pageview' = 1, 'goal' = 2, 'scroll' = 3, 'identify' = 4),
    path ${lc}, name ${lc}, title String, props Map(String, String), scroll_depth UInt8, value Int64, marker UInt8
  ) ENGINE = MergeTree ORDER BY (website_id, session_id)`);
}

export async function dropStaging(e: Engine): Promise<void> {
  const db = ident(e.database);
  for (const t of [STAGED_SESSIONS, STAGED_EVENTS]) await e.exec(`DROP TABLE IF EXISTS ${db}.${t}`);
}

/** A Session document (or one shaped like it). */
export type StagedSession = { websiteId: unknown; sessionId: string; visitorId: string; startedAt: Date; lastSeenAt: Date; duration?: number | null } & Record<string, unknown>;
/** A PageView or GoalEvent document (or one shaped like it). */
export type StagedEvent = {
  _id?: unknown; websiteId: unknown; sessionId?: string | null; timestamp: Date; path?: string | null; name?: string | null; title?: string | null;
  props?: { k: string; v: string }[] | null; scrollDepth?: number | null; value?: number | null;
};

// Payments' timeline markers are goals a payment added to a visit, not something the visitor did.
const MARKERS = new Set(["payment", "renewal", "refund"]);

export async function stageSessions(e: Engine, sessions: readonly StagedSession[]): Promise<void> {
  await e.insert(`${ident(e.database)}.${STAGED_SESSIONS}`, sessions.map((s) => ({
    website_id: String(s.websiteId), session_id: s.sessionId, visitor_id: s.visitorId, started_at: engineTime(s.startedAt), last_seen: engineTime(s.lastSeenAt),
    duration: Math.max(0, Math.round(s.duration ?? 0)), ...contextColumns(s),
  })));
}

export async function stageEvents(e: Engine, kind: "pageview" | "goal", events: readonly StagedEvent[]): Promise<void> {
  await e.insert(`${ident(e.database)}.${STAGED_EVENTS}`, events.flatMap((d) => (d.sessionId ? [{
    website_id: String(d.websiteId), session_id: d.sessionId, event_id: String(d._id), ts: engineTime(d.timestamp), kind,
    path: d.path ?? "", name: d.name ?? "", title: d.title ?? "", props: Object.fromEntries((d.props ?? []).map((p) => [p.k, p.v])),
    scroll_depth: d.scrollDepth ?? 0, value: d.value ?? 0, marker: kind === "goal" && d.value !== undefined && d.value !== null && MARKERS.has(d.name ?? "") ? 1 : 0,
  }] : [])));
}

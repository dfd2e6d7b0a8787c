import type { Engine } from "../index";
import { CONTEXT_COLUMNS } from "../schema";
import { ident, int } from "../sql";
import { STAGED_EVENTS, STAGED_SESSIONS } from "./staging";

const ROW_COLUMNS = [
  "website_id", "session_start", "session_id", "visitor_id", "event_id", "ts", "kind", "session_first", "session_view", "session_seconds", "extra",
  "path", "name", "title", "props", "scroll_depth", "value", "user_id", ...CONTEXT_COLUMNS,
];

/** Months (YYYYMM) of the staged visits' starts, oldest first: the unit a finish step works on, to bound the engine's memory. */
export async function stagedMonths(e: Engine): Promise<number[]> {
  const rows = await e.query<{ m: number }>(`SELECT DISTINCT toYYYYMM(started_at) AS m FROM ${ident(e.database)}.${STAGED_SESSIONS} ORDER BY m`);
  return rows.map((r) => r.m);
}

/**
 * Makes the event rows of the staged visits that started in one month, with
 * the facts ingest would have written (lib/ingest/sessionize.ts): the first
 * event of a visit starts it, pageviews are numbered, and each event adds the
 * seconds its time adds to the visit's rounded duration (the last one up to
 * the duration the visit document holds, which counts events kept nowhere
 * else, such as scrolls). A goal outside the visit's span, or a payment's
 * marker, is an extra: it adds its goal and nothing else, as it did live.
 * A visit without any event gets one row of its own. Rows of these events
 * already in the engine (a run cut short, events ingested live meanwhile)
 * are replaced, so running it again changes nothing.
 */
export async function finishMonth(e: Engine, month: number): Promise<void> {
  const db = ident(e.database);
  const sessions = `${db}.${STAGED_SESSIONS}`;
  const events = `${db}.${STAGED_EVENTS}`;
  const inMonth = `toYYYYMM(started_at) = ${int(month)}`;
  const ctx = CONTEXT_COLUMNS.map((c) => `s.${c} AS ${c}`).join(", ");
  const staged = `(SELECT website_id, session_id FROM ${sessions} WHERE ${inMonth})`;
  await e.exec(`DELETE FROM ${e.tables.eventsLocal}${e.tables.onCluster} WHERE event_id IN (
    SELECT event_id FROM ${events} WHERE (website_id, session_id) IN ${staged}
    UNION ALL SELECT concat('visit:', session_id) FROM ${sessions} WHERE ${inMonth})`);
  const joined = `SELECT ev.website_id AS website_id, ev.session_id AS session_id, ev.event_id AS event_id, ev.ts AS ts, ev.kind AS kind, ev.path AS path, ev.name AS name,
      ev.title AS title, ev.props AS props, ev.scroll_depth AS scroll_depth, ev.value AS value, s.visitor_id AS visitor_id, s.started_at AS started_at, s.duration AS duration,
      ${ctx}, toUInt8(ev.marker = 1 OR ev.ts > s.last_seen OR ev.ts < s.started_at) AS extra
    FROM ${events} AS ev INNER JOIN (SELECT * FROM ${sessions} WHERE ${inMonth}) AS s ON ev.website_id = s.website_id AND ev.session_id = s.session_id`;
  const visit = "PARTITION BY website_id, session_id";
  const ordered = `${visit} ORDER BY extra, ts, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`;
  const numbered = `SELECT *, row_number() OVER (${ordered}) AS n, countIf(kind = 'pageview') OVER (${ordered}) AS views, countIf(extra = 0) OVER (${visit}) AS kept,
      if(extra = 1, 0, if(n = kept, duration, intDiv(greatest(toUnixTimestamp64Milli(ts) - toUnixTimestamp64Milli(started_at), 0) + 500, 1000))) AS reached
    FROM (${joined})`;
  await e.exec(`INSERT INTO ${e.tables.events} (${ROW_COLUMNS.join(", ")})
    SELECT website_id, started_at, session_id, visitor_id, event_id, ts, kind, toUInt8(extra = 0 AND n = 1), if(kind = 'pageview', views, 0),
      toUInt32(if(extra = 1, 0, greatest(reached - lagInFrame(reached, 1, 0) OVER (${ordered}), 0))), extra, path, name, title, props, scroll_depth, value, '', ${CONTEXT_COLUMNS.join(", ")}
    FROM (${numbered})`);
  // Visits none of whose events are their own (identify-only, or only extras): the visit document alone.
  await e.exec(`INSERT INTO ${e.tables.events} (${ROW_COLUMNS.join(", ")})
    SELECT website_id, started_at, session_id, visitor_id, concat('visit:', session_id), started_at, 'identify', 1, 0, duration, 0, '', '', '', map(), 0, 0, '', ${CONTEXT_COLUMNS.join(", ")}
    FROM ${sessions} WHERE ${inMonth} AND (website_id, session_id) NOT IN (SELECT website_id, session_id FROM (${joined}) WHERE extra = 0)`);
}

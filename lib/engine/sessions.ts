import { engine } from "./index";
import { CONTEXT_KEY } from "./events";
import { CONTEXT_COLUMNS } from "./schema";
import { str } from "./sql";
import { fromEngineTime } from "./time";

/** A visit read back from the engine: its id, start and context under the names the Session documents use. */
export type EngineVisit = { sessionId: string; visitorId: string; startedAt: Date } & Record<string, string | Date | undefined>;

type Row = { session_id: string; visitor_id: string; started: string } & Record<string, string>;

function visitOf(r: Row): EngineVisit {
  const v: EngineVisit = { sessionId: r.session_id, visitorId: r.visitor_id, startedAt: new Date(fromEngineTime(r.started)) };
  for (const c of CONTEXT_COLUMNS) if (r[c]) v[CONTEXT_KEY[c]] = r[c];
  return v;
}

/**
 * A visitor's visits on one website, oldest first (the first row of each
 * visit). The visitor id's bloom filter lets the engine read only the parts
 * of the site's rows that may hold it.
 */
export async function visitsOf(websiteId: string, visitorId: string, opts: { latest?: boolean } = {}): Promise<EngineVisit[]> {
  const e = await engine();
  const rows = await e.query<Row>(
    `SELECT session_id, visitor_id, toString(session_start) AS started, ${CONTEXT_COLUMNS.join(", ")} FROM ${e.tables.events}
     WHERE website_id = ${str(websiteId)} AND visitor_id = ${str(visitorId)} AND session_first = 1
     ORDER BY started ${opts.latest ? "DESC LIMIT 1" : "ASC"}`,
  );
  return rows.map(visitOf);
}

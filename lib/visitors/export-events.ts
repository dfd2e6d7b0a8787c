import type { ApiWebsite } from "@/lib/auth/with-api-key";
import { engine } from "@/lib/engine";
import { at, int, str } from "@/lib/engine/sql";
import { fromEngineTime } from "@/lib/engine/time";
import { csvRow } from "@/lib/http/csv";
import type { ExportQuery } from "@/lib/schemas/api-v1";
import { toInterval, type DateBound } from "@/lib/stats/date-range";

const CONTEXT = ["hostname", "referrer", "channel", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "country", "region", "city", "browser", "os", "device"] as const;
export const EXPORT_COLUMNS = ["type", "timestamp", "visitor_id", "session_id", "path", "name", "title", "props", "scroll_depth", ...CONTEXT];

type Row = { kind: "pageview" | "goal"; at: string; visitor_id: string; session_id: string; started: string; event_id: string; path: string; name: string; title: string; props: Record<string, string> } & Record<(typeof CONTEXT)[number], string>;

// Rows per engine read: a page is one ordered read that resumes after the last row of the one before.
const PAGE = 5_000;

/**
 * The website's pageviews and goals in [from, to] as CSV, streamed: pageviews
 * first, then goals, each in the engine's own order (by visit, then time),
 * read a page at a time so an export of any size holds one page in memory.
 * Each row carries its visit's source, place and device; a pageview its
 * deepest scroll. Stopping the download stops the reads.
 */
export function exportEventsCsv(website: Pick<ApiWebsite, "id" | "timezone">, q: ExportQuery): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = eventsCsv(website, q);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
}

/** The same CSV as pieces of text (a header, then a page of rows at a time): what the site export's zip takes in. */
export function eventsCsv(website: Pick<ApiWebsite, "id" | "timezone">, q: Pick<ExportQuery, "type"> & { from?: DateBound; to?: DateBound }, onRows: (n: number) => void = () => {}): AsyncGenerator<string> {
  const { start, end } = toInterval(q.from, q.to, website.timezone);
  const kinds: Row["kind"][] = q.type === "all" ? ["pageview", "goal"] : [q.type === "goals" ? "goal" : "pageview"];
  const within = [start && `ts >= ${at(start)}`, end && `ts < ${at(end)}`, end && `session_start < ${at(end)}`].filter(Boolean).join(" AND ") || "1";

  async function* pages(): AsyncGenerator<string> {
    yield csvRow(EXPORT_COLUMNS);
    const e = await engine();
    const site = `website_id = ${str(website.id)}`;
    for (const kind of kinds) {
      let after = "1";
      for (;;) {
        const rows = await e.query<Row>(
          `SELECT kind, toString(ts) AS at, visitor_id, session_id, toString(session_start) AS started, event_id, path, name, title, props, ${CONTEXT.join(", ")}
           FROM ${e.tables.events} WHERE ${site} AND kind = ${str(kind)} AND ${within} AND ${after}
           ORDER BY session_start, session_id, ts, event_id LIMIT ${int(PAGE)}`,
        );
        if (!rows.length) break;
        const depth = kind === "pageview" ? await scrollDepths(rows) : new Map<string, number>();
        let chunk = "";
        for (const r of rows) {
          const props = Object.keys(r.props ?? {}).length ? JSON.stringify(r.props) : undefined;
          chunk += csvRow([r.kind, new Date(fromEngineTime(r.at)), r.visitor_id, r.session_id, r.path, r.name, r.title, props, depth.get(`${r.session_id}\0${r.path}`), ...CONTEXT.map((c) => r[c])]);
        }
        yield chunk;
        onRows(rows.length);
        if (rows.length < PAGE) break;
        const last = rows[rows.length - 1];
        after = `(session_start, session_id, ts, event_id) > (toDateTime64(${str(last.started)}, 3, 'UTC'), ${str(last.session_id)}, toDateTime64(${str(last.at)}, 3, 'UTC'), ${str(last.event_id)})`;
      }
    }

    /**
     * The deepest scroll reported per visit and page, for a page of pageviews: the visits
     * that started in the page's span (by time, not a list of ids, which could outgrow a statement).
     */
    async function scrollDepths(rows: Row[]): Promise<Map<string, number>> {
      const e = await engine();
      const found = await e.query<{ session_id: string; path: string; depth: number }>(
        `SELECT session_id, path, max(scroll_depth) AS depth FROM ${e.tables.events}
         WHERE website_id = ${str(website.id)} AND kind = 'scroll'
           AND session_start >= toDateTime64(${str(rows[0].started)}, 3, 'UTC') AND session_start <= toDateTime64(${str(rows[rows.length - 1].started)}, 3, 'UTC')
         GROUP BY session_id, path`,
      );
      return new Map(found.map((f) => [`${f.session_id}\0${f.path}`, f.depth]));
    }
  }

  return pages();
}

import type { ApiWebsite } from "@/lib/auth/with-api-key";
import { engine } from "@/lib/engine";
import { at, int, str } from "@/lib/engine/sql";
import { fromEngineTime } from "@/lib/engine/time";
import { ApiError } from "@/lib/http/errors";
import type { ListVisitorsQuery } from "@/lib/schemas/api-v1";
import type { VisitorList } from "@/lib/schemas/api-v1-responses";
import { toInterval } from "@/lib/stats/date-range";
import { orNull } from "./context";

type Row = {
  visitor_id: string; first_seen: string; last_seen: number; visits: number; pageviews: number;
  first_channel: string; first_campaign: string; last_country: string; last_device: string; is_customer: number;
};
type Cursor = { t: number; v: string };

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.t, c.v])).toString("base64url");
function decodeCursor(raw: string): Cursor {
  try {
    const [t, v] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof t === "number" && typeof v === "string") return { t, v };
  } catch {
    // falls through to the 400
  }
  throw new ApiError(400, "invalid_cursor", "cursor: pass `nextCursor` from the previous page as it was");
}

/**
 * Visitors with a visit starting in [from, to] (all time when unbounded), most
 * recently seen first, from the stats engine. Country, device and campaign
 * select visitors with at least one such visit matching all three; page and
 * goal, visitors who viewed or completed it in the range; isCustomer,
 * visitors with any payment. Counts cover every visit in the range.
 */
export async function listVisitors(website: ApiWebsite, q: ListVisitorsQuery): Promise<VisitorList> {
  const interval = toInterval(q.from, q.to, website.timezone);
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const e = await engine();
  const site = `website_id = ${str(website.id)}`;
  const within = (column: string) => [interval.start && `${column} >= ${at(interval.start)}`, interval.end && `${column} < ${at(interval.end)}`].filter(Boolean).join(" AND ") || "1";
  const visitMatches = [q.country && `country = ${str(q.country)}`, q.device && `device = ${str(q.device)}`, q.utm_campaign && `utm_campaign = ${str(q.utm_campaign)}`].filter(Boolean).join(" AND ") || "1";
  const having = [`matched = 1`];
  if (q.page) having.push(`visitor_id IN (SELECT visitor_id FROM ${e.tables.events} WHERE ${site} AND kind = 'pageview' AND path = ${str(q.page)} AND ${within("ts")})`);
  if (q.goal) having.push(`visitor_id IN (SELECT visitor_id FROM ${e.tables.events} WHERE ${site} AND kind = 'goal' AND name = ${str(q.goal)} AND ${within("ts")})`);
  if (q.isCustomer !== undefined) having.push(`is_customer = ${q.isCustomer ? 1 : 0}`);
  if (after) having.push(`(last_seen < ${int(after.t)} OR (last_seen = ${int(after.t)} AND visitor_id > ${str(after.v)}))`);
  const rows = await e.query<Row>(`
    SELECT visitor_id, toString(min(session_start)) AS first_seen, toInt64(toUnixTimestamp64Milli(max(if(extra = 0, ts, session_start)))) AS last_seen,
      countIf(session_first = 1) AS visits, countIf(kind = 'pageview') AS pageviews,
      argMinIf(channel, session_start, session_first = 1) AS first_channel, argMinIf(utm_campaign, session_start, session_first = 1) AS first_campaign,
      argMaxIf(country, session_start, session_first = 1) AS last_country, argMaxIf(device, session_start, session_first = 1) AS last_device,
      max(session_first = 1 AND ${visitMatches}) AS matched,
      visitor_id IN (SELECT visitor_id FROM ${e.tables.payments} FINAL WHERE ${site} AND visitor_id != '') AS is_customer
    FROM ${e.tables.events} WHERE ${site} AND ${within("session_start")}
    GROUP BY visitor_id HAVING ${having.join(" AND ")}
    ORDER BY last_seen DESC, visitor_id ASC LIMIT ${int(q.limit + 1)}`);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    visitors: page.map((r) => ({
      visitorId: r.visitor_id,
      firstSeen: new Date(fromEngineTime(r.first_seen)).toISOString(),
      lastSeen: new Date(r.last_seen).toISOString(),
      visits: r.visits,
      pageviews: r.pageviews,
      country: orNull(r.last_country),
      device: orNull(r.last_device),
      channel: orNull(r.first_channel),
      utmCampaign: orNull(r.first_campaign),
      isCustomer: r.is_customer === 1,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.last_seen, v: last.visitor_id }) : null,
  };
}

import { engine } from "@/lib/engine";
import { CONTEXT_KEY } from "@/lib/engine/events";
import { CONTEXT_COLUMNS } from "@/lib/engine/schema";
import { str } from "@/lib/engine/sql";
import { fromEngineTime } from "@/lib/engine/time";

// One visitor's rows, read through the visitor id's bloom filter: the engine
// skips every part of the site's data that cannot hold them.

/** A visit of the visitor as the profile shows it, with its context under the Session document's names. */
export type VisitorVisit = { sessionId: string; startedAt: Date; lastSeenAt: Date; duration: number; pageviews: number } & Record<string, string | number | Date | undefined>;
export type VisitorEvent = { kind: "pageview" | "goal"; sessionId: string; timestamp: Date; path: string; name: string; value: number; extra: boolean };
export type VisitorPayment = {
  id: string; transactionId: string; provider: string; amount: number; refundedAmount: number; currency: string; renewal: boolean; timestamp: Date;
  status: "paid" | "refunded" | "partially_refunded";
};

const scope = (websiteId: string, visitorId: string) => `website_id = ${str(websiteId)} AND visitor_id = ${str(visitorId)}`;

/** The visitor's visits, oldest first. */
export async function visitorVisits(websiteId: string, visitorId: string): Promise<VisitorVisit[]> {
  const e = await engine();
  const rows = await e.query<Record<string, string | number>>(
    `SELECT session_id, toString(min(session_start)) AS started, toString(greatest(min(session_start), maxIf(ts, extra = 0))) AS last,
       sum(session_seconds) AS duration, countIf(kind = 'pageview') AS pageviews, ${CONTEXT_COLUMNS.map((c) => `any(${c}) AS ${c}`).join(", ")}
     FROM ${e.tables.events} WHERE ${scope(websiteId, visitorId)} GROUP BY session_id ORDER BY started`,
  );
  return rows.map((r) => {
    const v: VisitorVisit = {
      sessionId: String(r.session_id), startedAt: new Date(fromEngineTime(String(r.started))), lastSeenAt: new Date(fromEngineTime(String(r.last))),
      duration: Number(r.duration), pageviews: Number(r.pageviews),
    };
    for (const c of CONTEXT_COLUMNS) if (r[c]) v[CONTEXT_KEY[c]] = String(r[c]);
    return v;
  });
}

/** The visitor's pageviews or goals, newest first, at most `limit`. */
export async function visitorEvents(websiteId: string, visitorId: string, kind: VisitorEvent["kind"], limit: number): Promise<VisitorEvent[]> {
  const e = await engine();
  const rows = await e.query<{ kind: "pageview" | "goal"; session_id: string; at: string; path: string; name: string; value: number; extra: number }>(
    `SELECT kind, session_id, toString(ts) AS at, path, name, value, extra FROM ${e.tables.events}
     WHERE ${scope(websiteId, visitorId)} AND kind = ${str(kind)} ORDER BY at DESC LIMIT ${Math.floor(limit)}`,
  );
  return rows.map((r) => ({ kind: r.kind, sessionId: r.session_id, timestamp: new Date(fromEngineTime(r.at)), path: r.path, name: r.name, value: r.value, extra: r.extra === 1 }));
}

/** How many pageviews the visitor made, and per path and goal: count, first and last time. */
export async function visitorTallies(websiteId: string, visitorId: string): Promise<{ kind: string; key: string; count: number; first: Date; last: Date }[]> {
  const e = await engine();
  const rows = await e.query<{ kind: string; key: string; count: number; first: string; last: string }>(
    `SELECT kind, if(kind = 'pageview', path, name) AS key, count() AS count, toString(min(ts)) AS first, toString(max(ts)) AS last FROM ${e.tables.events}
     WHERE ${scope(websiteId, visitorId)} AND kind IN ('pageview', 'goal') GROUP BY kind, key`,
  );
  return rows.map((r) => ({ kind: r.kind, key: r.key, count: r.count, first: new Date(fromEngineTime(r.first)), last: new Date(fromEngineTime(r.last)) }));
}

const statusOf = (refunded: number, amount: number): VisitorPayment["status"] => (refunded <= 0 ? "paid" : refunded >= amount ? "refunded" : "partially_refunded");

/** The visitor's payments, oldest first. */
export async function visitorPayments(websiteId: string, visitorId: string): Promise<VisitorPayment[]> {
  const e = await engine();
  const rows = await e.query<{ payment_id: string; transaction_id: string; provider: string; amount: number; refunded: number; currency: string; renewal: number; paid: string }>(
    `SELECT payment_id, transaction_id, provider, amount, refunded, currency, renewal, toString(ts) AS paid FROM ${e.tables.payments} FINAL
     WHERE ${scope(websiteId, visitorId)} ORDER BY paid`,
  );
  return rows.map((p) => ({
    id: p.payment_id, transactionId: p.transaction_id, provider: p.provider, amount: p.amount, refundedAmount: p.refunded, currency: p.currency,
    renewal: p.renewal === 1, timestamp: new Date(fromEngineTime(p.paid)), status: statusOf(p.refunded, p.amount),
  }));
}

/** A visitor's visits and payments, each read once however many parts of a page ask (the profile's summary and timeline both do). */
export type VisitorReads = { visits: () => Promise<VisitorVisit[]>; payments: () => Promise<VisitorPayment[]> };

export function visitorReads(websiteId: string, visitorId: string): VisitorReads {
  let visits: Promise<VisitorVisit[]> | undefined;
  let payments: Promise<VisitorPayment[]> | undefined;
  return {
    visits: () => (visits ??= visitorVisits(websiteId, visitorId)),
    payments: () => (payments ??= visitorPayments(websiteId, visitorId)),
  };
}

import { Types } from "mongoose";
import type { ApiWebsite } from "@/lib/auth/with-api-key";
import { connectDb } from "@/lib/db";
import { engine } from "@/lib/engine";
import { CONTEXT_COLUMNS } from "@/lib/engine/schema";
import { at, int, str } from "@/lib/engine/sql";
import { fromEngineTime } from "@/lib/engine/time";
import { csvRow } from "@/lib/http/csv";
import { zipPieces, type ZipEntry } from "@/lib/http/zip";
import { toInterval, type DateBound } from "@/lib/stats/date-range";
import { eventsCsv } from "@/lib/visitors/export-events";
import { Payment, type PaymentDoc } from "@/models/Payment";

// Rows per read: one page of a table is all the export holds at a time.
const PAGE = 5_000;

export const SESSION_COLUMNS = ["session_id", "visitor_id", "started_at", "duration_seconds", "pageviews", "events", "exit_page", ...CONTEXT_COLUMNS];
const TOUCH = ["channel", "referrerDomain", "utmSource", "utmMedium", "utmCampaign", "entryPage", "country", "device"] as const;
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const PAYMENT_COLUMNS = [
  "transaction_id", "provider", "timestamp", "amount", "refunded_amount", "currency", "renewal", "status", "visitor_id", "matched_by",
  ...TOUCH.map((k) => `first_${snake(k)}`), ...TOUCH.map((k) => `last_${snake(k)}`),
];

/** Which file of the export a count is about, and how many rows of it are written so far. */
export type ExportProgress = (file: string, rows: number) => void;
type Site = Pick<ApiWebsite, "id" | "timezone">;
type Range = { from?: DateBound; to?: DateBound };

/**
 * The site's visits, one row each, in the engine's order, a page at a time.
 * Grouped along the table's sort key, so each page reads from where the last
 * one ended and stops at its limit.
 */
async function* sessionsCsv(site: Site, range: Range, progress: (n: number) => void): AsyncGenerator<string> {
  yield csvRow(SESSION_COLUMNS);
  const { start, end } = toInterval(range.from, range.to, site.timezone);
  const within = [start && `session_start >= ${at(start)}`, end && `session_start < ${at(end)}`].filter(Boolean).join(" AND ") || "1";
  const e = await engine();
  let after = "1";
  for (;;) {
    const rows = await e.query<Record<string, string | number>>(
      `SELECT session_id, any(visitor_id) AS vid, toString(session_start) AS started, sum(session_seconds) AS seconds, countIf(kind = 'pageview') AS views, count() AS n,
         argMaxIf(path, (ts, event_id), kind = 'pageview') AS exit_path, ${CONTEXT_COLUMNS.map((c) => `any(${c}) AS ${c}_v`).join(", ")}
       FROM ${e.tables.events} WHERE website_id = ${str(site.id)} AND ${within} AND ${after}
       GROUP BY website_id, session_start, session_id ORDER BY website_id, session_start, session_id LIMIT ${int(PAGE)}
       SETTINGS optimize_aggregation_in_order = 1`,
    );
    if (!rows.length) break;
    let chunk = "";
    for (const r of rows) {
      chunk += csvRow([r.session_id, r.vid, new Date(fromEngineTime(String(r.started))), r.seconds, r.views, r.n, r.exit_path, ...CONTEXT_COLUMNS.map((c) => r[`${c}_v`])]);
    }
    yield chunk;
    progress(rows.length);
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1];
    after = `(session_start, session_id) > (toDateTime64(${str(String(last.started))}, 3, 'UTC'), ${str(String(last.session_id))})`;
  }
}

/** The site's payments from the store (the record of money), oldest first, a page at a time by _id. */
async function* paymentsCsv(site: Site, range: Range, progress: (n: number) => void): AsyncGenerator<string> {
  yield csvRow(PAYMENT_COLUMNS);
  await connectDb();
  const { start, end } = toInterval(range.from, range.to, site.timezone);
  const when = start || end ? { timestamp: { ...(start ? { $gte: start } : {}), ...(end ? { $lt: end } : {}) } } : {};
  let after: Types.ObjectId | undefined;
  for (;;) {
    const docs = await Payment.find({ websiteId: new Types.ObjectId(site.id), ...when, ...(after ? { _id: { $gt: after } } : {}) })
      .sort({ _id: 1 })
      .limit(PAGE)
      .lean<PaymentDoc[]>();
    if (!docs.length) break;
    let chunk = "";
    for (const p of docs) {
      const first = (p.firstTouch ?? {}) as Record<string, unknown>;
      const last = (p.lastTouch ?? {}) as Record<string, unknown>;
      chunk += csvRow([
        p.transactionId, p.provider, p.timestamp, p.amount, p.refundedAmount ?? 0, p.currency, p.renewal ? "true" : "false", p.status, p.visitorId, p.matchedBy,
        ...TOUCH.map((k) => first[k]), ...TOUCH.map((k) => last[k]),
      ]);
    }
    yield chunk;
    progress(docs.length);
    if (docs.length < PAGE) break;
    after = docs[docs.length - 1]._id;
  }
}

/**
 * A whole site (or a date range of it) as a zip of four CSV files:
 * pageviews.csv and goals.csv (one row per event, the columns of the CSV
 * export), sessions.csv (one row per visit) and payments.csv (one row per
 * payment, amounts in minor units). Streamed: each file is read a page at a
 * time and compressed as it goes, so memory stays flat however large the
 * site; `progress` hears each file's running row count.
 */
export function siteExportZip(site: Site, range: Range = {}, progress: ExportProgress = () => {}, now = new Date()): AsyncGenerator<Uint8Array> {
  const counter = (file: string) => {
    let rows = 0;
    return (n: number) => progress(file, (rows += n));
  };
  const entries: ZipEntry[] = [
    { name: "pageviews.csv", content: () => eventsCsv(site, { ...range, type: "pageviews" }, counter("pageviews.csv")) },
    { name: "goals.csv", content: () => eventsCsv(site, { ...range, type: "goals" }, counter("goals.csv")) },
    { name: "sessions.csv", content: () => sessionsCsv(site, range, counter("sessions.csv")) },
    { name: "payments.csv", content: () => paymentsCsv(site, range, counter("payments.csv")) },
  ];
  return zipPieces(entries, now);
}

/** Rows each file will hold, counted before the export starts (for a progress bar). */
export async function exportRowCounts(site: Site, range: Range = {}): Promise<Record<string, number>> {
  const { start, end } = toInterval(range.from, range.to, site.timezone);
  const e = await engine();
  const ts = [start && `ts >= ${at(start)}`, end && `ts < ${at(end)}`, end && `session_start < ${at(end)}`].filter(Boolean).join(" AND ") || "1";
  const visits = [start && `session_start >= ${at(start)}`, end && `session_start < ${at(end)}`].filter(Boolean).join(" AND ") || "1";
  const [r] = await e.query<{ pv: number; goals: number; visits: number }>(
    `SELECT countIf(kind = 'pageview' AND ${ts}) AS pv, countIf(kind = 'goal' AND ${ts}) AS goals, uniqExactIf(session_id, ${visits}) AS visits
     FROM ${e.tables.events} WHERE website_id = ${str(site.id)}`,
  );
  await connectDb();
  const payments = await Payment.countDocuments({
    websiteId: new Types.ObjectId(site.id),
    ...(start || end ? { timestamp: { ...(start ? { $gte: start } : {}), ...(end ? { $lt: end } : {}) } } : {}),
  });
  return { "pageviews.csv": Number(r?.pv ?? 0), "goals.csv": Number(r?.goals ?? 0), "sessions.csv": Number(r?.visits ?? 0), "payments.csv": payments };
}

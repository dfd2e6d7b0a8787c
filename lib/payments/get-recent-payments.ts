import { engine } from "@/lib/engine";
import { int, str } from "@/lib/engine/sql";
import { fromEngineTime } from "@/lib/engine/time";

export type RecentPayment = {
  transactionId: string; provider: string; amount: number; refundedAmount: number; currency: string; renewal: boolean;
  visitorId: string | null; matchedBy: string; channel: string | null; timestamp: string;
};
type Row = { transaction_id: string; provider: string; amount: number; refunded: number; currency: string; renewal: number; visitor_id: string; matched_by: string; first_channel: string; paid: string };

/** The website's latest payments, newest first, with the visitor they were matched to: the end of the engine's (website, time) order. */
export async function getRecentPayments(websiteId: string, limit = 20): Promise<RecentPayment[]> {
  const e = await engine();
  const rows = await e.query<Row>(
    `SELECT transaction_id, provider, amount, refunded, currency, renewal, visitor_id, matched_by, first_channel, toString(ts) AS paid
     FROM ${e.tables.payments} FINAL WHERE website_id = ${str(websiteId)} ORDER BY paid DESC LIMIT ${int(limit)}`,
  );
  return rows.map((p) => ({
    transactionId: p.transaction_id, provider: p.provider, amount: p.amount, refundedAmount: p.refunded, currency: p.currency, renewal: p.renewal === 1,
    visitorId: p.visitor_id || null, matchedBy: p.matched_by || "none", channel: p.first_channel || null, timestamp: new Date(fromEngineTime(p.paid)).toISOString(),
  }));
}

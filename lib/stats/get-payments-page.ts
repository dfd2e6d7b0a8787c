import { engine } from "@/lib/engine";
import { int, str } from "@/lib/engine/sql";
import { fromEngineTime } from "@/lib/engine/time";
import type { StatsContext } from "./context";
import { selection } from "./selection";

export type PaymentTouch = { channel: string | null; referrer: string | null; campaign: string | null };
export type ListedPayment = {
  id: string; transactionId: string; provider: string; amount: number; refunded: number; currency: string; renewal: boolean;
  visitorId: string | null; customerId: string | null; matchedBy: string; timestamp: string; firstTouch: PaymentTouch | null; lastTouch: PaymentTouch | null;
};
export type PaymentsPage = { page: number; pageSize: number; total: number; payments: ListedPayment[] };

type Row = {
  payment_id: string; transaction_id: string; provider: string; amount: number; refunded: number; currency: string; renewal: number; visitor_id: string;
  customer_id: string; matched_by: string; paid: string; total: number;
  fc: string; fr: string; fu: string; lc: string; lr: string; lu: string;
};

const touch = (channel: string, referrer: string, campaign: string, matched: boolean): PaymentTouch | null =>
  matched ? { channel: channel || null, referrer: referrer || null, campaign: campaign || null } : null;

/**
 * One page of the payments of the period that the filters keep (refunded ones
 * included, so refunds can be read), newest first, with both touches.
 */
export async function getPaymentsPage(ctx: StatsContext, page: number, pageSize: number): Promise<PaymentsPage> {
  const e = await engine();
  const sel = selection(e, ctx, [ctx.period.range]);
  const rows = await e.query<Row>(`SELECT payment_id, transaction_id, provider, amount, refunded, currency, renewal, visitor_id, customer_id, matched_by,
      toString(ts) AS paid, count() OVER () AS total, first_channel AS fc, first_referrer_domain AS fr, first_utm_campaign AS fu,
      last_channel AS lc, last_referrer_domain AS lr, last_utm_campaign AS lu
    FROM ${e.tables.payments} FINAL
    WHERE website_id = ${str(ctx.id)} AND payment_id IN (SELECT payment_id FROM ${sel.paid("payment_id")})
    ORDER BY ts DESC, payment_id DESC LIMIT ${int(pageSize)} OFFSET ${int((page - 1) * pageSize)}`);
  return {
    page,
    pageSize,
    // A page past the end has no rows to carry the count: it reads as empty.
    total: rows[0]?.total ?? 0,
    payments: rows.map((r) => ({
      id: r.payment_id, transactionId: r.transaction_id, provider: r.provider, amount: r.amount, refunded: r.refunded, currency: r.currency, renewal: r.renewal === 1,
      visitorId: r.visitor_id || null, customerId: r.customer_id || null, matchedBy: r.matched_by || "none", timestamp: new Date(fromEngineTime(r.paid)).toISOString(),
      firstTouch: touch(r.fc, r.fr, r.fu, !!r.visitor_id), lastTouch: touch(r.lc, r.lr, r.lu, !!r.visitor_id),
    })),
  };
}


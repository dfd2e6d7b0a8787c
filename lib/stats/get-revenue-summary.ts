import { engine } from "@/lib/engine";
import { at, str } from "@/lib/engine/sql";
import type { StatsContext } from "./context";
import { CUSTOMER, selection } from "./selection";

/**
 * The revenue page's totals for the context's period and filters. Money is
 * minor units of the site currency (other currencies are in the overview's
 * revenueByCurrency); counts take every currency, like the overview's payments.
 * - gross, refunds, net: the payments made in the period (a refund counts with
 *   its payment), so net is the overview's revenue;
 * - newRevenue / renewalRevenue: net split by the provider's renewal flag;
 * - customers: distinct payers with a payment not fully refunded (by the
 *   provider's customer id, else the visitor, else the payment itself);
 * - ltv: those customers' net lifetime revenue up to the period's end, per customer.
 */
export type RevenueSummary = {
  currency: string;
  gross: number;
  refunds: number;
  net: number;
  newRevenue: number;
  renewalRevenue: number;
  payments: number;
  refundedPayments: number;
  customers: number;
  revenuePerCustomer: number;
  ltv: number;
};

type Row = { gross: number; refunds: number; net_sum: number; fresh: number; renewals: number; payments: number; refunded_payments: number; customers: number; lifetime: number };

export async function getRevenueSummary(ctx: StatsContext): Promise<RevenueSummary> {
  const e = await engine();
  const sel = selection(e, ctx, [ctx.period.range]);
  const cur = `currency = ${str(ctx.currency)}`;
  const [r] = await e.query<Row>(`SELECT sumIf(amount, ${cur}) AS gross, sumIf(refunded, ${cur}) AS refunds, sumIf(net, ${cur}) AS net_sum,
      sumIf(net, ${cur} AND renewal = 0) AS fresh, sumIf(net, ${cur} AND renewal = 1) AS renewals,
      countIf(net > 0) AS payments, countIf(refunded > 0) AS refunded_payments, uniqExactIf(customer, net > 0) AS customers,
      (SELECT sum(amount - refunded) FROM ${e.tables.payments} FINAL
        WHERE website_id = ${str(ctx.id)} AND ts < ${at(ctx.period.range.end)} AND ${cur}
          AND ${CUSTOMER} IN (SELECT customer FROM ${sel.paid("customer", "net")} WHERE net > 0)) AS lifetime
    FROM ${sel.paid("amount", "refunded", "net", "renewal", "customer", "currency")}`);
  const customers = r?.customers ?? 0;
  const net = r?.net_sum ?? 0;
  return {
    currency: ctx.currency,
    gross: r?.gross ?? 0,
    refunds: r?.refunds ?? 0,
    net,
    newRevenue: r?.fresh ?? 0,
    renewalRevenue: r?.renewals ?? 0,
    payments: r?.payments ?? 0,
    refundedPayments: r?.refunded_payments ?? 0,
    customers,
    revenuePerCustomer: customers ? Math.round(net / customers) : 0,
    ltv: customers ? Math.round((r?.lifetime ?? 0) / customers) : 0,
  };
}

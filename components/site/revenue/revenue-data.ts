import { formatMoney, formatNumber } from "@/components/format";
import type { MrrMonth } from "@/lib/stats/get-mrr";
import type { RevenueSummary } from "@/lib/stats/get-revenue-summary";

// The revenue page's pure part: the totals as cards, MRR months as chart rows
// with the month's movements, and the pages of the payments list.

export type RevenueCard = { key: string; label: string; value: string; sub?: string; money?: boolean };

export function revenueCards(s: RevenueSummary): RevenueCard[] {
  const m = (n: number) => formatMoney(n, s.currency);
  return [
    { key: "gross", label: "Gross revenue", value: m(s.gross), sub: `${formatNumber(s.payments)} payments`, money: true },
    { key: "refunds", label: "Refunds", value: m(s.refunds), sub: `${formatNumber(s.refundedPayments)} refunded` },
    { key: "net", label: "Net revenue", value: m(s.net), sub: "gross − refunds", money: true },
    { key: "new", label: "New", value: m(s.newRevenue), sub: "first payments" },
    { key: "renewal", label: "Renewals", value: m(s.renewalRevenue), sub: "recurring payments" },
    { key: "customers", label: "Customers", value: formatNumber(s.customers), sub: "who paid" },
    { key: "per-customer", label: "Revenue / customer", value: m(s.revenuePerCustomer) },
    { key: "ltv", label: "LTV", value: m(s.ltv), sub: "lifetime revenue per customer" },
  ];
}

export type MrrRow = MrrMonth & { label: string; churnBar: number };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** One row per month; churn and contraction drawn below the axis (negative), so growth and losses read apart. */
export function mrrRows(months: MrrMonth[]): MrrRow[] {
  return months.map((m) => ({ ...m, label: `${MONTHS[Number(m.month.slice(5, 7)) - 1]} ${m.month.slice(2, 4)}`, churnBar: -(m.churn + m.contraction) }));
}

/** The MRR now (the range's last month) and its change on the month before. */
export function mrrHeadline(months: MrrMonth[]): { mrr: number; net: number } {
  const last = months.at(-1);
  if (!last) return { mrr: 0, net: 0 };
  return { mrr: last.mrr, net: last.newMrr + last.expansion - last.contraction - last.churn };
}

/** "26–50 of 120", and whether there is a page before and after. */
export function pageInfo(page: number, pageSize: number, total: number): { text: string; prev: boolean; next: boolean } {
  if (total === 0) return { text: "0 payments", prev: page > 1, next: false };
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return { text: `${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)}`, prev: page > 1, next: last < total };
}

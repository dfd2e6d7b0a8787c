import type { PaymentRow, Visit } from "./select";

export type RowMetrics = { visitors: number; pageviews: number; revenue: number; payments: number; conversionRate: number };

/** Net revenue per currency, the site's currency first (present even at 0), then by amount. */
export function revenueByCurrency(payments: PaymentRow[], siteCurrency: string): { currency: string; revenue: number }[] {
  const sums = new Map<string, number>([[siteCurrency, 0]]);
  for (const p of payments) sums.set(p.currency, (sums.get(p.currency) ?? 0) + p.net);
  const [site, ...others] = [...sums].map(([currency, revenue]) => ({ currency, revenue }));
  return [site, ...others.sort((a, b) => b.revenue - a.revenue || a.currency.localeCompare(b.currency))];
}

/**
 * Visitors and pageviews of one row, tallied visit by visit. Selections list
 * each visitor's visits together (lib/stats/select.ts), so a visitor is new
 * to the row when it differs from the last one added: no set of every visitor.
 * Only visitors who paid are remembered, for the conversion rate.
 */
export class Tally {
  visitors = 0;
  pageviews = 0;
  private last: string | undefined;
  readonly payers = new Set<string>();

  add(visitorId: string, pageviews: number, allPayers: Set<string | undefined>): void {
    this.pageviews += pageviews;
    if (visitorId === this.last) return;
    this.last = visitorId;
    this.visitors++;
    if (allPayers.has(visitorId)) this.payers.add(visitorId);
  }
}

/** Every visitor who made one of these payments. */
export const payersOf = (payments: PaymentRow[]) => new Set(payments.map((p) => p.visitorId));

/**
 * A row's metrics: its tally and the payments credited to it. A conversion is
 * a visitor of the row with one of these payments, so the rate stays within 0..1.
 */
export function tallyMetrics(t: Tally | undefined, payments: PaymentRow[], siteCurrency: string): RowMetrics {
  let revenue = 0;
  const converted = new Set<string>();
  for (const p of payments) {
    if (p.currency === siteCurrency) revenue += p.net;
    if (p.visitorId && t?.payers.has(p.visitorId)) converted.add(p.visitorId);
  }
  const visitors = t?.visitors ?? 0;
  return { visitors, pageviews: t?.pageviews ?? 0, revenue, payments: payments.length, conversionRate: visitors ? converted.size / visitors : 0 };
}

/** The metrics of a whole selection (its visits grouped by visitor) and its payments. */
export function rowMetrics(visits: Visit[], payments: PaymentRow[], siteCurrency: string): RowMetrics {
  const t = new Tally();
  const payers = payersOf(payments);
  for (const v of visits) t.add(v.visitorId, v.pageviews, payers);
  return tallyMetrics(t, payments, siteCurrency);
}

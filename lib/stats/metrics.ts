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
 * Visitors, pageviews and money of a set of visits and the payments credited
 * to them. A conversion is a visitor of these visits with one of these
 * payments, so the rate stays within 0..1.
 */
export function rowMetrics(visits: Visit[], payments: PaymentRow[], siteCurrency: string): RowMetrics & { visitorIds: Set<string> } {
  const visitorIds = new Set(visits.map((v) => v.visitorId));
  let pageviews = 0;
  for (const v of visits) pageviews += v.pageviews;
  return { ...tallyMetrics(visitorIds, pageviews, payments, siteCurrency), visitorIds };
}

/** The same from what a row has already tallied: its distinct visitors and its pageviews. */
export function tallyMetrics(visitorIds: Set<string>, pageviews: number, payments: PaymentRow[], siteCurrency: string): RowMetrics {
  let revenue = 0;
  const payers = new Set<string>();
  for (const p of payments) {
    if (p.currency === siteCurrency) revenue += p.net;
    if (p.visitorId && visitorIds.has(p.visitorId)) payers.add(p.visitorId);
  }
  return { visitors: visitorIds.size, pageviews, revenue, payments: payments.length, conversionRate: visitorIds.size ? payers.size / visitorIds.size : 0 };
}

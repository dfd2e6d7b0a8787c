import type { PaymentRow, Selection } from "./select";

export type RowMetrics = { visitors: number; pageviews: number; revenue: number; payments: number; conversionRate: number };

/** Net revenue per currency, the site's currency first (present even at 0), then by amount. */
export function revenueByCurrency(payments: PaymentRow[], siteCurrency: string): { currency: string; revenue: number }[] {
  const sums = new Map<string, number>([[siteCurrency, 0]]);
  for (const p of payments) sums.set(p.currency, (sums.get(p.currency) ?? 0) + p.net);
  const [site, ...others] = [...sums].map(([currency, revenue]) => ({ currency, revenue }));
  return [site, ...others.sort((a, b) => b.revenue - a.revenue || a.currency.localeCompare(b.currency))];
}

// One mask for every query: a site with millions of visitors would otherwise
// allocate megabytes per call for a few thousand payers.
let mask = new Uint8Array(0);
let marked: number[] = [];

/**
 * Per visitor number: 1 when the visitor made one of these payments. The mask
 * is shared: it holds until the next call, so use it before the next await.
 */
export function payerMask(payments: PaymentRow[], visitors: number): Uint8Array {
  if (mask.length < visitors) mask = new Uint8Array(Math.max(visitors, mask.length * 2));
  else for (const v of marked) mask[v] = 0;
  marked = [];
  for (const p of payments) {
    if (p.visitor < 0 || mask[p.visitor]) continue;
    mask[p.visitor] = 1;
    marked.push(p.visitor);
  }
  return mask;
}

/**
 * Visitors and pageviews of many rows (numbered 0..rows-1), tallied visit by
 * visit. Selections list each visitor's visits together (lib/stats/select.ts),
 * so a visitor is new to a row when it differs from the last one the row
 * counted: no set of visitors. Only visitors who paid are remembered, for the
 * conversion rate.
 */
export class Tally {
  readonly visitors: Int32Array;
  readonly pageviews: Float64Array;
  readonly payers = new Map<number, number[]>();
  private readonly last: Int32Array;

  constructor(rows: number, private readonly isPayer: Uint8Array) {
    this.visitors = new Int32Array(rows);
    this.pageviews = new Float64Array(rows);
    this.last = new Int32Array(rows).fill(-1);
  }

  add(row: number, visitor: number, pageviews: number): void {
    this.pageviews[row] += pageviews;
    if (this.last[row] === visitor) return;
    this.last[row] = visitor;
    this.visitors[row]++;
    if (this.isPayer[visitor]) this.addPayer(row, visitor);
  }

  /** add() for each of these visits into the row its column names: the hot loop of a breakdown, with the arrays in locals. */
  addColumn(column: Int32Array, visits: Int32Array, visitor: Int32Array, pageviews: Int32Array): void {
    const { visitors, last, isPayer } = this;
    const sums = this.pageviews;
    for (let n = 0; n < visits.length; n++) {
      const i = visits[n];
      const row = column[i];
      const v = visitor[i];
      sums[row] += pageviews[i];
      if (last[row] === v) continue;
      last[row] = v;
      visitors[row]++;
      if (isPayer[v]) this.addPayer(row, v);
    }
  }

  private addPayer(row: number, visitor: number): void {
    const list = this.payers.get(row);
    if (list) list.push(visitor);
    else this.payers.set(row, [visitor]);
  }

  /**
   * A row's metrics with the payments credited to it. A conversion is a
   * visitor of the row with one of these payments, so the rate stays within 0..1.
   */
  metrics(at: number | undefined, payments: PaymentRow[], siteCurrency: string): RowMetrics {
    // A value numbered after this tally began (another query met it since) has no visits here.
    const row = at !== undefined && at < this.visitors.length ? at : undefined;
    const paid = new Set(row === undefined ? [] : this.payers.get(row));
    let revenue = 0;
    const converted = new Set<number>();
    for (const p of payments) {
      if (p.currency === siteCurrency) revenue += p.net;
      if (paid.has(p.visitor)) converted.add(p.visitor);
    }
    const visitors = row === undefined ? 0 : this.visitors[row];
    const pageviews = row === undefined ? 0 : this.pageviews[row];
    return { visitors, pageviews, revenue, payments: payments.length, conversionRate: visitors ? converted.size / visitors : 0 };
  }
}

/** The metrics of a whole selection. */
export function selectionMetrics(sel: Selection, siteCurrency: string): RowMetrics {
  const t = new Tally(1, payerMask(sel.payments, sel.dict.visitors.size));
  for (let n = 0; n < sel.visits.length; n++) t.add(0, sel.cols.visitor[sel.visits[n]], sel.pageviews[sel.visits[n]]);
  return t.metrics(0, sel.payments, siteCurrency);
}

import { groupIndexes, PersonLookup, type GroupedColumns } from "./group-visits";
import type { PaymentRow, Selection } from "./select";

export type RowMetrics = { visitors: number; pageviews: number; revenue: number; payments: number; conversionRate: number };

/** Net revenue per currency, the site's currency first (present even at 0), then by amount. */
export function revenueByCurrency(payments: PaymentRow[], siteCurrency: string): { currency: string; revenue: number }[] {
  const sums = new Map<string, number>([[siteCurrency, 0]]);
  for (const p of payments) sums.set(p.currency, (sums.get(p.currency) ?? 0) + p.net);
  const [site, ...others] = [...sums].map(([currency, revenue]) => ({ currency, revenue }));
  return [site, ...others.sort((a, b) => b.revenue - a.revenue || a.currency.localeCompare(b.currency))];
}

/**
 * The payers of some payments among the persons of some columns
 * (lib/stats/group-visits.ts): per person, whether, how much (site currency)
 * and how many times they paid; per payment, its person (-1: no visit in the
 * columns); and the payments grouped by person: order[first[p] .. first[p+1]).
 */
export type Payers = { isPayer: Uint8Array; revenue: Float64Array; count: Int32Array; personOf: Int32Array; first: Int32Array; order: Int32Array };

const payerPersons = new PersonLookup();

// Payments arrays are kept while their payments don't change (lib/stats/select.ts), so their payers are worked out once per columns.
const kept = new WeakMap<PaymentRow[], { cols: GroupedColumns; currency: string; payers: Payers }>();

export function payersOf(payments: PaymentRow[], cols: GroupedColumns, visitors: number, siteCurrency: string): Payers {
  const hit = kept.get(payments);
  if (hit && hit.cols === cols && hit.currency === siteCurrency) return hit.payers;
  const lookup = payerPersons.of(cols, visitors);
  const persons = cols.people.length;
  const isPayer = new Uint8Array(persons);
  const revenue = new Float64Array(persons);
  const count = new Int32Array(persons);
  const personOf = new Int32Array(payments.length);
  payments.forEach((p, k) => {
    const person = p.visitor >= 0 && p.visitor < lookup.length ? lookup[p.visitor] : -1;
    personOf[k] = person;
    if (person < 0) return;
    isPayer[person] = 1;
    count[person]++;
    if (p.currency === siteCurrency) revenue[person] += p.net;
  });
  const payers = { isPayer, revenue, count, personOf, ...groupIndexes(personOf, persons) };
  kept.set(payments, { cols, currency: siteCurrency, payers });
  return payers;
}

/**
 * How a paying visitor new to a row is credited there (lib/stats/get-breakdown.ts):
 * `spread`, the row gets all of the payer's payments and the payer converted
 * in it; otherwise the payer converted in the row when one of its payments
 * went to the row (`touchRow`, per payment).
 */
export type Crediting =
  | { spread: true; payers: Payers; revenue: Float64Array; count: Int32Array }
  | { spread: false; payers: Payers; touchRow: Int32Array };

/**
 * Visitors, pageviews and converted visitors of many rows (numbered
 * 0..rows-1), tallied visit by visit, visitors as persons of the columns.
 * Selections list each person's visits together (lib/stats/select.ts), so a
 * person is new to a row when it differs from the last one the row counted:
 * no set of visitors. Without a crediting every paying visitor converted.
 */
export class Tally {
  readonly visitors: Int32Array;
  readonly pageviews: Float64Array;
  /** Distinct visitors of the row who converted in it (isPayer: per person). */
  readonly converted: Int32Array;
  private readonly last: Int32Array;

  constructor(rows: number, private readonly isPayer: Uint8Array, private readonly crediting: Crediting | null = null) {
    this.visitors = new Int32Array(rows);
    this.pageviews = new Float64Array(rows);
    this.converted = new Int32Array(rows);
    this.last = new Int32Array(rows).fill(-1);
  }

  /** A paying person new to the row: most visitors never pay, so this is off the hot loops' path. */
  private paid(row: number, person: number): void {
    const c = this.crediting;
    if (c?.spread) {
      c.revenue[row] += c.payers.revenue[person];
      c.count[row] += c.payers.count[person];
    } else if (c) {
      const { first, order } = c.payers;
      let j = first[person];
      while (j < first[person + 1] && c.touchRow[order[j]] !== row) j++;
      if (j === first[person + 1]) return; // none of its payments went to this row
    }
    this.converted[row]++;
  }

  /** add() for each of these visits into the row its column names: a hot loop (a month is hundreds of thousands of visits), with the arrays in locals. */
  addColumn(column: Int32Array, visits: Int32Array, person: Int32Array, pageviews: Int32Array): void {
    const { visitors, last, isPayer } = this;
    const sums = this.pageviews;
    for (let n = 0; n < visits.length; n++) {
      const i = visits[n];
      const row = column[i];
      const v = person[i];
      sums[row] += pageviews[i];
      if (last[row] === v) continue;
      last[row] = v;
      visitors[row]++;
      if (isPayer[v]) this.paid(row, v);
    }
  }

  /**
   * add() for each place (ids[start[i] .. start[i+1]) that `ok` lets count) of
   * these visits: one pageview per place when `perPlace`, else the visit's pageviews.
   */
  addPlaces(places: Places, visits: Int32Array, person: Int32Array, pageviews: Int32Array, perPlace: boolean): void {
    const { visitors, last, isPayer } = this;
    const sums = this.pageviews;
    const { start, ids, ok } = places;
    for (let n = 0; n < visits.length; n++) {
      const i = visits[n];
      const v = person[i];
      const views = perPlace ? 1 : pageviews[i];
      for (let j = start[i]; j < start[i + 1]; j++) {
        const row = ids[j];
        if (ok && !ok[row]) continue;
        sums[row] += views;
        if (last[row] === v) continue;
        last[row] = v;
        visitors[row]++;
        if (isPayer[v]) this.paid(row, v);
      }
    }
  }
}

/** Rows a visit may belong to several times: visit i holds ids[start[i] .. start[i+1]), counted where ok[id] (null: all). */
export type Places = { start: Int32Array; ids: Int32Array; ok: Uint8Array | null };

/** The metrics of a whole selection, and the sums the overview adds beside them. */
export function selectionMetrics(sel: Selection, siteCurrency: string): RowMetrics & { duration: number; bounces: number } {
  const { isPayer } = payersOf(sel.payments, sel.cols, sel.dict.visitors.size, siteCurrency);
  const { visits, pageviews } = sel;
  const { person, duration, bounce } = sel.cols;
  let visitors = 0;
  let payers = 0;
  let views = 0;
  let seconds = 0;
  let bounces = 0;
  for (let n = 0, last = -1; n < visits.length; n++) {
    const i = visits[n];
    views += pageviews[i];
    seconds += duration[i];
    bounces += bounce[i];
    const v = person[i];
    if (v === last) continue; // the selection lists a person's visits together
    last = v;
    visitors++;
    payers += isPayer[v];
  }
  let revenue = 0;
  for (const p of sel.payments) if (p.currency === siteCurrency) revenue += p.net;
  return { visitors, pageviews: views, revenue, payments: sel.payments.length, conversionRate: visitors ? payers / visitors : 0, duration: seconds, bounces };
}

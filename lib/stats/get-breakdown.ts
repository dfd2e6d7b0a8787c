import type { Breakdown, BreakdownRow } from "@/lib/schemas/stats";
import type { StatsContext } from "./context";
import { isSessionDimension, isTouchDimension, label, type Dimension, type TouchDimension } from "./dimensions";
import { SESSION_DIMENSIONS, type Interner } from "./interner";
import { payersOf, Tally, type Payers, type Places } from "./metrics";
import type { Range } from "./period";
import { selectVisits, type PaymentRow, type Selection } from "./select";

/**
 * The rows (value numbers) each visit belongs to: its value of a session
 * dimension (`column`), or its pages (one entry per view) or goals (`places`),
 * only those the filters let count.
 */
function rowsOf(sel: Selection, dimension: Dimension): { values: Interner; column: Int32Array | null; places: Places | null } {
  const { cols, dict } = sel;
  if (dimension === "page") return { values: dict.paths, column: null, places: { start: cols.pathStart, ids: cols.path, ok: sel.pathOk } };
  if (dimension === "goal") return { values: dict.goals, column: null, places: { start: cols.goalStart, ids: cols.goal, ok: sel.goalOk } };
  if (!isSessionDimension(dimension)) throw new Error(`no rows for ${dimension}`);
  const k = SESSION_DIMENSIONS.indexOf(dimension);
  return { values: dict.dims[k], column: cols.dims[k], places: null };
}

// Payments arrays are kept while their payments don't change (lib/stats/select.ts): each one's touch rows are numbered once per dimension.
const keptTouchRows = new WeakMap<PaymentRow[], Map<TouchDimension, Int32Array>>();

/** Each payment's row under a dimension its touch records. */
function touchRows(payments: PaymentRow[], dimension: TouchDimension, values: Interner): Int32Array {
  let byDimension = keptTouchRows.get(payments);
  if (!byDimension) keptTouchRows.set(payments, (byDimension = new Map()));
  let out = byDimension.get(dimension);
  if (!out) {
    out = Int32Array.from(payments, (p) => values.id(label(p.touch[dimension])));
    byDimension.set(dimension, out);
  }
  return out;
}

/**
 * Revenue and payments credited per row, and the row's visitors who converted.
 * On a touch dimension a payment goes to its touch's row, and a visitor of
 * that row converted when one of its payments went there. On the others a
 * payer's payments go to every row it was seen in (its visits in the payer
 * scope), and every paying visitor of a row converted.
 */
function credit(sel: Selection, dimension: Dimension, rows: ReturnType<typeof rowsOf>, payers: Payers, tally: Tally, currency: string) {
  const size = tally.visitors.length;
  const revenue = new Float64Array(size);
  const count = new Int32Array(size);
  const last = new Int32Array(size).fill(-1);
  const { person } = sel.cols;
  const { isPayer, first, order } = payers;
  const { column, places } = rows;
  if (isTouchDimension(dimension)) {
    const at = touchRows(sel.payments, dimension, rows.values);
    sel.payments.forEach((p, k) => {
      count[at[k]]++;
      if (p.currency === currency) revenue[at[k]] += p.net;
    });
    const converted = new Int32Array(size);
    for (let n = 0; n < sel.visits.length; n++) {
      const i = sel.visits[n];
      const q = person[i];
      if (!isPayer[q]) continue;
      const row = column![i];
      if (last[row] === q) continue;
      // Converted in this row when one of the person's payments was credited to it.
      for (let j = first[q]; j < first[q + 1]; j++) {
        if (at[order[j]] !== row) continue;
        converted[row]++;
        last[row] = q;
        break;
      }
    }
    return { revenue, count, converted };
  }
  const give = (row: number, q: number) => {
    if (last[row] === q) return;
    last[row] = q;
    revenue[row] += payers.revenue[q];
    count[row] += payers.count[q];
  };
  for (let n = 0; n < sel.scope.length; n++) {
    const i = sel.scope[n];
    const q = person[i];
    if (!isPayer[q]) continue; // most visitors never pay
    if (column) give(column[i], q);
    else for (let j = places!.start[i]; j < places!.start[i + 1]; j++) if (!places!.ok || places!.ok[places!.ids[j]]) give(places!.ids[j], q);
  }
  return { revenue, count, converted: tally.payers };
}

const collator = new Intl.Collator();

/**
 * Rows of one dimension, most visitors first (`only`: just these values).
 * Revenue on a dimension the payment's touch records is credited to that
 * touch's value (rows add up to the total); on the others (region, city,
 * browser, os, exit page, hostname, page, goal) a payment counts in every row
 * its payer appears in. Either way a row equals the overview filtered by
 * `dimension is value`.
 */
export async function getBreakdown(ctx: StatsContext, dimension: Dimension, limit: number, range: Range = ctx.period.range, only?: ReadonlySet<string>): Promise<Breakdown> {
  const sel = await selectVisits(ctx, range, dimension);
  const rows = rowsOf(sel, dimension);
  // Touch values are numbered before the tally is sized, so every row has room.
  if (isTouchDimension(dimension)) touchRows(sel.payments, dimension, rows.values);
  const payers = payersOf(sel.payments, sel.cols, sel.dict.visitors.size, ctx.currency);
  const tally = new Tally(rows.values.size, payers.isPayer);
  if (rows.column) tally.addColumn(rows.column, sel.visits, sel.cols.person, sel.pageviews);
  else tally.addPlaces(rows.places!, sel.visits, sel.cols.person, sel.pageviews, dimension === "page"); // a page row gets one pageview per view of it
  const { revenue, count, converted } = credit(sel, dimension, rows, payers, tally, ctx.currency);

  const { visitors, pageviews } = tally;
  const names = rows.values.values;
  const kept: number[] = [];
  for (let row = 0; row < visitors.length; row++) {
    if ((visitors[row] > 0 || count[row] > 0) && (!only || only.has(names[row]))) kept.push(row);
  }
  kept.sort((a, b) => visitors[b] - visitors[a] || revenue[b] - revenue[a] || pageviews[b] - pageviews[a] || collator.compare(names[a], names[b]));
  return {
    dimension,
    rows: kept.slice(0, limit).map((row): BreakdownRow => ({
      value: names[row],
      visitors: visitors[row],
      pageviews: pageviews[row],
      revenue: revenue[row],
      payments: count[row],
      conversionRate: visitors[row] ? converted[row] / visitors[row] : 0,
    })),
  };
}

import type { Breakdown, BreakdownRow } from "@/lib/schemas/stats";
import type { StatsContext } from "./context";
import { isSessionDimension, isTouchDimension, label, type Dimension, type TouchDimension } from "./dimensions";
import { SESSION_DIMENSIONS, type Interner } from "./interner";
import { payersOf, Tally, type Crediting, type Places } from "./metrics";
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
  // Touch values are numbered before the arrays are sized, so every row has room.
  const at = isTouchDimension(dimension) ? touchRows(sel.payments, dimension, rows.values) : null;
  const payers = payersOf(sel.payments, sel.cols, sel.dict.visitors.size, ctx.currency);
  const size = rows.values.size;
  const revenue = new Float64Array(size);
  const count = new Int32Array(size);
  let crediting: Crediting | null = null;
  if (at) {
    // A payment goes to its touch's row; a visitor of that row converted when one of its payments went there.
    sel.payments.forEach((p, k) => {
      count[at[k]]++;
      if (p.currency === ctx.currency) revenue[at[k]] += p.net;
    });
    crediting = { spread: false, payers, touchRow: at };
  } else if (sel.scope === sel.visits) {
    // A payer's payments go to every row it was seen in, and it converted there.
    crediting = { spread: true, payers, revenue, count };
  }
  const tallyOf = (visits: Int32Array, c: Crediting | null) => {
    const t = new Tally(size, payers.isPayer, c);
    if (rows.column) t.addColumn(rows.column, visits, sel.cols.person, sel.pageviews);
    else t.addPlaces(rows.places!, visits, sel.cols.person, sel.pageviews, dimension === "page"); // a page row gets one pageview per view of it
    return t;
  };
  const tally = tallyOf(sel.visits, crediting);
  // A filter on a touch dimension makes the payer scope wider than the visits: payments spread over the scope's rows.
  if (!crediting) tallyOf(sel.scope, { spread: true, payers, revenue, count });

  const { visitors, pageviews, converted } = tally;
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

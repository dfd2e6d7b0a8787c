import type { Breakdown, BreakdownRow } from "@/lib/schemas/stats";
import type { StatsContext } from "./context";
import { isSessionDimension, isTouchDimension, type Dimension } from "./dimensions";
import { SESSION_DIMENSIONS } from "./interner";
import { payerMask, Tally } from "./metrics";
import type { Range } from "./period";
import { selectVisits, type PaymentRow, type Selection } from "./select";

/**
 * The rows (value numbers) each visit belongs to: its pages (one entry per
 * view), its goals, or its value of a session dimension; only the pages and
 * goals the filters let count.
 */
function placesOf(sel: Selection, dimension: Dimension) {
  const { cols, dict } = sel;
  if (dimension === "page" || dimension === "goal") {
    const [start, ids, ok, values] = dimension === "page" ? [cols.pathStart, cols.path, sel.pathOk, dict.paths] : [cols.goalStart, cols.goal, sel.goalOk, dict.goals];
    return { values, column: null, start, ids, ok };
  }
  if (!isSessionDimension(dimension)) throw new Error(`no rows for ${dimension}`);
  const k = SESSION_DIMENSIONS.indexOf(dimension);
  return { values: dict.dims[k], column: cols.dims[k], start: null, ids: null, ok: null };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Rows of one dimension, most visitors first. Revenue on a dimension the
 * payment's touch records is credited to that touch's value (rows add up to
 * the total); on the others (region, city, browser, os, exit page, hostname,
 * page, goal) a payment counts in every row its payer appears in. Either way a
 * row equals the overview filtered by `dimension is value`.
 */
export async function getBreakdown(ctx: StatsContext, dimension: Dimension, limit: number, range: Range = ctx.period.range): Promise<Breakdown> {
  const sel = await selectVisits(ctx, range, dimension);
  const { cols, payments } = sel;
  const { values, column, start, ids, ok } = placesOf(sel, dimension);
  /** Calls `add` with each row visit i belongs to. */
  const each = (i: number, add: (row: number) => void) => {
    if (column) add(column[i]);
    else for (let j = start![i]; j < start![i + 1]; j++) if (!ok || ok[ids![j]]) add(ids![j]);
  };
  const isPayer = payerMask(payments, sel.dict.visitors.size);
  const tally = new Tally(values.size, isPayer);
  // The hot loop (a month is hundreds of thousands of visits), without a call per visit.
  const { visits, pageviews } = sel;
  const visitor = cols.visitor;
  if (column) {
    tally.addColumn(column, visits, visitor, pageviews);
  } else {
    // A page row gets one pageview per view of that page; a goal row the visit's pageviews.
    const perPlace = dimension === "page";
    for (let n = 0; n < visits.length; n++) {
      const i = visits[n];
      for (let j = start![i]; j < start![i + 1]; j++) if (!ok || ok[ids![j]]) tally.add(ids![j], visitor[i], perPlace ? 1 : pageviews[i]);
    }
  }

  const rowPayments = new Map<string, PaymentRow[]>();
  if (isTouchDimension(dimension)) {
    for (const p of payments) push(rowPayments, p.touch[dimension], p);
  } else {
    // Only payers' rows matter: most visitors never pay.
    const rowsOf = new Map<number, Set<number>>();
    for (const i of sel.scope) {
      const visitor = cols.visitor[i];
      if (!isPayer[visitor]) continue;
      let set = rowsOf.get(visitor);
      if (!set) rowsOf.set(visitor, (set = new Set()));
      each(i, (row) => set.add(row));
    }
    for (const p of payments) for (const row of rowsOf.get(p.visitor) ?? []) push(rowPayments, values.values[row], p);
  }

  const names = new Set<string>(rowPayments.keys());
  for (let row = 0; row < tally.visitors.length; row++) if (tally.visitors[row] > 0) names.add(values.values[row]);
  const rows: BreakdownRow[] = [];
  for (const value of names) rows.push({ value, ...tally.metrics(values.ids.get(value), rowPayments.get(value) ?? [], ctx.currency) });
  rows.sort((a, b) => b.visitors - a.visitors || b.revenue - a.revenue || b.pageviews - a.pageviews || a.value.localeCompare(b.value));
  return { dimension, rows: rows.slice(0, limit) };
}

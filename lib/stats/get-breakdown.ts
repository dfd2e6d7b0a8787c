import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import type { Breakdown, BreakdownRow } from "@/lib/schemas/stats";
import type { StatsContext } from "./context";
import { isTouchDimension, type Dimension } from "./dimensions";
import { importedRefusal, importedSql, importedValue, type ImportedSums } from "./imported";
import type { Range } from "./period";
import { COLUMN, exitOf, labelled, payerTotals, selection, type Selection } from "./selection";

export type RowMetrics = Omit<BreakdownRow, "value">;

/**
 * How a dimension's rows are made from the visits of a condition: `tally`
 * gives per period and value the visitors, pageviews and converted visitors
 * (`conv` is the conversion test, on `p`, `visitor` and `value`); `pairs`
 * the distinct (period, value, visitor) of the payers among them, which a
 * payer's payments are spread over.
 */
type Rows = { tally: (conv: string) => string; pairs: (where: string, payers: (p: string) => string) => string };

function rowsOf(sel: Selection, dimension: Dimension): Rows {
  const period = sel.period("session_start");
  const p = `${period} AS p`;
  const { events, visits, base, pageHit, goalHit } = sel;
  const pageviews = `countIf(kind = 'pageview' AND ${pageHit})`;
  if (dimension === "page") {
    const views = `kind = 'pageview' AND ${pageHit}`;
    return {
      tally: (conv) => `SELECT ${p}, ${labelled("path")} AS value, uniqExact(visitor) AS visitors, count() AS pageviews, uniqExactIf(visitor, ${conv}) AS converted
        FROM ${events} WHERE ${visits} AND ${views} GROUP BY p, value`,
      pairs: (where, payers) => `SELECT DISTINCT ${p}, ${labelled("path")} AS value, visitor FROM ${events} WHERE ${where} AND ${views} AND ${payers(period)}`,
    };
  }
  if (dimension === "goal") {
    // Once per visit and goal: the visit's (counted) pageviews go to each goal it completed.
    const withGoals = `session IN (SELECT session FROM ${events} WHERE ${base} AND kind = 'goal')`;
    return {
      tally: (conv) => `SELECT p, value, uniqExact(visitor) AS visitors, sum(pv) AS pageviews, uniqExactIf(visitor, ${conv}) AS converted FROM (
          SELECT ${p}, session, any(visitor) AS visitor, ${pageviews} AS pv, groupUniqArrayIf(name, kind = 'goal' AND ${goalHit}) AS goals
          FROM ${events} WHERE ${visits} AND ${withGoals} GROUP BY p, session
        ) ARRAY JOIN goals AS value GROUP BY p, value`,
      pairs: (where, payers) => `SELECT DISTINCT ${p}, name AS value, visitor FROM ${events} WHERE ${where} AND kind = 'goal' AND ${goalHit} AND ${payers(period)}`,
    };
  }
  if (dimension === "exit_page") {
    const perVisit = (where: string) => `SELECT ${p}, session, any(visitor) AS visitor, ${labelled(exitOf)} AS value, ${pageviews} AS pv FROM ${events} WHERE ${where} GROUP BY p, session`;
    return {
      tally: (conv) => `SELECT p, value, uniqExact(visitor) AS visitors, sum(pv) AS pageviews, uniqExactIf(visitor, ${conv}) AS converted FROM (${perVisit(visits)}) GROUP BY p, value`,
      pairs: (where, payers) => `SELECT DISTINCT p, value, visitor FROM (${perVisit(where)}) WHERE ${payers("p")}`,
    };
  }
  const column = labelled(COLUMN[dimension]);
  return {
    tally: (conv) => `SELECT ${p}, ${column} AS value, uniqExactIf(visitor, session_first = 1) AS visitors, ${pageviews} AS pageviews,
        uniqExactIf(visitor, session_first = 1 AND ${conv}) AS converted
      FROM ${events} WHERE ${visits} GROUP BY p, value`,
    pairs: (where, payers) => `SELECT DISTINCT ${p}, ${column} AS value, visitor FROM ${events} WHERE ${where} AND session_first = 1 AND ${payers(period)}`,
  };
}

type Tallied = { p: number; value: string; visitors: number; pageviews: number; converted: number };
type Money = { p: number; value: string; revenue: number; payments: number };

/**
 * Every row of one dimension in each period: a row's metrics equal the
 * overview filtered by `dimension is value`. Revenue on a dimension a
 * payment's touch records is credited to that touch's value (rows add up to
 * the total); on the others (region, city, browser, os, exit page, hostname,
 * page, goal) a payment counts in every row its payer was seen in.
 */
export async function breakdownRows(ctx: StatsContext, dimension: Dimension, periods: Range[]): Promise<Map<string, RowMetrics>[]> {
  const e = await engine();
  const sel = selection(e, ctx, periods);
  const rows = rowsOf(sel, dimension);
  const payer = (p: string) => `(${p}, visitor) IN (SELECT p, visitor FROM ${sel.credited} WHERE visitor_id != '')`;
  let tally: string;
  let money: string;
  if (isTouchDimension(dimension)) {
    // A payment goes to its touch's row; a visitor of that row converted when one of its payments went there.
    const touch = `t_${COLUMN[dimension]}`;
    tally = rows.tally(`(p, visitor, value) IN (SELECT p, visitor, ${touch} FROM ${sel.credited} WHERE visitor_id != '')`);
    money = `SELECT p, ${touch} AS value, sumIf(net, currency = ${str(ctx.currency)}) AS revenue, count() AS payments FROM ${sel.credited} GROUP BY p, value`;
  } else {
    // A payer's payments go to every row it was seen in. With touch filters the visits are fewer than the
    // payer scope, and payments spread over the scope's rows (the overview filtered by a row credits the same).
    tally = rows.tally(`(p, visitor) IN (SELECT p, visitor FROM ${sel.credited} WHERE visitor_id != '')`);
    const where = sel.touchFiltered ? sel.scope : sel.visits;
    money = `SELECT p, value, sum(t.revenue) AS revenue, sum(t.payments) AS payments FROM (${rows.pairs(where, payer)}) AS r
      INNER JOIN ${payerTotals(sel)} AS t USING (p, visitor) GROUP BY p, value`;
  }
  const withImported = ctx.imports.length > 0 && !importedRefusal(sel, dimension);
  const [tallied, credited, imported] = await Promise.all([
    e.query<Tallied>(tally),
    e.query<Money>(money),
    withImported ? e.query<ImportedSums>(importedSql(sel, dimension, importedValue)) : [],
  ]);
  const out = periods.map(() => new Map<string, RowMetrics>());
  const rowOf = (p: number, value: string) => {
    let row = out[p].get(value);
    if (!row) out[p].set(value, (row = { visitors: 0, pageviews: 0, revenue: 0, payments: 0, conversionRate: 0 }));
    return row;
  };
  for (const t of tallied) {
    if (t.p < 0) continue;
    Object.assign(rowOf(t.p, t.value), { visitors: t.visitors, pageviews: t.pageviews, conversionRate: t.visitors ? t.converted / t.visitors : 0 });
  }
  // Imported rows add visitors and pageviews; conversions stay those of the native visitors.
  for (const t of imported) {
    if (t.p < 0) continue;
    const row = rowOf(t.p, t.g!);
    const converted = row.conversionRate * row.visitors;
    row.visitors += t.visitors;
    row.pageviews += t.pageviews;
    row.conversionRate = row.visitors ? converted / row.visitors : 0;
  }
  for (const m of credited) if (m.p >= 0) Object.assign(rowOf(m.p, m.value), { revenue: m.revenue, payments: m.payments });
  return out;
}

const collator = new Intl.Collator();

/** The rows worth showing, most visitors first (then revenue, pageviews, name). */
export function topRows(rows: Map<string, RowMetrics>, limit: number): BreakdownRow[] {
  return [...rows]
    .filter(([, r]) => r.visitors > 0 || r.payments > 0)
    .sort(([a, x], [b, y]) => y.visitors - x.visitors || y.revenue - x.revenue || y.pageviews - x.pageviews || collator.compare(a, b))
    .slice(0, limit)
    .map(([value, r]) => ({ value, ...r }));
}

/** Rows of one dimension in one range (default: the context's period), most visitors first. */
export async function getBreakdown(ctx: StatsContext, dimension: Dimension, limit: number, range: Range = ctx.period.range): Promise<Breakdown> {
  const [rows] = await breakdownRows(ctx, dimension, [range]);
  return { dimension, rows: topRows(rows, limit) };
}

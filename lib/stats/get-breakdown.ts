import { engine } from "@/lib/engine";
import { str } from "@/lib/engine/sql";
import type { Breakdown, BreakdownRow } from "@/lib/schemas/stats";
import type { StatsContext } from "./context";
import { isTouchDimension, type Dimension } from "./dimensions";
import { importedRefusal, importedSql, importedValue, type ImportedSums } from "./imported";
import type { Range } from "./period";
import { rowsOf } from "./breakdown-tally";
import { sampleFor } from "./sample";
import { COLUMN, payerTotals, selection, type Selection } from "./selection";

export type RowMetrics = Omit<BreakdownRow, "value">;

export type Tallied = { p: number; value: string; visitors: number; pageviews: number; converted: number; revenue?: number; payments?: number };
export type Money = { p: number; value: string; revenue: number; payments: number };

/**
 * A breakdown joins a few hundred aggregated rows to a few thousand payers: a
 * plain hash join, where ClickHouse's default picks a parallel one whose setup
 * costs more than the join (a 10M-event site's five dashboard panels, one after
 * the other: 373-396 ms and 555-578 ms of CPU with it, 347 ms and 486-500 ms
 * without). Not for every statement: a funnel joins every visitor who entered
 * it, where the parallel join is faster (224-230 against 287-340 ms).
 */
export const SMALL_JOIN = "SETTINGS join_algorithm = 'hash'";

/**
 * Every row of one dimension in each period: a row's metrics equal the
 * overview filtered by `dimension is value`. Revenue on a dimension a
 * payment's touch records is credited to that touch's value (rows add up to
 * the total); on the others (region, city, browser, os, exit page, hostname,
 * page, goal) a payment counts in every row its payer was seen in. One scan
 * of the visits' rows gives each row's visitors, pageviews and payers; the
 * payers are joined to their payments (few) for conversions and revenue.
 */
export async function breakdownRows(ctx: StatsContext, dimension: Dimension, periods: Range[]): Promise<Map<string, RowMetrics>[]> {
  const e = await engine();
  const sel = selection(e, ctx, periods, await sampleFor(e, ctx));
  const plan = planOf(sel, dimension);
  const [tallied, rest] = await Promise.all([e.query<Tallied>(plan.tally), besideTally(plan)]);
  return assembled(sel, { ...plan, tallied, ...rest });
}

/** How one dimension's rows are asked: the tally's statement and, beside it, its money's and imported history's. */
export type Plan = { tally: string; money: string | null; imported: string | null; moneyInTally: boolean; moneyScale: number };

/** The scan keeps the visitors who paid in any of the periods (a cheap test); the joins keep a period's own. */
export const anyPayer = (sel: Selection) => () => `visitor IN (SELECT visitor FROM ${sel.payers("visitor", "visitor_id")} WHERE visitor_id != '')`;

export function planOf(sel: Selection, dimension: Dimension): Plan {
  const rows = rowsOf(sel, dimension);
  const payer = anyPayer(sel);
  const touch = isTouchDimension(dimension);
  const touchColumn = `t_${COLUMN[dimension as keyof typeof COLUMN]}` as const;
  // A visitor of a touch row converted when one of its payments went to that row; elsewhere when it paid at all.
  const joined = touch
    ? `(SELECT DISTINCT p AS tp, visitor AS tv, ${touchColumn} AS tt, 1 AS hit FROM ${sel.payers("p", "visitor", "visitor_id", touchColumn)} WHERE visitor_id != '') AS t ON t.tp = r.p AND t.tv = payer AND t.tt = r.v`
    : `(SELECT p AS tp, visitor AS tv, revenue, payments, 1 AS hit FROM ${payerTotals(sel)}) AS t ON t.tp = r.p AND t.tv = payer`;
  // Without touch filters a payer's payments go to every row of the scan it was seen in; with them they spread over the scope's rows.
  const moneyInTally = !touch && !sel.touchFiltered;
  const tally = `SELECT r.p AS p, r.v AS value, any(r.visitors) AS visitors, any(r.pageviews) AS pageviews, countIf(t.hit = 1) AS converted
      ${moneyInTally ? ", sum(t.revenue) AS revenue, sum(t.payments) AS payments" : ""}
    FROM (${rows.tally(payer)}) AS r LEFT ARRAY JOIN r.paid AS payer LEFT JOIN ${joined} GROUP BY p, value ${SMALL_JOIN}`;
  let money: string | null = null;
  if (touch) {
    money = `SELECT p, ${touchColumn} AS value, sumIf(net, currency = ${str(sel.ctx.currency)}) AS revenue, count() AS payments FROM ${sel.credited("p", touchColumn, "net", "currency")} GROUP BY p, value`;
  } else if (!moneyInTally) {
    // Here too the scan keeps anyone who paid, and the join a period's own payers.
    money = `SELECT p, v AS value, sum(t.revenue) AS revenue, sum(t.payments) AS payments FROM (${rows.pairs(sel.scope, payer)}) AS r
      INNER JOIN ${payerTotals(sel)} AS t USING (p, visitor) GROUP BY p, value ${SMALL_JOIN}`;
  }
  const imported = sel.ctx.imports.length > 0 && !importedRefusal(sel, dimension) ? importedSql(sel, dimension, importedValue) : null;
  // Sampled: a touch row's revenue comes from the payments themselves (exact unless the payer scope is sampled);
  // the others' from the payers the sampled scan saw, times k, like the counts (reading every payer's rows would
  // double a sampled load).
  return { tally, money, imported, moneyInTally, moneyScale: touch ? sel.moneyScale : sel.sample.k };
}

/** A plan's money and imported rows. */
export async function besideTally(plan: Plan): Promise<{ credited: Money[]; imported: ImportedSums[] }> {
  const e = await engine();
  const [credited, imported] = await Promise.all([plan.money ? e.query<Money>(plan.money) : [], plan.imported ? e.query<ImportedSums>(plan.imported) : []]);
  return { credited, imported };
}

/** The statements' rows of one dimension as each period's rows by value. */
export function assembled(sel: Selection, a: { tallied: Tallied[]; credited: Money[]; imported: ImportedSums[]; moneyInTally: boolean; moneyScale: number }): Map<string, RowMetrics>[] {
  const out = sel.periods.map(() => new Map<string, RowMetrics>());
  const rowOf = (p: number, value: string) => {
    let row = out[p].get(value);
    if (!row) out[p].set(value, (row = { visitors: 0, pageviews: 0, revenue: 0, payments: 0, conversionRate: 0 }));
    return row;
  };
  const { k } = sel.sample;
  for (const t of a.tallied) {
    if (t.p < 0) continue;
    const row = Object.assign(rowOf(t.p, t.value), { visitors: t.visitors * k, pageviews: t.pageviews * k, conversionRate: t.visitors ? t.converted / t.visitors : 0 });
    if (a.moneyInTally && t.payments) Object.assign(row, { revenue: (t.revenue ?? 0) * k, payments: t.payments * k });
  }
  // Imported rows add visitors and pageviews; conversions stay those of the native visitors.
  for (const t of a.imported) {
    if (t.p < 0) continue;
    const row = rowOf(t.p, t.g!);
    const converted = row.conversionRate * row.visitors;
    row.visitors += t.visitors;
    row.pageviews += t.pageviews;
    row.conversionRate = row.visitors ? converted / row.visitors : 0;
  }
  for (const m of a.credited) if (m.p >= 0) Object.assign(rowOf(m.p, m.value), { revenue: m.revenue * a.moneyScale, payments: m.payments * a.moneyScale });
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

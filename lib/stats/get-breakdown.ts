import type { Breakdown, BreakdownRow } from "@/lib/schemas/stats";
import type { StatsContext } from "./context";
import { isTouchDimension, type Dimension } from "./dimensions";
import { tallyMetrics } from "./metrics";
import type { Range } from "./period";
import { selectVisits, type PaymentRow, type Visit } from "./select";

/** Calls `at` for each row a visit belongs to, with the pageviews it brings there (a page row: its views of that page). */
function eachPlace(visit: Visit, dimension: Dimension, at: (value: string, pageviews: number) => void): void {
  if (dimension === "page") for (const p of visit.paths ?? []) at(p, 1);
  else if (dimension === "goal") for (const g of visit.goals ?? []) at(g, visit.pageviews);
  else at(visit.values[dimension]!, visit.pageviews);
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
  const { visits, scope, payments } = await selectVisits(ctx, range, dimension);
  // Tallied in one pass: a busy month is hundreds of thousands of visits.
  const tallies = new Map<string, { visitorIds: Set<string>; pageviews: number }>();
  for (const v of visits) {
    eachPlace(v, dimension, (value, pageviews) => {
      let t = tallies.get(value);
      if (!t) tallies.set(value, (t = { visitorIds: new Set(), pageviews: 0 }));
      t.visitorIds.add(v.visitorId);
      t.pageviews += pageviews;
    });
  }

  const rowPayments = new Map<string, PaymentRow[]>();
  if (isTouchDimension(dimension)) {
    for (const p of payments) push(rowPayments, p.touch[dimension], p);
  } else {
    // Only payers' rows matter: most visitors never pay.
    const payers = new Set(payments.map((p) => p.visitorId));
    const valuesOf = new Map<string, Set<string>>();
    for (const v of scope) {
      if (!payers.has(v.visitorId)) continue;
      eachPlace(v, dimension, (value) => {
        const set = valuesOf.get(v.visitorId) ?? new Set<string>();
        valuesOf.set(v.visitorId, set.add(value));
      });
    }
    for (const p of payments) for (const value of (p.visitorId && valuesOf.get(p.visitorId)) || []) push(rowPayments, value, p);
  }

  const rows: BreakdownRow[] = [];
  for (const value of new Set([...tallies.keys(), ...rowPayments.keys()])) {
    const t = tallies.get(value);
    rows.push({ value, ...tallyMetrics(t?.visitorIds ?? new Set(), t?.pageviews ?? 0, rowPayments.get(value) ?? [], ctx.currency) });
  }
  rows.sort((a, b) => b.visitors - a.visitors || b.revenue - a.revenue || b.pageviews - a.pageviews || a.value.localeCompare(b.value));
  return { dimension, rows: rows.slice(0, limit) };
}

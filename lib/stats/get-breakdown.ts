import type { Breakdown, BreakdownRow } from "@/lib/schemas/stats";
import type { StatsContext } from "./context";
import { isTouchDimension, type Dimension } from "./dimensions";
import { payersOf, Tally, tallyMetrics } from "./metrics";
import type { Range } from "./period";
import { selectVisits, type PaymentRow, type Visit } from "./select";

/** The rows a visit belongs to: its pages (one entry per view), its goals, or its value. */
function placesOf(visit: Visit, dimension: Dimension): readonly string[] {
  if (dimension === "page") return visit.paths ?? [];
  if (dimension === "goal") return visit.goals ?? [];
  return [visit.values[dimension]!];
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
  const tallies = new Map<string, Tally>();
  const allPayers = payersOf(payments);
  // A page row gets one pageview per view of that page; other rows the visit's pageviews.
  const perPlace = dimension === "page";
  for (const v of visits) {
    for (const value of placesOf(v, dimension)) {
      let t = tallies.get(value);
      if (!t) tallies.set(value, (t = new Tally()));
      t.add(v.visitorId, perPlace ? 1 : v.pageviews, allPayers);
    }
  }

  const rowPayments = new Map<string, PaymentRow[]>();
  if (isTouchDimension(dimension)) {
    for (const p of payments) push(rowPayments, p.touch[dimension], p);
  } else {
    // Only payers' rows matter: most visitors never pay.
    const valuesOf = new Map<string, Set<string>>();
    for (const v of scope) {
      if (!allPayers.has(v.visitorId)) continue;
      const set = valuesOf.get(v.visitorId) ?? new Set<string>();
      for (const value of placesOf(v, dimension)) set.add(value);
      valuesOf.set(v.visitorId, set);
    }
    for (const p of payments) for (const value of (p.visitorId && valuesOf.get(p.visitorId)) || []) push(rowPayments, value, p);
  }

  const rows: BreakdownRow[] = [];
  for (const value of new Set([...tallies.keys(), ...rowPayments.keys()])) {
    rows.push({ value, ...tallyMetrics(tallies.get(value), rowPayments.get(value) ?? [], ctx.currency) });
  }
  rows.sort((a, b) => b.visitors - a.visitors || b.revenue - a.revenue || b.pageviews - a.pageviews || a.value.localeCompare(b.value));
  return { dimension, rows: rows.slice(0, limit) };
}

import type { Breakdown, BreakdownRow } from "@/lib/schemas/stats";
import type { StatsContext } from "./context";
import { breakdownFromRollups } from "./from-rollups";
import { isTouchDimension, type Dimension } from "./dimensions";
import { rowMetrics } from "./metrics";
import type { Range } from "./period";
import { selectVisits, type PaymentRow, type Visit } from "./select";

/** The rows a visit belongs to, each with the pageviews it brings there. */
function placesOf(visit: Visit, dimension: Dimension): [string, number][] {
  if (dimension === "page") {
    const counts = new Map<string, number>();
    for (const p of visit.paths ?? []) counts.set(p, (counts.get(p) ?? 0) + 1);
    return [...counts];
  }
  if (dimension === "goal") return (visit.goals ?? []).map((g) => [g, visit.pageviews]);
  return [[visit.values[dimension]!, visit.pageviews]];
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
  const rolled = await breakdownFromRollups(ctx, dimension, limit, range);
  if (rolled) return { dimension, rows: rolled };
  const { visits, scope, payments } = await selectVisits(ctx, range, dimension);
  const rowVisits = new Map<string, Visit[]>();
  for (const v of visits) for (const [value, pageviews] of placesOf(v, dimension)) push(rowVisits, value, { ...v, pageviews });

  const rowPayments = new Map<string, PaymentRow[]>();
  if (isTouchDimension(dimension)) {
    for (const p of payments) push(rowPayments, p.touch[dimension], p);
  } else {
    const valuesOf = new Map<string, Set<string>>();
    for (const v of scope) {
      for (const [value] of placesOf(v, dimension)) {
        const set = valuesOf.get(v.visitorId) ?? new Set<string>();
        valuesOf.set(v.visitorId, set.add(value));
      }
    }
    for (const p of payments) for (const value of (p.visitorId && valuesOf.get(p.visitorId)) || []) push(rowPayments, value, p);
  }

  const rows: BreakdownRow[] = [];
  for (const value of new Set([...rowVisits.keys(), ...rowPayments.keys()])) {
    const { visitorIds: _ids, ...m } = rowMetrics(rowVisits.get(value) ?? [], rowPayments.get(value) ?? [], ctx.currency);
    rows.push({ value, ...m });
  }
  rows.sort((a, b) => b.visitors - a.visitors || b.revenue - a.revenue || b.pageviews - a.pageviews || a.value.localeCompare(b.value));
  return { dimension, rows: rows.slice(0, limit) };
}

// Pure shaping of breakdown rows for the panels: the order, the bar behind
// each row, and the goal conversion rate (goal completers / all visitors).

export type BreakdownRow = { value: string; visitors: number; pageviews: number; revenue: number; payments: number; conversionRate: number };
export type PanelMode = "visitors" | "revenue" | "goals";
export type PanelRow = BreakdownRow & { share: number; goalRate?: number };

/**
 * `revenue` mode (revenue by source) ranks by revenue, then visitors, and keeps
 * sources that earned nothing below the ones that did; the other modes keep
 * the API's order (most visitors first). `share` sizes the bar against the leader.
 */
export function panelRows(rows: BreakdownRow[], mode: PanelMode, totalVisitors = 0): PanelRow[] {
  const sorted = mode === "revenue" ? [...rows].sort((a, b) => b.revenue - a.revenue || b.visitors - a.visitors || a.value.localeCompare(b.value)) : rows;
  const key = mode === "revenue" ? "revenue" : "visitors";
  const max = Math.max(0, ...sorted.map((r) => r[key]));
  return sorted.map((r) => ({
    ...r,
    share: max > 0 ? Math.max(0, r[key]) / max : 0,
    ...(mode === "goals" ? { goalRate: totalVisitors > 0 ? Math.min(1, r.visitors / totalVisitors) : 0 } : {}),
  }));
}

/** A choropleth shade: square-root scaled so one big country does not wash out the rest; none is the muted fill. */
export function shade(visitors: number, max: number): string {
  if (visitors <= 0 || max <= 0) return "var(--muted)";
  const t = Math.sqrt(visitors / max);
  return `color-mix(in oklch, var(--brand) ${Math.round(18 + 82 * t)}%, var(--background))`;
}

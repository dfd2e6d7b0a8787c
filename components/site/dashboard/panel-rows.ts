// Pure shaping of breakdown rows for the panels: the order (any money or
// visitor column, either way), the bar behind each row, revenue per visitor,
// the goal conversion rate (goal completers / all visitors), and the revenue
// no visitor could be matched to, set apart from the ranked rows.

export type BreakdownRow = { value: string; visitors: number; pageviews: number; revenue: number; payments: number; conversionRate: number };
export type PanelMode = "visitors" | "revenue" | "goals";
export type SortKey = "visitors" | "revenue" | "rpv" | "conversion";
export type PanelSort = { key: SortKey; desc: boolean };
export type PanelRow = BreakdownRow & { share: number; revenuePerVisitor: number; goalRate?: number };
export type PanelRows = { rows: PanelRow[]; unattributed: BreakdownRow | null };

/** The API's value for revenue matched to no visitor (lib/stats/dimensions.ts UNATTRIBUTED). */
export const UNATTRIBUTED = "(unattributed)";

/** Revenue by source opens ranked by revenue; the other panels by visitors. */
export const defaultSort = (mode: PanelMode): PanelSort => ({ key: mode === "revenue" ? "revenue" : "visitors", desc: true });

const rpv = (r: BreakdownRow) => (r.visitors > 0 ? Math.round(r.revenue / r.visitors) : 0);
const METRIC: Record<SortKey, (r: BreakdownRow) => number> = { visitors: (r) => r.visitors, revenue: (r) => r.revenue, rpv, conversion: (r) => r.conversionRate };
const collator = new Intl.Collator();

/**
 * Rows in the chosen order (ties: revenue, then visitors, then name), at most
 * `limit`; `share` sizes each bar against the largest value of the sorted
 * column. "(unattributed)" is never ranked among visitors: it comes back on
 * its own, for a labelled line under the table.
 */
export function panelRows(rows: BreakdownRow[], sort: PanelSort, opts: { goals?: boolean; totalVisitors?: number; limit?: number } = {}): PanelRows {
  const metric = METRIC[sort.key];
  const unattributed = rows.find((r) => r.value === UNATTRIBUTED && r.revenue !== 0) ?? null;
  const ranked = rows
    .filter((r) => r.value !== UNATTRIBUTED)
    .sort((a, b) => (sort.desc ? metric(b) - metric(a) : metric(a) - metric(b)) || b.revenue - a.revenue || b.visitors - a.visitors || collator.compare(a.value, b.value))
    .slice(0, opts.limit ?? rows.length);
  const max = Math.max(0, ...ranked.map(metric));
  const total = opts.totalVisitors ?? 0;
  return {
    rows: ranked.map((r) => ({
      ...r,
      revenuePerVisitor: rpv(r),
      share: max > 0 ? Math.max(0, metric(r)) / max : 0,
      ...(opts.goals ? { goalRate: total > 0 ? Math.min(1, r.visitors / total) : 0 } : {}),
    })),
    unattributed,
  };
}

/** A choropleth shade: square-root scaled so one big country does not wash out the rest; none is the muted fill. */
export function shade(visitors: number, max: number): string {
  if (visitors <= 0 || max <= 0) return "var(--muted)";
  const t = Math.sqrt(visitors / max);
  return `color-mix(in oklch, var(--brand) ${Math.round(18 + 82 * t)}%, var(--background))`;
}

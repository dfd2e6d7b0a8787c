import { formatDuration, formatMoney, formatNumber, formatPercent } from "@/components/format";

// The metric cards' pure part: values formatted, and the change against the
// previous period with whether it is good news (a lower bounce rate is).

export type OverviewValues = {
  visitors: number;
  sessions: number;
  pageviews: number;
  bounceRate: number;
  avgSessionDuration: number;
  revenue: number;
  payments: number;
  conversionRate: number;
  revenuePerVisitor: number;
  currency: string;
  viewsPerSession: number;
  revenueByCurrency: { currency: string; revenue: number }[];
  /** Present when the counts are estimated from 1 in k visitors (the busiest sites' long ranges). */
  sample?: { k: number; visitorsMargin: number; revenueExact: boolean } | null;
};
/** What an answer says about imported history (lib/stats/imported.ts): null when none covers the range. */
export type ImportedInfo = { included: boolean; note: string | null } | null;
export type OverviewResponse = OverviewValues & { previous: OverviewValues | null; imported?: ImportedInfo };

export type Change = { text: string; direction: "up" | "down" | "flat"; good: boolean | null };
export type MetricCard = { key: string; label: string; value: string; sub?: string; change: Change | null; revenue?: boolean };

/**
 * Counts and money change relatively ("+12%"); rates change in percentage
 * points ("+3 pts"), because 2% -> 3% conversion read as "+50%" misleads.
 * From zero to something there is no percentage: the change is shown as "new".
 */
export function change(current: number, previous: number | undefined, kind: "relative" | "points", lowerIsBetter = false): Change | null {
  if (previous === undefined) return null;
  const diff = kind === "points" ? (current - previous) * 100 : previous === 0 ? (current === 0 ? 0 : Infinity) : ((current - previous) / previous) * 100;
  const rounded = Math.round(diff);
  const direction = rounded > 0 ? "up" : rounded < 0 ? "down" : "flat";
  const good = direction === "flat" ? null : (direction === "up") !== lowerIsBetter;
  if (diff === Infinity) return { text: "new", direction: "up", good: !lowerIsBetter };
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "±";
  return { text: `${sign}${Math.abs(rounded)}${kind === "points" ? " pts" : "%"}`, direction, good };
}

export function metricCards(o: OverviewResponse): MetricCard[] {
  const p = o.previous ?? undefined;
  const others = o.revenueByCurrency.filter((r) => r.currency !== o.currency && r.revenue !== 0);
  return [
    { key: "visitors", label: "Visitors", value: `${o.sample ? "≈ " : ""}${formatNumber(o.visitors)}`, sub: `${formatNumber(o.sessions)} visits`, change: change(o.visitors, p?.visitors, "relative") },
    {
      key: "pageviews",
      label: "Pageviews",
      value: formatNumber(o.pageviews),
      sub: `${o.viewsPerSession.toFixed(1)} per visit`,
      change: change(o.pageviews, p?.pageviews, "relative"),
    },
    { key: "bounce", label: "Bounce rate", value: formatPercent(o.bounceRate), change: change(o.bounceRate, p?.bounceRate, "points", true) },
    { key: "duration", label: "Visit duration", value: formatDuration(o.avgSessionDuration), change: change(o.avgSessionDuration, p?.avgSessionDuration, "relative") },
    {
      key: "revenue",
      label: "Revenue",
      value: formatMoney(o.revenue, o.currency),
      // Other currencies are not converted (no rates offline); they are listed, not summed.
      sub: others.length ? `+ ${others.map((r) => formatMoney(r.revenue, r.currency)).join(", ")} not converted` : "net of refunds",
      change: change(o.revenue, p?.revenue, "relative"),
      revenue: true,
    },
    { key: "payments", label: "Payments", value: formatNumber(o.payments), change: change(o.payments, p?.payments, "relative") },
    { key: "conversion", label: "Conversion", value: formatRate(o.conversionRate), sub: "visitors who paid", change: change(o.conversionRate, p?.conversionRate, "points") },
    { key: "rpv", label: "Revenue / visitor", value: formatMoney(o.revenuePerVisitor, o.currency), change: change(o.revenuePerVisitor, p?.revenuePerVisitor, "relative"), revenue: true },
  ];
}

/** Conversion rates are often under 1 %: one decimal below 10 % so 0.4 % does not read as 0 %. */
export function formatRate(fraction: number): string {
  const pct = (Number.isFinite(fraction) ? fraction : 0) * 100;
  if (pct === 0) return "0%";
  return pct < 10 ? `${pct.toFixed(1)}%` : `${Math.round(pct)}%`;
}

/** What the dashboard says under the cards when its counts come from a sample; null when they are exact. */
export function sampleNote(o: Pick<OverviewValues, "sample">): string | null {
  if (!o.sample) return null;
  const margin = o.sample.visitorsMargin * 100;
  const bound = margin < 0.1 ? "less than ±0.1%" : `±${margin < 10 ? margin.toFixed(1) : Math.round(margin)}%`;
  return `Estimated from 1 in ${o.sample.k} visitors, so it answers fast: visitors within ${bound} (95% confidence), the other counts alike. ${o.sample.revenueExact ? "Total revenue, and revenue by source, country and device, are exact." : "Revenue too: the filter needs each payer's visits."}`;
}

import type { FunnelReport } from "@/lib/stats/get-funnel-report";

/**
 * One bar per step for the funnel chart: the visitors who reached it, stacked
 * under those who dropped off before it, so each bar is as tall as the step
 * before and the gap reads as the loss.
 */
export type FunnelBar = { key: string; label: string; visitors: number; dropped: number; conversion: string; dropoff: string };

const percent = (f: number) => `${Math.round(f * 1000) / 10}%`;

export function toFunnelBars(report: Pick<FunnelReport, "steps">): FunnelBar[] {
  return report.steps.map((s, i) => ({
    key: String(i),
    label: `${i + 1}. ${s.name}`,
    visitors: s.visitors,
    dropped: s.dropoff,
    conversion: percent(s.conversionRate),
    dropoff: percent(s.dropoffRate),
  }));
}

/** Axis labels are cut so eight steps fit on a phone; the tooltip shows the whole name. */
export function shortLabel(label: string, max = 16): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

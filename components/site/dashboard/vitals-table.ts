import { THRESHOLDS, VITAL_LABELS, VITALS, type Rating, type VitalName } from "@/lib/stats/vitals-ratings";

// Pure shaping of the vitals answer for the panel: which rows a tab shows,
// each metric's p75 as text with its rating, and the legend's thresholds.

type Metric = { p75: number; samples: number; rating: Rating } | null;
export type VitalsGroup = { value: string; samples: number } & Record<VitalName, Metric>;
export type VitalsAnswer = { total: Omit<VitalsGroup, "value">; pages: VitalsGroup[]; devices: VitalsGroup[] };
export type VitalsTab = "pages" | "devices";

export type VitalCell = { name: VitalName; text: string; rating: Rating | null; title: string };
export type VitalsLine = { value: string; samples: number; cells: VitalCell[] };

export const RATING_LABELS: Record<Rating, string> = { good: "Good", needs_improvement: "Needs improvement", poor: "Poor" };

/** A metric as people read it: milliseconds below a second, then seconds; CLS as a plain number. */
export function formatVital(name: VitalName, value: number): string {
  // Number() drops trailing zeros: 2.5 s, not 2.50 s.
  if (name === "cls") return String(Number(value.toFixed(value > 0 && value < 0.01 ? 3 : 2)));
  if (value < 1000) return `${Math.round(value)} ms`;
  return `${Number((value / 1000).toFixed(value < 10_000 ? 2 : 1))} s`;
}

const thresholdText = (name: VitalName) => `good ≤ ${formatVital(name, THRESHOLDS[name].good)}, poor > ${formatVital(name, THRESHOLDS[name].poor)}`;

export function vitalCell(name: VitalName, metric: Metric): VitalCell {
  const label = VITAL_LABELS[name].short;
  if (!metric) return { name, text: "–", rating: null, title: `${label}: not measured (${thresholdText(name)})` };
  const { rating } = metric;
  const loads = `${metric.samples} page load${metric.samples === 1 ? "" : "s"}`;
  return { name, text: formatVital(name, metric.p75), rating, title: `${label} p75 ${formatVital(name, metric.p75)} over ${loads}: ${RATING_LABELS[rating].toLowerCase()} (${thresholdText(name)})` };
}

const line = (g: Omit<VitalsGroup, "value">, value: string): VitalsLine => ({ value, samples: g.samples, cells: VITALS.map((n) => vitalCell(n, g[n])) });

/** The rows of a tab, as the API ordered them (most page loads first). */
export const vitalsLines = (answer: VitalsAnswer, tab: VitalsTab): VitalsLine[] => answer[tab].map((g) => line(g, g.value));

/** The headline: every page load of the range. */
export const totalLine = (answer: VitalsAnswer): VitalsLine => line(answer.total, "All pages");

/** "LCP good ≤ 2.50 s, poor > 4.00 s" for each metric, for the legend. */
export const LEGEND = VITALS.map((n) => ({ name: n, label: VITAL_LABELS[n].short, long: VITAL_LABELS[n].long, text: thresholdText(n) }));

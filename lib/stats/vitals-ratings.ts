// Google's thresholds for the Core Web Vitals and TTFB (web.dev/articles/vitals),
// applied to the 75th percentile of a page's or device's page loads, as the
// Chrome UX Report does. Pure: the dashboard rates with the same numbers.

export const VITALS = ["lcp", "inp", "cls", "ttfb"] as const;
export type VitalName = (typeof VITALS)[number];
export const RATINGS = ["good", "needs_improvement", "poor"] as const;
export type Rating = (typeof RATINGS)[number];

/** Good up to `good` (inclusive), poor above `poor`, needs improvement between. LCP, INP and TTFB in milliseconds, CLS unitless. */
export const THRESHOLDS: Record<VitalName, { good: number; poor: number }> = {
  lcp: { good: 2500, poor: 4000 },
  inp: { good: 200, poor: 500 },
  cls: { good: 0.1, poor: 0.25 },
  ttfb: { good: 800, poor: 1800 },
};

export const VITAL_LABELS: Record<VitalName, { short: string; long: string }> = {
  lcp: { short: "LCP", long: "Largest Contentful Paint" },
  inp: { short: "INP", long: "Interaction to Next Paint" },
  cls: { short: "CLS", long: "Cumulative Layout Shift" },
  ttfb: { short: "TTFB", long: "Time to First Byte" },
};

/** Steps per unit the tracker sends: whole milliseconds, CLS to 4 decimals. */
export const VITAL_STEPS: Record<VitalName, number> = { lcp: 1, inp: 1, cls: 10_000, ttfb: 1 };

/**
 * A p75 counted in whole steps (so exact: a p75 between two values is a whole
 * number of quarters), as shown and rated: halfway rounds up. Counting CLS as
 * a fraction instead left a halfway p75 a bit above or below the half.
 */
export const roundVital = (name: VitalName, steps: number): number => Math.round(steps) / VITAL_STEPS[name];

export function rateVital(name: VitalName, value: number): Rating {
  const t = THRESHOLDS[name];
  return value <= t.good ? "good" : value <= t.poor ? "needs_improvement" : "poor";
}

export const PERIODS = [
  { key: "7d", label: "7 days", days: 7 },
  { key: "30d", label: "30 days", days: 30 },
  { key: "90d", label: "90 days", days: 90 },
] as const;

export type Period = (typeof PERIODS)[number];

/** Reads `?period=`; anything unknown falls back to 30 days rather than erroring. */
export function parsePeriod(value: string | string[] | undefined): Period {
  const raw = Array.isArray(value) ? value[0] : value;
  return PERIODS.find((p) => p.key === raw) ?? PERIODS[1];
}

/** Pure layout for the bar chart, kept apart from rendering so it can be unit-tested. */

export type BarDatum = { key: string; value: number };
export type Bar = BarDatum & { x: number; width: number; height: number };
export type BarLayout = { max: number; ticks: number[]; bars: Bar[] };

/** The smallest 1/2/2.5/5 × 10^n at or above `value`, so gridlines land on round numbers. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

/**
 * Bars in a 0..100 × 0..100 box: x and width as a share of the width, height as a
 * share of the height. `gap` is the part of each slot left empty between bars.
 */
export function layoutBars(data: BarDatum[], { gap = 0.25 } = {}): BarLayout {
  const peak = Math.max(0, ...data.map((d) => d.value));
  // Try 3 to 5 gridline intervals and keep the tightest round axis above the peak.
  let best = { max: Infinity, count: 4 };
  for (const count of [4, 3, 5]) {
    // Whole visitors only: a 0..1 axis would show a quarter of a visitor.
    const step = Math.max(1, Math.ceil(niceCeiling(peak / count)));
    if (step * count < best.max) best = { max: step * count, count };
  }
  const { max, count } = best;
  const ticks = Array.from({ length: count + 1 }, (_, i) => (max / count) * i);
  const slot = data.length > 0 ? 100 / data.length : 100;
  const bars = data.map((d, i) => ({
    ...d,
    x: i * slot + (slot * gap) / 2,
    width: slot * (1 - gap),
    height: (Math.max(0, d.value) / max) * 100,
  }));
  return { max, ticks, bars };
}

/** Which x labels to print: every one for a week, else `count` spread out, always the first and last. */
export function labelIndexes(length: number, count = 5): number[] {
  if (length <= Math.max(count, 8)) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(i * step));
}

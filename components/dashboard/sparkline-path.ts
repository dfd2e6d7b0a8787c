/**
 * An SVG path through `values` in a w x h box (y grows down), with the area
 * under it closed to the baseline. A flat or empty series sits on the baseline.
 */
export function sparklinePath(values: number[], w: number, h: number, pad = 1.5): { line: string; area: string } {
  if (values.length === 0) return { line: "", area: "" };
  const max = Math.max(0, ...values);
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  const pts = values.map((v, i) => [round(i * step), round(max > 0 ? h - pad - (v / max) * (h - 2 * pad) : h - pad)]);
  if (pts.length === 1) pts.push([w, pts[0][1]]);
  const line = pts.map(([x, y], i) => `${i ? "L" : "M"}${x},${y}`).join("");
  return { line, area: `${line}L${pts.at(-1)![0]},${h}L0,${h}Z` };
}

const round = (n: number) => Math.round(n * 100) / 100;

import { cn } from "@/lib/utils";
import { labelIndexes, layoutBars } from "./bar-scale";

export type BarChartDatum = {
  key: string;
  value: number;
  /** Axis and tooltip label, e.g. "Mar 4". */
  label: string;
  /** Extra tooltip lines, already formatted. */
  details?: string[];
};

const formatTick = (n: number) =>
  new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);

/**
 * Render-only bar chart: the SVG stretches to any width (bars are drawn in a
 * 0..100 box), while text stays in HTML so it never gets squashed with it.
 * Tooltips are CSS hover, so the chart needs no client JavaScript.
 */
export function BarChart({
  data,
  unit,
  className,
}: {
  data: BarChartDatum[];
  unit: string;
  className?: string;
}) {
  const { max, ticks, bars } = layoutBars(data.map(({ key, value }) => ({ key, value })));
  const xLabels = labelIndexes(data.length);
  const slot = 100 / Math.max(1, bars.length);
  const total = data.reduce((sum, d) => sum + d.value, 0);

  return (
    <figure className={cn("grid gap-2", className)} aria-label={`${total} ${unit} over ${data.length} days`}>
      <div className="flex gap-2">
        <div className="relative w-8 shrink-0 text-right text-[11px] text-muted-foreground" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t} className="absolute right-0 translate-y-1/2" style={{ bottom: `${(t / max) * 100}%` }}>
              {formatTick(t)}
            </span>
          ))}
        </div>
        <div className="relative h-52 flex-1 sm:h-60">
          <svg className="absolute inset-0 size-full overflow-visible" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
            {ticks.map((t) => (
              <line
                key={t}
                x1={0}
                x2={100}
                y1={100 - (t / max) * 100}
                y2={100 - (t / max) * 100}
                className="stroke-border"
                strokeDasharray={t === 0 ? undefined : "3 3"}
                vectorEffect="non-scaling-stroke"
              />
            ))}
            {bars.map((b) => (
              <rect key={b.key} x={b.x} width={b.width} y={100 - b.height} height={b.height} className="fill-brand" />
            ))}
          </svg>
          {bars.map((b, i) => (
            <div
              key={b.key}
              className="group absolute inset-y-0 chart-hover:bg-foreground/5"
              style={{ left: `${i * slot}%`, width: `${slot}%` }}
            >
              <div
                className={cn(
                  "pointer-events-none absolute bottom-full z-10 mb-1 hidden rounded-md border bg-popover px-2.5 py-1.5 text-xs whitespace-nowrap text-popover-foreground shadow-md chart-hover:block",
                  i < bars.length / 2 ? "left-0" : "right-0",
                )}
              >
                <div className="font-medium">{data[i].label}</div>
                <div className="text-muted-foreground">
                  {formatTick(data[i].value)} {unit}
                </div>
                {data[i].details?.map((line) => (
                  <div key={line} className="text-muted-foreground">
                    {line}
                  </div>
                ))}
              </div>
            </div>
          ))}
        </div>
      </div>
      <div className="relative ml-10 h-4 text-[11px] text-muted-foreground" aria-hidden="true">
        {xLabels.map((i) => {
          const b = bars[i];
          // With many thin bars the outer labels would hang past the plot, so they hug its edges.
          const pinned = bars.length > 14 && (i === 0 || i === bars.length - 1);
          const edge = !pinned ? "-translate-x-1/2" : i === 0 ? "left-0" : "right-0";
          return (
            <span
              key={b.key}
              className={cn("absolute whitespace-nowrap", edge)}
              style={pinned ? undefined : { left: `${b.x + b.width / 2}%` }}
            >
              {data[i].label}
            </span>
          );
        })}
      </div>
    </figure>
  );
}

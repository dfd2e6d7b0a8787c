import { formatNumber } from "@/components/format";
import { cn } from "@/lib/utils";
import type { UsageMeter as Meter } from "./usage-meter-data";

const FILL = { ok: "bg-primary", warn: "bg-amber-500", over: "bg-destructive" } as const;

/** Renders a usageMeter(): the month's events, the projection in a lighter shade, the limit as a tick. */
export function UsageMeter({ meter }: { meter: Meter }) {
  const pct = (f: number) => `${(f * 100).toFixed(2)}%`;
  return (
    <div className="grid gap-2" data-testid="usage-meter" data-tone={meter.tone}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="text-sm">
          <span className="text-2xl font-semibold tabular-nums">{formatNumber(meter.events)}</span>{" "}
          <span className="text-muted-foreground">
            {meter.limit === null ? "events" : `of ${formatNumber(meter.limit)} events`} in {meter.monthLabel}
          </span>
        </p>
        {meter.percent !== null ? (
          <span className={cn("text-sm font-medium tabular-nums", meter.tone === "over" ? "text-destructive" : meter.tone === "warn" ? "text-amber-700 dark:text-amber-400" : "text-muted-foreground")}>
            {meter.percent}%
          </span>
        ) : null}
      </div>
      <div
        className="relative h-3 w-full overflow-hidden rounded-full bg-muted"
        role="meter"
        aria-label="Events this month"
        aria-valuemin={0}
        aria-valuemax={meter.limit ?? meter.projected}
        aria-valuenow={meter.events}
      >
        <div className={cn("absolute inset-y-0 left-0", FILL[meter.tone])} style={{ width: pct(meter.used) }} />
        <div className={cn("absolute inset-y-0 opacity-30", FILL[meter.tone])} style={{ left: pct(meter.used), width: pct(meter.ahead) }} />
        {meter.limitAt !== null ? <div className="absolute inset-y-0 w-0.5 bg-foreground/70" style={{ left: pct(meter.limitAt) }} title="Plan limit" /> : null}
      </div>
      <p className="text-xs text-muted-foreground" data-testid="usage-projection">
        Projected for the month at this pace: <span className="font-medium text-foreground tabular-nums">{formatNumber(meter.projected)}</span> events
        {meter.limit !== null && meter.projected > meter.limit ? " — more than the plan includes" : ""}.
      </p>
    </div>
  );
}

"use client";

import { formatNumber } from "@/components/format";
import { useJson } from "@/components/site/dashboard/use-json";
import { Skeleton } from "@/components/ui/skeleton";
import { sparklinePath } from "./sparkline-path";

const W = 120;
const H = 32;

/** Visitors per day over the last 7 or 30 days, from the same timeseries API as the dashboard. */
export function SiteSparkline({ siteId, days }: { siteId: string; days: 7 | 30 }) {
  const { data, error } = useJson<{ points: { visitors: number }[] }>(`/api/websites/${siteId}/stats/timeseries?period=${days}d&interval=day`);
  if (error) return null;
  if (!data) return <Skeleton className="h-8 w-full" />;
  const values = data.points.map((p) => p.visitors);
  const total = values.reduce((a, b) => a + b, 0);
  const { line, area } = sparklinePath(values, W, H);
  return (
    <div className="flex items-end gap-3" data-testid="site-sparkline">
      <div className="shrink-0">
        <div className="text-lg leading-none font-semibold tabular-nums">{formatNumber(total)}</div>
        <div className="text-xs text-muted-foreground">visits, {days} days</div>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-8 min-w-0 flex-1" aria-label={`Visitors per day, last ${days} days`} role="img">
        <path d={area} className="fill-brand/15" />
        <path d={line} className="fill-none stroke-brand" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
      </svg>
    </div>
  );
}

"use client";

import { formatNumber } from "@/components/format";
import { useJson } from "@/components/site/dashboard/use-json";
import { Skeleton } from "@/components/ui/skeleton";
import { sparklinePath } from "./sparkline-path";

const W = 120;
const H = 32;

/**
 * Visitors per day over the last 7 or 30 days, from the same timeseries API as
 * the dashboard. The total is the overview's unique visitors of the range: a
 * visitor back on three days is one visitor, not the sum of the days.
 */
export function SiteSparkline({ siteId, days }: { siteId: string; days: 7 | 30 }) {
  const { data, error } = useJson<{ points: { visitors: number }[] }>(`/api/websites/${siteId}/stats/timeseries?period=${days}d&interval=day`);
  const overview = useJson<{ visitors: number }>(`/api/websites/${siteId}/stats/overview?period=${days}d`);
  if (error || overview.error) return null;
  if (!data || !overview.data) return <Skeleton className="h-8 w-full" />;
  const values = data.points.map((p) => p.visitors);
  const total = overview.data.visitors;
  const { line, area } = sparklinePath(values, W, H);
  return (
    <div className="flex items-end gap-3" data-testid="site-sparkline">
      <div className="shrink-0">
        <div className="text-lg leading-none font-semibold tabular-nums" data-testid="site-visitors">{formatNumber(total)}</div>
        <div className="text-xs text-muted-foreground">visitors, {days} days</div>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-8 min-w-0 flex-1" aria-label={`Visitors per day, last ${days} days`} role="img">
        <path d={area} className="fill-brand/15" />
        <path d={line} className="fill-none stroke-brand" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
      </svg>
    </div>
  );
}

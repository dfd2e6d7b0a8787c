import { ArrowDownRight, ArrowUpRight } from "lucide-react";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { metricCards, sampleNote, type Change, type OverviewResponse } from "./metrics";

function ChangeText({ change }: { change: Change }) {
  const Icon = change.direction === "down" ? ArrowDownRight : ArrowUpRight;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-0.5 text-xs font-medium tabular-nums",
        change.good === true && "text-success",
        change.good === false && "text-destructive",
        change.good === null && "text-muted-foreground",
      )}
      title="Compared with the previous period of the same length"
    >
      {change.direction !== "flat" ? <Icon className="size-3.5" /> : null}
      {change.text}
    </span>
  );
}

export function MetricCards({ overview, stale }: { overview: OverviewResponse; stale?: boolean }) {
  const note = sampleNote(overview);
  return (
    <div className="space-y-2">
      <div className={cn("grid grid-cols-2 gap-3 transition-opacity sm:grid-cols-4", stale && "opacity-60")} data-testid="metric-cards">
        {metricCards(overview).map((m) => (
          <Card key={m.key} className="min-w-0 gap-1 px-4 py-3.5" data-metric={m.key}>
            <div className="truncate text-xs font-medium tracking-wide text-muted-foreground uppercase">
              {m.label}
            </div>
            <div className={cn("truncate text-2xl font-semibold tracking-tight tabular-nums", m.revenue && overview.revenue > 0 && "text-revenue")} data-testid={`metric-${m.key}`}>
              {m.value}
            </div>
            <div className="flex min-w-0 flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
              {m.change ? <ChangeText change={m.change} /> : null}
              {m.sub ? <span className="truncate">{m.sub}</span> : null}
            </div>
          </Card>
        ))}
      </div>
      {note ? <p className="text-xs text-muted-foreground" data-testid="sample-note">{note}</p> : null}
    </div>
  );
}

export function MetricCardsSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-busy="true" aria-label="Loading metrics">
      {Array.from({ length: 8 }, (_, i) => (
        <Card key={i} className="gap-2 px-4 py-3.5">
          <Skeleton className="h-3 w-16" />
          <Skeleton className="h-7 w-20" />
          <Skeleton className="h-3 w-12" />
        </Card>
      ))}
    </div>
  );
}

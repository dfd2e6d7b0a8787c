import type { SiteSummary } from "@/lib/stats/get-site-summary";
import { formatDuration, formatMoney, formatNumber, formatPercent } from "@/components/format";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils";

type MetricProps = { label: string; value: string; hint?: string; accent?: boolean; className?: string };

function Metric({ label, value, hint, accent, className }: MetricProps) {
  return (
    <Card className={cn("gap-1 px-4 py-4", className)}>
      <div className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</div>
      <div className={cn("text-2xl font-semibold tabular-nums tracking-tight", accent && "text-revenue")}>{value}</div>
      {hint ? <div className="text-xs text-muted-foreground">{hint}</div> : null}
    </Card>
  );
}

export function MetricCards({ summary }: { summary: SiteSummary }) {
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-5">
      <Metric label="Visitors" value={formatNumber(summary.visitors)} hint={`${formatNumber(summary.sessions)} sessions`} />
      <Metric label="Pageviews" value={formatNumber(summary.pageviews)} />
      <Metric label="Bounce rate" value={formatPercent(summary.bounceRate)} />
      <Metric label="Avg. visit" value={formatDuration(summary.avgSessionDuration)} />
      <Metric
        label="Revenue"
        value={formatMoney(summary.revenue, summary.currency)}
        hint={`${formatNumber(summary.payments)} payment${summary.payments === 1 ? "" : "s"}`}
        accent={summary.revenue > 0}
        className="col-span-2 md:col-span-1"
      />
    </div>
  );
}

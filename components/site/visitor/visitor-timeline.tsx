import { CreditCard, Eye, Flag, LogIn } from "lucide-react";
import type { TimelineEntry } from "@/lib/visitors/timeline";
import { EmptyState } from "@/components/dashboard/empty-state";
import { formatDateTime, formatDuration, formatMoney } from "@/components/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

const time = (iso: string) => new Intl.DateTimeFormat("en-US", { timeStyle: "short" }).format(new Date(iso));

/** Visits and payments, oldest first, each visit listing its pageviews and goals. */
export function VisitorTimeline({ entries, truncated }: { entries: TimelineEntry[]; truncated: boolean }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Timeline</CardTitle>
        {truncated ? <p className="text-xs text-muted-foreground">Showing the latest 500 pageviews.</p> : null}
      </CardHeader>
      <CardContent className="px-3 sm:px-6">
        {entries.length === 0 ? (
          <EmptyState icon={Eye} title="No activity recorded">This visitor has no visits or payments on this site yet.</EmptyState>
        ) : (
          <ol className="relative grid gap-5 border-l pl-5" aria-label="Timeline">
            {entries.map((e, i) =>
              e.kind === "payment" ? (
                <li key={i} className="relative">
                  <span className="absolute top-0.5 -left-[1.9rem] flex size-5 items-center justify-center rounded-full bg-success text-white"><CreditCard className="size-3" /></span>
                  <p className="text-sm font-medium">
                    Paid {formatMoney(e.amount, e.currency)}{e.renewal ? " (renewal)" : ""}
                    {e.refundedAmount ? <span className="text-destructive"> · {formatMoney(e.refundedAmount, e.currency)} refunded</span> : null}
                  </p>
                  <p className="text-xs text-muted-foreground">{formatDateTime(e.at)} · {e.provider}</p>
                </li>
              ) : (
                <li key={i} className="relative">
                  <span className="absolute top-0.5 -left-[1.9rem] flex size-5 items-center justify-center rounded-full bg-brand text-white"><LogIn className="size-3" /></span>
                  <p className="text-sm font-medium">Visit from {e.source}</p>
                  <p className="text-xs text-muted-foreground">
                    {formatDateTime(e.at)} · {formatDuration(e.durationSeconds)}
                    {[e.country, e.device, e.browser].filter(Boolean).length ? ` · ${[e.country, e.device, e.browser].filter(Boolean).join(", ")}` : ""}
                  </p>
                  <ul className="mt-2 grid gap-1">
                    {e.events.map((ev, j) => (
                      <li key={j} className="flex items-center gap-2 text-xs">
                        <span className="w-16 shrink-0 text-muted-foreground tabular-nums">{time(ev.at)}</span>
                        {ev.kind === "goal" ? (
                          <span className="inline-flex min-w-0 items-center gap-1 font-medium text-brand"><Flag className="size-3 shrink-0" /><span className="truncate">{ev.name}</span></span>
                        ) : (
                          <span className="truncate font-mono">{ev.path}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                </li>
              ),
            )}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}

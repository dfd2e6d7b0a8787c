import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import type { RevenueCard } from "./revenue-data";

export function RevenueCards({ cards, stale }: { cards: RevenueCard[]; stale?: boolean }) {
  return (
    <div className={cn("grid grid-cols-2 gap-3 transition-opacity sm:grid-cols-4", stale && "opacity-60")} data-testid="revenue-cards">
      {cards.map((c) => (
        <Card key={c.key} className="min-w-0 gap-1 px-4 py-3.5">
          <div className="truncate text-xs font-medium tracking-wide text-muted-foreground uppercase">{c.label}</div>
          <div className={cn("truncate text-2xl font-semibold tracking-tight tabular-nums", c.money && "text-revenue")} data-testid={`revenue-${c.key}`}>
            {c.value}
          </div>
          {c.sub ? <div className="truncate text-xs text-muted-foreground">{c.sub}</div> : null}
        </Card>
      ))}
    </div>
  );
}

"use client";

import { MoneyBars } from "@/components/charts/revenue-bars";
import { formatMoney, formatNumber } from "@/components/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { MrrMonth } from "@/lib/stats/get-mrr";
import { mrrHeadline, mrrRows } from "./revenue-data";

const BARS = [
  { key: "newMrr", label: "New", color: "var(--revenue)", stack: "m" },
  { key: "expansion", label: "Expansion", color: "var(--brand)", stack: "m" },
  { key: "churnBar", label: "Churn + contraction", color: "var(--destructive)", stack: "m" },
];

/** MRR for subscriptions: the latest month's figure, its movements, and each month of the range. */
export function MrrCard({ months, currency }: { months: MrrMonth[]; currency: string }) {
  const { mrr, net } = mrrHeadline(months);
  const last = months.at(-1);
  const rows = mrrRows(months);
  return (
    <Card className="gap-3">
      <CardHeader>
        <CardTitle className="text-base">Monthly recurring revenue</CardTitle>
        <CardDescription>Customers with a renewal payment count as subscribers; the whole site, whatever the filters.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-end gap-x-6 gap-y-2">
          <div>
            <div className="text-3xl font-semibold tabular-nums text-revenue" data-testid="mrr">{formatMoney(mrr, currency)}</div>
            <div className="text-xs text-muted-foreground">
              {last ? `${formatNumber(last.subscribers)} subscriber${last.subscribers === 1 ? "" : "s"} in ${rows.at(-1)?.label}` : "no months"} · {net >= 0 ? "+" : "−"}
              {formatMoney(Math.abs(net), currency)} on the month before
            </div>
          </div>
          {last ? (
            <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4" data-testid="mrr-movements">
              {[["New", last.newMrr], ["Expansion", last.expansion], ["Contraction", last.contraction], ["Churn", last.churn]].map(([k, v]) => (
                <div key={k as string}>
                  <dt className="text-xs text-muted-foreground">{k}</dt>
                  <dd className="font-medium tabular-nums">{formatMoney(v as number, currency)}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </div>
        {rows.length > 1 ? <MoneyBars rows={rows} bars={BARS} line={{ key: "mrr", label: "MRR", color: "var(--foreground)" }} currency={currency} height={180} testId="mrr-chart" /> : null}
      </CardContent>
    </Card>
  );
}

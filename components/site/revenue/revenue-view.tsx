"use client";

import { useMemo } from "react";
import { MoneyBars } from "@/components/charts/revenue-bars";
import { buildChartRows, type SeriesInput } from "@/components/site/dashboard/chart-data";
import { apiQuery, periodLabel } from "@/components/site/dashboard/query";
import { FilterChips, Toolbar } from "@/components/site/dashboard/toolbar";
import { useDashState } from "@/components/site/dashboard/use-dash-state";
import { useJson } from "@/components/site/dashboard/use-json";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { RevenueReport } from "@/lib/stats/revenue-report";
import { MrrCard } from "./mrr-card";
import { PaymentsTable } from "./payments-table";
import { RevenueCards } from "./revenue-cards";
import { revenueCards } from "./revenue-data";

type Props = { websiteId: string; timezone: string; currency: string; showCustomers: boolean };

/** The revenue page: the overview's period and filters, totals, the revenue chart, MRR and the payments. */
export function RevenueView({ websiteId, timezone, currency, showCustomers }: Props) {
  const apiBase = `/api/websites/${websiteId}`;
  const [state, setState] = useDashState();
  const report = useJson<RevenueReport>(`${apiBase}/revenue?${apiQuery(state)}`);
  const series = useJson<SeriesInput>(`${apiBase}/stats/timeseries?${apiQuery(state, { interval: state.interval })}`);
  const rows = useMemo(() => (series.data ? buildChartRows(series.data, []) : null), [series.data]);
  return (
    <div className="grid min-w-0 gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Toolbar key={state.period ?? `${state.from}-${state.to}`} state={state} onChange={setState} />
        <p className="text-xs text-muted-foreground">{periodLabel(state)} · {timezone}</p>
      </div>
      <FilterChips state={state} onChange={setState} />
      {report.error ? <p className="text-sm text-destructive">{report.error}</p> : report.data ? <RevenueCards cards={revenueCards(report.data.summary)} stale={report.loading} /> : <Skeleton className="h-48 w-full" />}
      <Card className="gap-3 pb-3">
        <CardHeader>
          <CardTitle className="text-base">Net revenue</CardTitle>
        </CardHeader>
        <CardContent className="px-2 sm:px-4">
          {rows ? <MoneyBars rows={rows} bars={[{ key: "revenue", label: "Net revenue", color: "var(--revenue)" }]} currency={currency} testId="revenue-chart" /> : <Skeleton className="h-[220px] w-full" />}
        </CardContent>
      </Card>
      {report.data ? <MrrCard months={report.data.mrr} currency={currency} /> : null}
      <PaymentsTable apiBase={apiBase} websiteId={websiteId} state={state} showCustomers={showCustomers} />
    </div>
  );
}

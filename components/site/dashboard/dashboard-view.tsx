"use client";

import { BreakdownPanel } from "./breakdown-panel";
import { NoDataInPeriod } from "./empty-states";
import { ImportedBar } from "./imported-bar";
import { MainChart, type HeldRange } from "./main-chart";
import { MetricCards, MetricCardsSkeleton } from "./metric-cards";
import type { OverviewResponse } from "./metrics";
import { GOALS, LOCATIONS, PAGES, REVENUE, SOURCES, SYSTEM } from "./panels";
import { apiQuery, periodLabel } from "./query";
import { FilterChips, Toolbar } from "./toolbar";
import { useDashState } from "./use-dash-state";
import { useJson } from "./use-json";
import { VitalsPanel } from "./vitals-panel";

type Props = {
  /** Where the stats come from: /api/websites/{id} (the team) or /api/share/{token} (a public link). */
  apiBase: string;
  timezone: string;
  currency: string;
  /** Shown instead of the numbers while the site has never sent an event. */
  waiting: React.ReactNode | null;
  showMarkers: boolean;
  /** The site's retention: where the data it keeps starts (null: it keeps everything). */
  held?: HeldRange | null;
};

/** The dashboard itself: every part fetches from the stats API with the view the URL holds. */
export function DashboardView({ apiBase, timezone, currency, waiting, showMarkers, held = null }: Props) {
  const [state, setState] = useDashState();
  const overview = useJson<OverviewResponse>(`${apiBase}/stats/overview?${apiQuery(state)}`);
  const o = overview.data;
  const common = { apiBase, state, currency, totalVisitors: o?.visitors ?? 0, onChange: setState };
  const nothing = !!o && o.visitors === 0 && o.payments === 0 && state.filters.length === 0;

  return (
    <div className="grid min-w-0 gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Toolbar key={state.period ?? `${state.from}-${state.to}`} state={state} onChange={setState} />
        <p className="text-xs text-muted-foreground">
          {periodLabel(state)} · {timezone}
        </p>
      </div>
      <FilterChips state={state} onChange={setState} />
      <ImportedBar info={o?.imported} state={state} onChange={setState} />
      {waiting && nothing ? (
        waiting
      ) : (
        <>
          {overview.error ? <p className="text-sm text-destructive">{overview.error}</p> : o ? <MetricCards overview={o} stale={overview.loading} /> : <MetricCardsSkeleton />}
          {nothing ? <NoDataInPeriod label={periodLabel(state)} onAll={() => setState({ ...state, period: "all", from: undefined, to: undefined, interval: undefined })} /> : null}
          <MainChart apiBase={apiBase} state={state} currency={currency} onChange={setState} showMarkers={showMarkers} held={held} />
          <div className="grid min-w-0 gap-4 lg:grid-cols-2">
            <BreakdownPanel title="Sources" tabs={SOURCES} {...common} />
            <BreakdownPanel title="Pages" tabs={PAGES} {...common} />
            <BreakdownPanel title="Locations" tabs={LOCATIONS} {...common} />
            <BreakdownPanel title="System" tabs={SYSTEM} {...common} />
            <BreakdownPanel title="Goals" tabs={GOALS} mode="goals" {...common} />
            <BreakdownPanel title="Revenue by source" tabs={REVENUE} mode="revenue" {...common} />
            <VitalsPanel apiBase={apiBase} state={state} />
          </div>
        </>
      )}
    </div>
  );
}

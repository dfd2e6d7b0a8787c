"use client";

import type { WebsiteDTO } from "@/lib/websites/types";
import { BreakdownPanel } from "./breakdown-panel";
import { InstallSnippet, NoDataInPeriod } from "./empty-states";
import { MainChart } from "./main-chart";
import { MetricCards, MetricCardsSkeleton } from "./metric-cards";
import type { OverviewResponse } from "./metrics";
import { GOALS, LOCATIONS, PAGES, REVENUE, SOURCES, SYSTEM } from "./panels";
import { apiQuery, periodLabel } from "./query";
import { FilterChips, Toolbar } from "./toolbar";
import { useDashState } from "./use-dash-state";
import { useJson } from "./use-json";

/** The site's main dashboard: every part fetches from the stats API with the view the URL holds. */
export function SiteDashboard({ website }: { website: WebsiteDTO }) {
  const [state, setState] = useDashState();
  const overview = useJson<OverviewResponse>(`/api/websites/${website.id}/stats/overview?${apiQuery(state)}`);
  const o = overview.data;
  const common = { websiteId: website.id, state, currency: website.currency, totalVisitors: o?.visitors ?? 0, onChange: setState };
  const nothing = !!o && o.visitors === 0 && o.payments === 0 && state.filters.length === 0;

  return (
    <div className="grid min-w-0 gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Toolbar key={state.period ?? `${state.from}-${state.to}`} state={state} onChange={setState} />
        <p className="text-xs text-muted-foreground">
          {periodLabel(state)} · {website.timezone}
        </p>
      </div>
      <FilterChips state={state} onChange={setState} />
      {!website.firstEventAt && nothing ? (
        <InstallSnippet website={website} />
      ) : (
        <>
          {overview.error ? <p className="text-sm text-destructive">{overview.error}</p> : o ? <MetricCards overview={o} stale={overview.loading} /> : <MetricCardsSkeleton />}
          {nothing ? <NoDataInPeriod label={periodLabel(state)} onAll={() => setState({ ...state, period: "all", from: undefined, to: undefined, interval: undefined })} /> : null}
          <MainChart websiteId={website.id} state={state} currency={website.currency} onChange={setState} />
          <div className="grid min-w-0 gap-4 lg:grid-cols-2">
            <BreakdownPanel title="Sources" tabs={SOURCES} {...common} />
            <BreakdownPanel title="Pages" tabs={PAGES} {...common} />
            <BreakdownPanel title="Locations" tabs={LOCATIONS} {...common} />
            <BreakdownPanel title="System" tabs={SYSTEM} {...common} />
            <BreakdownPanel title="Goals" tabs={GOALS} mode="goals" {...common} />
            <BreakdownPanel title="Revenue by source" tabs={REVENUE} mode="revenue" {...common} />
          </div>
        </>
      )}
    </div>
  );
}

"use client";

import { useMemo } from "react";
import { OverlayChart } from "@/components/charts/overlay-chart";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { allowedIntervals, buildChartRows, toMarkers, type MarkersInput, type SeriesInput } from "./chart-data";
import { MarkerStrip } from "./marker-strip";
import { apiQuery, type DashInterval, type DashState } from "./query";
import { useJson } from "./use-json";

const INTERVAL_LABEL: Record<DashInterval, string> = { hour: "Hours", day: "Days", week: "Weeks", month: "Months" };

type Props = { apiBase: string; state: DashState; currency: string; onChange: (s: DashState) => void; showMarkers?: boolean; held?: HeldRange | null };
/** Where the data the site keeps starts (its retention), as the page computed it. */
export type HeldRange = { days: number; day: string; at: string };

/**
 * The main chart, fetch part: the series and the markers of the range, then
 * the pure transform, then the render. A shared dashboard shows no markers:
 * commit messages and mentions may be private to the team.
 */
export function MainChart({ apiBase, state, currency, onChange, showMarkers = true, held = null }: Props) {
  const series = useJson<SeriesInput>(`${apiBase}/stats/timeseries?${apiQuery(state, { interval: state.interval })}`);
  const markers = useJson<MarkersInput>(showMarkers ? `${apiBase}/markers?${apiQuery({ ...state, filters: [] })}` : null);
  const rows = useMemo(() => (series.data ? buildChartRows(series.data, markers.data ? toMarkers(markers.data) : [], held?.at) : null), [series.data, markers.data, held]);
  const beforeHeld = !!held && !!series.data && Date.parse(series.data.range.current.start) < Date.parse(held.at);
  const intervals = series.data ? allowedIntervals(series.data.range.current) : [];
  const showRevenue = !!rows?.some((r) => r.revenue !== 0 || (r.previousRevenue ?? 0) !== 0);
  const markerCount = rows?.reduce((n, r) => n + r.markers.length, 0) ?? 0;

  return (
    <Card className="gap-3 pb-3">
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <CardTitle className="text-base">Visitors and revenue</CardTitle>
          <div className="flex flex-wrap items-center gap-3 text-xs text-muted-foreground">
            <span className="inline-flex items-center gap-1.5"><i className="h-2 w-3 rounded-sm bg-brand/60" />Visitors</span>
            {showRevenue ? <span className="inline-flex items-center gap-1.5"><i className="h-2 w-2 rounded-sm bg-revenue" />Revenue</span> : null}
            {series.data?.previous ? <span className="inline-flex items-center gap-1.5"><i className="w-3 border-t-2 border-dashed border-muted-foreground/60" />Previous period</span> : null}
            {markerCount ? <span>{markerCount} mention{markerCount > 1 ? "s" : ""} / commit{markerCount > 1 ? "s" : ""}</span> : null}
          </div>
        </div>
        {intervals.length > 1 ? (
          <div className="inline-flex h-8 items-center rounded-lg bg-muted p-0.5 text-muted-foreground" role="group" aria-label="Interval">
            {intervals.map((i) => (
              <button
                key={i}
                type="button"
                aria-pressed={series.data?.interval === i}
                onClick={() => onChange({ ...state, interval: i })}
                className={cn("h-full rounded-md px-2.5 text-xs font-medium", series.data?.interval === i && "bg-background text-foreground shadow-sm")}
              >
                {INTERVAL_LABEL[i]}
              </button>
            ))}
          </div>
        ) : null}
      </CardHeader>
      <CardContent className={cn("px-2 transition-opacity sm:px-4", series.loading && rows && "opacity-60")} data-testid="main-chart">
        {beforeHeld && held ? (
          <p className="mx-2 mb-2 rounded-md border border-dashed px-3 py-2 text-xs text-muted-foreground" data-testid="retention-note">
            This site keeps visitor data for {held.days} days: visits before {held.day} are deleted, so they are missing from this range, not zero. Revenue is kept.
          </p>
        ) : null}
        {series.error ? (
          <p className="py-20 text-center text-sm text-destructive">{series.error}</p>
        ) : rows && series.data ? (
          <>
            <OverlayChart rows={rows} interval={series.data.interval} currency={currency} showRevenue={showRevenue} showPrevious={!!series.data.previous} />
            <MarkerStrip rows={rows} showRevenue={showRevenue} />
          </>
        ) : (
          <Skeleton className="h-[260px] w-full" />
        )}
      </CardContent>
    </Card>
  );
}

"use client";

import { useState } from "react";
import { formatNumber } from "@/components/format";
import { DeviceLabel, PageLabel } from "@/components/site/overview/labels";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { Rating } from "@/lib/stats/vitals-ratings";
import { cn } from "@/lib/utils";
import { apiQuery, type DashState } from "./query";
import { useJson } from "./use-json";
import { LEGEND, RATING_LABELS, totalLine, vitalsLines, type VitalCell, type VitalsAnswer, type VitalsTab } from "./vitals-table";

const TONE: Record<Rating, { text: string; dot: string }> = {
  good: { text: "text-emerald-700 dark:text-emerald-400", dot: "bg-emerald-500" },
  needs_improvement: { text: "text-amber-700 dark:text-amber-400", dot: "bg-amber-500" },
  poor: { text: "text-red-700 dark:text-red-400", dot: "bg-red-500" },
};

function Value({ cell, className }: { cell: VitalCell; className?: string }) {
  return (
    <span role="cell" title={cell.title} data-rating={cell.rating ?? "none"} className={cn("inline-flex items-center justify-end gap-1.5 tabular-nums", cell.rating ? TONE[cell.rating].text : "text-muted-foreground", className)}>
      {cell.rating ? <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", TONE[cell.rating].dot)} /> : null}
      <span data-testid="vital-value">{cell.text}</span>
      {cell.rating ? <span className="sr-only"> ({RATING_LABELS[cell.rating]})</span> : null}
    </span>
  );
}

/** How to start measuring: the tag names the extension in the script's file name. */
function EnableNote() {
  return (
    <p className="px-2 py-6 text-center text-sm text-muted-foreground" data-testid="vitals-enable">
      No web vitals reported in this period. They come from the tracker&apos;s web-vitals extension: load <code className="rounded bg-muted px-1 font-mono">script.web-vitals.js</code> instead of{" "}
      <code className="rounded bg-muted px-1 font-mono">script.js</code> in your tag (with other extensions, list them alphabetically, e.g.{" "}
      <code className="rounded bg-muted px-1 font-mono">script.outbound-links.web-vitals.js</code>).
    </p>
  );
}

/**
 * Core Web Vitals: the 75th percentile of each metric over the period's page
 * loads, coloured by Google's rating, for the whole site, then per page or
 * per device. Filters and period are the dashboard's.
 */
export function VitalsPanel({ apiBase, state }: { apiBase: string; state: DashState }) {
  const [tab, setTab] = useState<VitalsTab>("pages");
  // Vitals have no revenue: the attribution model is not part of their question.
  const { data, error, loading } = useJson<VitalsAnswer>(`${apiBase}/stats/vitals?${apiQuery({ ...state, model: "last_touch" })}`);
  const empty = !!data && data.total.samples === 0;
  const total = data && totalLine(data);

  return (
    <Card className="min-w-0 gap-3 pb-3 lg:col-span-2" data-panel="Web vitals">
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle className="text-base">Web vitals</CardTitle>
        <Tabs value={tab} onValueChange={(v) => setTab(v as VitalsTab)}>
          <TabsList className="h-8">
            <TabsTrigger value="pages" className="px-2 text-xs">Pages</TabsTrigger>
            <TabsTrigger value="devices" className="px-2 text-xs">Devices</TabsTrigger>
          </TabsList>
        </Tabs>
      </CardHeader>
      <CardContent className={cn("grid gap-4 px-3 transition-opacity", loading && data && "opacity-60")}>
        {error ? (
          <p className="py-8 text-center text-sm text-destructive">{error}</p>
        ) : !data || !total ? (
          <div className="grid gap-2" aria-busy="true">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-6 w-full" />
            ))}
          </div>
        ) : empty ? (
          <EnableNote />
        ) : (
          <>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="vitals-total">
              {total.cells.map((c, i) => (
                <div key={c.name} className="rounded-md border px-3 py-2">
                  <p className="text-xs text-muted-foreground" title={LEGEND[i].long}>{LEGEND[i].label} · p75</p>
                  <Value cell={c} className="text-lg font-semibold" />
                </div>
              ))}
            </div>
            {/* On a phone each row is two lines: the page, then its four values under the headers. */}
            <div role="table" aria-label={tab === "pages" ? "Web vitals per page" : "Web vitals per device"} className="text-sm">
              <div role="row" className="grid grid-cols-4 gap-2 px-1.5 pb-1 text-xs font-medium text-muted-foreground sm:flex sm:items-center">
                <span role="columnheader" className="hidden min-w-0 flex-1 sm:block">{tab === "pages" ? "Page" : "Device"}</span>
                {LEGEND.map((l) => (
                  <span key={l.name} role="columnheader" title={l.long} className="sm:w-20 sm:text-right">{l.label}</span>
                ))}
                <span role="columnheader" className="hidden w-14 text-right sm:block">Loads</span>
              </div>
              {vitalsLines(data, tab).map((r) => (
                <div key={r.value} role="row" className="grid grid-cols-4 gap-x-2 gap-y-1 rounded-sm px-1.5 py-1.5 hover:bg-muted/60 sm:flex sm:items-center">
                  <span role="cell" className="col-span-4 min-w-0 truncate sm:flex-1">
                    {tab === "pages" ? <PageLabel value={r.value} /> : <DeviceLabel value={r.value} />}
                    <span className="text-xs text-muted-foreground sm:hidden"> · {formatNumber(r.samples)} loads</span>
                  </span>
                  {r.cells.map((c) => (
                    <Value key={c.name} cell={c} className="justify-start sm:w-20 sm:justify-end" />
                  ))}
                  <span role="cell" className="hidden w-14 text-right text-muted-foreground tabular-nums sm:block">{formatNumber(r.samples)}</span>
                </div>
              ))}
            </div>
            <p className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t pt-3 text-xs text-muted-foreground" data-testid="vitals-legend">
                <span>75th percentile of page loads.</span>
                {(Object.keys(RATING_LABELS) as Rating[]).map((r) => (
                  <span key={r} className="inline-flex items-center gap-1">
                    <span aria-hidden="true" className={cn("size-2 rounded-full", TONE[r].dot)} />
                    {RATING_LABELS[r]}
                  </span>
                ))}
                <span>{LEGEND.map((l) => `${l.label} ${l.text}`).join(" · ")}</span>
              </p>
          </>
        )}
      </CardContent>
    </Card>
  );
}

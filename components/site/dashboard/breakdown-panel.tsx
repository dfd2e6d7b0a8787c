"use client";

import { useState } from "react";
import type { Dimension } from "@/lib/stats/dimensions";
import { formatMoney, formatNumber } from "@/components/format";
import { CountryLabel, DeviceLabel, PageLabel, SourceLabel } from "@/components/site/overview/labels";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { cn } from "@/lib/utils";
import { formatRate, type ImportedInfo } from "./metrics";
import { panelRows, type BreakdownRow, type PanelMode, type PanelRow } from "./panel-rows";
import { apiQuery, withFilter, type DashState } from "./query";
import { useJson } from "./use-json";
import { WorldMap } from "./world-map";

export type PanelTab = { key: string; label: string; dimension: Dimension; column: string; map?: boolean };
type Props = { title: string; tabs: PanelTab[]; mode?: PanelMode; apiBase: string; state: DashState; currency: string; totalVisitors: number; onChange: (s: DashState) => void };

function RowLabel({ dimension, value }: { dimension: Dimension; value: string }) {
  if (dimension === "country") return <CountryLabel value={value} />;
  if (dimension === "device") return <DeviceLabel value={value} />;
  if (dimension === "page" || dimension === "entry_page" || dimension === "exit_page") return <PageLabel value={value} />;
  if (dimension === "referrer" || dimension === "channel" || dimension.startsWith("utm_")) return <SourceLabel value={value} />;
  return <span className="break-all">{value === "(none)" ? "Unknown" : value}</span>;
}

function Rows({ rows, tab, mode, currency, onPick }: { rows: PanelRow[]; tab: PanelTab; mode: PanelMode; currency: string; onPick: (v: string) => void }) {
  const money = mode === "revenue";
  return (
    <div role="table" aria-label={tab.label} className="text-sm">
      <div role="row" className="flex gap-2 px-1.5 pb-1 text-xs font-medium text-muted-foreground">
        <span role="columnheader" className="flex-1">{tab.column}</span>
        <span role="columnheader" className="w-16 text-right">Visitors</span>
        {money ? <span role="columnheader" className="w-20 text-right">Revenue</span> : null}
        {money || mode === "goals" ? <span role="columnheader" className="w-14 text-right">{mode === "goals" ? "CR" : "Conv."}</span> : null}
      </div>
      {rows.map((r) => (
        <button
          key={r.value}
          type="button"
          role="row"
          onClick={() => onPick(r.value)}
          title={`Filter the dashboard by ${tab.column.toLowerCase()} ${r.value}`}
          className="group relative flex w-full items-center gap-2 rounded-sm px-1.5 py-1.5 text-left hover:bg-muted/60"
        >
          <span aria-hidden="true" className={cn("absolute inset-y-0.5 left-0 rounded-sm", money ? "bg-revenue/15" : "bg-brand-soft")} style={{ width: `${r.share * 100}%` }} />
          <span role="cell" className="relative min-w-0 flex-1 truncate">
            <RowLabel dimension={tab.dimension} value={r.value} />
          </span>
          <span role="cell" className="relative w-16 text-right font-medium tabular-nums">{formatNumber(r.visitors)}</span>
          {money ? <span role="cell" className={cn("relative w-20 text-right tabular-nums", r.revenue ? "text-revenue" : "text-muted-foreground")}>{formatMoney(r.revenue, currency)}</span> : null}
          {money ? <span role="cell" className="relative w-14 text-right tabular-nums text-muted-foreground">{formatRate(r.conversionRate)}</span> : null}
          {mode === "goals" ? <span role="cell" className="relative w-14 text-right tabular-nums text-muted-foreground">{formatRate(r.goalRate ?? 0)}</span> : null}
        </button>
      ))}
    </div>
  );
}

/** What to say about imported history under a panel: why it is left out, or (revenue) that it brings no revenue. */
function importedNote(info: ImportedInfo | undefined, mode: PanelMode, state: DashState): string | null {
  if (!info) return null;
  // Under filters the bar above the cards says it once for the whole page.
  if (!info.included) return state.filters.length ? null : info.note;
  return mode === "revenue" ? info.note : null;
}

/** A card of breakdown tabs; clicking a row (or a country on the map) filters the whole dashboard. */
export function BreakdownPanel({ title, tabs, mode = "visitors", apiBase, state, currency, totalVisitors, onChange }: Props) {
  const [active, setActive] = useState(tabs[0].key);
  const tab = tabs.find((t) => t.key === active) ?? tabs[0];
  const limit = tab.map ? 250 : mode === "revenue" ? 50 : 10;
  const { data, error, loading } = useJson<{ rows: BreakdownRow[]; imported?: ImportedInfo }>(`${apiBase}/stats/breakdown?${apiQuery(state, { dimension: tab.dimension, limit })}`);
  // Revenue mode fetches more rows, ranks them by revenue and shows the top ten.
  const rows = data ? panelRows(data.rows, mode, totalVisitors).slice(0, tab.map ? 250 : 10) : null;
  const pick = (value: string) => onChange(withFilter(state, { dimension: tab.dimension, op: "is", value }));

  return (
    <Card className="min-w-0 gap-3 pb-3" data-panel={title}>
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle className="text-base">{title}</CardTitle>
        {tabs.length > 1 ? (
          <Tabs value={tab.key} onValueChange={setActive} className="max-w-full min-w-0">
            <TabsList className="h-8 max-w-full justify-start overflow-x-auto">
              {tabs.map((t) => (
                <TabsTrigger key={t.key} value={t.key} className="px-2 text-xs">
                  {t.label}
                </TabsTrigger>
              ))}
            </TabsList>
          </Tabs>
        ) : null}
      </CardHeader>
      <CardContent className={cn("px-3 transition-opacity", loading && rows && "opacity-60")}>
        {error ? (
          <p className="py-8 text-center text-sm text-destructive">{error}</p>
        ) : !rows ? (
          <div className="grid gap-2" aria-busy="true">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-6 w-full" />
            ))}
          </div>
        ) : tab.map ? (
          <WorldMap rows={rows} onSelect={pick} />
        ) : rows.length === 0 ? (
          <p className="px-2 py-8 text-center text-sm text-muted-foreground">
            {mode === "goals" ? "No goal completions in this period. Define goals on the Goals page and send them with trailmark('goal', name)." : "Nothing recorded for this period and these filters."}
          </p>
        ) : (
          <Rows rows={rows} tab={tab} mode={mode} currency={currency} onPick={pick} />
        )}
        {importedNote(data?.imported, mode, state) ? <p className="px-1.5 pt-2 text-xs text-muted-foreground" data-testid="imported-note">{importedNote(data?.imported, mode, state)}</p> : null}
      </CardContent>
    </Card>
  );
}

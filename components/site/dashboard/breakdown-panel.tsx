"use client";

import { useState } from "react";
import type { Dimension } from "@/lib/stats/dimensions";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { cn } from "@/lib/utils";
import { type ImportedInfo } from "./metrics";
import { BreakdownTable } from "./breakdown-table";
import { defaultSort, panelRows, type BreakdownRow, type PanelMode, type PanelSort } from "./panel-rows";
import { apiQuery, withFilter, type DashState } from "./query";
import { useJson } from "./use-json";
import { WorldMap } from "./world-map";

export type PanelTab = { key: string; label: string; dimension: Dimension; column: string; map?: boolean };
type Props = { title: string; tabs: PanelTab[]; mode?: PanelMode; apiBase: string; state: DashState; currency: string; totalVisitors: number; onChange: (s: DashState) => void };

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
  const [sort, setSort] = useState<PanelSort>(defaultSort(mode));
  const tab = tabs.find((t) => t.key === active) ?? tabs[0];
  // More rows than shown, so a sort by revenue or conversion finds rows with few visitors.
  const limit = tab.map ? 250 : 100;
  const { data, error, loading } = useJson<{ rows: BreakdownRow[]; imported?: ImportedInfo }>(`${apiBase}/stats/breakdown?${apiQuery(state, { dimension: tab.dimension, limit, compare: "none" })}`);
  const shaped = data ? panelRows(data.rows, tab.map ? { key: "visitors", desc: true } : sort, { goals: mode === "goals", totalVisitors, limit: tab.map ? 250 : 10 }) : null;
  const rows = shaped?.rows ?? null;
  const pick = (value: string) => onChange(withFilter(state, { dimension: tab.dimension, op: "is", value }));

  return (
    <Card className="min-w-0 gap-3 pb-3" data-panel={title}>
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle className="text-base">{title}</CardTitle>
        {tabs.length > 1 ? (
          <Tabs value={tab.key} onValueChange={setActive} className="max-w-full min-w-0">
            <TabsList className="h-auto max-w-full flex-wrap justify-start">
              {tabs.map((t) => (
                <TabsTrigger key={t.key} value={t.key} className="h-7 px-2 text-xs">
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
        ) : rows.length === 0 && !shaped?.unattributed ? (
          <p className="px-2 py-8 text-center text-sm text-muted-foreground">
            {mode === "goals" ? "No goal completions in this period. Define goals on the Goals page and send them with trailmark('goal', name)." : "Nothing recorded for this period and these filters."}
          </p>
        ) : (
          <BreakdownTable rows={rows} unattributed={shaped?.unattributed ?? null} tab={tab} sort={sort} goals={mode === "goals"} currency={currency} onSort={setSort} onPick={pick} />
        )}
        {importedNote(data?.imported, mode, state) ? <p className="px-1.5 pt-2 text-xs text-muted-foreground" data-testid="imported-note">{importedNote(data?.imported, mode, state)}</p> : null}
      </CardContent>
    </Card>
  );
}

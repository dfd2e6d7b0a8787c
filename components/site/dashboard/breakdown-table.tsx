"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import type { Dimension } from "@/lib/stats/dimensions";
import { formatMoney, formatNumber } from "@/components/format";
import { CountryLabel, DeviceLabel, PageLabel, SourceLabel } from "@/components/site/overview/labels";
import { cn } from "@/lib/utils";
import { formatRate } from "./metrics";
import type { BreakdownRow, PanelRow, PanelSort, SortKey } from "./panel-rows";

export type TableTab = { label: string; dimension: Dimension; column: string };

function RowLabel({ dimension, value }: { dimension: Dimension; value: string }) {
  if (dimension === "country") return <CountryLabel value={value} />;
  if (dimension === "device") return <DeviceLabel value={value} />;
  if (dimension === "page" || dimension === "entry_page" || dimension === "exit_page") return <PageLabel value={value} />;
  if (dimension === "referrer" || dimension === "channel" || dimension.startsWith("utm_")) return <SourceLabel value={value} />;
  return <span className="break-all">{value === "(none)" ? "Unknown" : value}</span>;
}

// Revenue per visitor is the first column to go on a phone; the rest fit 360 px.
const COLUMNS: { key: SortKey; label: string; title: string; width: string }[] = [
  { key: "visitors", label: "Visitors", title: "Unique visitors", width: "w-14" },
  { key: "revenue", label: "Revenue", title: "Net revenue credited to this row", width: "w-[4.5rem]" },
  { key: "rpv", label: "Rev/visitor", title: "Revenue per visitor", width: "hidden w-[4.5rem] sm:block" },
  { key: "conversion", label: "Conv.", title: "Visitors who paid", width: "w-12" },
];

const GOAL_CR = <span role="columnheader" title="Visitors who completed the goal, of all visitors" className="w-12 shrink-0 text-right">Goal CR</span>;

function Header({ sort, goals, onSort }: { sort: PanelSort; goals: boolean; onSort: (s: PanelSort) => void }) {
  return (
    <>
      {COLUMNS.map((c) => {
        const active = sort.key === c.key;
        return [
          <span key={c.key} role="columnheader" aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"} className={cn(c.width, "shrink-0 text-right")}>
            <button
              type="button"
              title={`${c.title}: sort`}
              onClick={() => onSort({ key: c.key, desc: active ? !sort.desc : true })}
              className={cn("inline-flex items-center gap-0.5 hover:text-foreground", active && "text-foreground")}
            >
              {c.label}
              {active ? sort.desc ? <ArrowDown className="size-3" /> : <ArrowUp className="size-3" /> : null}
            </button>
          </span>,
          goals && c.key === "visitors" ? <span key="goal-cr" className="contents">{GOAL_CR}</span> : null,
        ];
      })}
    </>
  );
}

function Cells({ r, currency, goalRate }: { r: BreakdownRow & { revenuePerVisitor: number }; currency: string; goalRate?: number | null }) {
  return (
    <>
      <span role="cell" className="relative w-14 shrink-0 text-right font-medium tabular-nums">{formatNumber(r.visitors)}</span>
      {goalRate !== undefined ? <span role="cell" className="relative w-12 shrink-0 text-right tabular-nums text-muted-foreground">{goalRate === null ? "" : formatRate(goalRate)}</span> : null}
      <span role="cell" data-cell="revenue" className={cn("relative w-[4.5rem] shrink-0 text-right tabular-nums", r.revenue ? "text-revenue" : "text-muted-foreground")}>{formatMoney(r.revenue, currency)}</span>
      <span role="cell" className="relative hidden w-[4.5rem] shrink-0 text-right tabular-nums text-muted-foreground sm:block">{r.visitors ? formatMoney(r.revenuePerVisitor, currency) : "—"}</span>
      <span role="cell" className="relative w-12 shrink-0 text-right tabular-nums text-muted-foreground">{r.visitors ? formatRate(r.conversionRate) : "—"}</span>
    </>
  );
}

type Props = { rows: PanelRow[]; unattributed: BreakdownRow | null; tab: TableTab; sort: PanelSort; goals: boolean; currency: string; onSort: (s: PanelSort) => void; onPick: (v: string) => void };

/** Rows of one breakdown with every money column, sortable; revenue matched to no visitor on a line of its own. */
export function BreakdownTable({ rows, unattributed, tab, sort, goals, currency, onSort, onPick }: Props) {
  const money = sort.key === "revenue" || sort.key === "rpv";
  return (
    <div role="table" aria-label={tab.label} className="text-sm">
      <div role="row" className="flex items-center gap-2 px-1.5 pb-1 text-xs font-medium text-muted-foreground">
        <span role="columnheader" className="min-w-0 flex-1 truncate">{tab.column}</span>
        <Header sort={sort} goals={goals} onSort={onSort} />
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
          <Cells r={r} currency={currency} goalRate={goals ? (r.goalRate ?? 0) : undefined} />
        </button>
      ))}
      {unattributed ? (
        <div role="row" data-row="unattributed" title="Payments no visitor could be matched to (no trailmark_visitor_id in the checkout, no identify call)" className="mt-1 flex items-center gap-2 border-t border-dashed px-1.5 pt-2 text-muted-foreground">
          <span role="cell" className="min-w-0 flex-1 truncate italic">Unattributed</span>
          <Cells r={{ ...unattributed, revenuePerVisitor: 0 }} currency={currency} goalRate={goals ? null : undefined} />
        </div>
      ) : null}
    </div>
  );
}

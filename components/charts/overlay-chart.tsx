"use client";

import { Area, Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { GitCommitHorizontal } from "lucide-react";
import { formatMoney, formatMoneyCompact, formatNumber } from "@/components/format";
import { bucketTitle, type ChartRow } from "@/components/site/dashboard/chart-data";
import type { DashInterval } from "@/components/site/dashboard/query";
import { XLogo } from "./x-logo";

// Render-only: visitors (area, left axis), revenue (bars, right axis), the
// previous period's visitors (faint dashed line) and a faint vertical line on
// every bucket that has an X mention or a commit. The marker strip under the
// chart (marker-strip.tsx) lines up with these bands using the same margins.

export const CHART_MARGIN = { top: 8, right: 4, bottom: 0, left: 4 };
export const LEFT_AXIS = 40;
export const RIGHT_AXIS = 52;

type Props = { rows: ChartRow[]; interval: DashInterval; currency: string; showRevenue: boolean; showPrevious: boolean };

function ChartTooltip({ active, payload, interval, currency, showRevenue }: { active?: boolean; payload?: { payload: ChartRow }[]; interval: DashInterval; currency: string; showRevenue: boolean }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="max-w-72 rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <div className="mb-1 font-medium">{bucketTitle(row.time, interval)}</div>
      <div className="flex justify-between gap-4">
        <span className="flex items-center gap-1.5"><i className="size-2 rounded-full bg-brand" />Visitors</span>
        <span className="font-medium tabular-nums">{row.visitors === null ? "not kept" : formatNumber(row.visitors)}</span>
      </div>
      <div className="flex justify-between gap-4 text-muted-foreground">
        <span className="pl-3.5">Pageviews</span>
        <span className="tabular-nums">{row.pageviews === null ? "not kept" : formatNumber(row.pageviews)}</span>
      </div>
      {showRevenue ? (
        <div className="flex justify-between gap-4">
          <span className="flex items-center gap-1.5"><i className="size-2 rounded-sm bg-revenue" />Revenue</span>
          <span className="font-medium tabular-nums">{formatMoney(row.revenue, currency)}</span>
        </div>
      ) : null}
      {row.previousVisitors !== null ? (
        <div className="mt-1 border-t pt-1 text-muted-foreground">
          {row.previousLabel}: {formatNumber(row.previousVisitors)} visitors
          {showRevenue && row.previousRevenue ? `, ${formatMoney(row.previousRevenue, currency)}` : ""}
        </div>
      ) : null}
      {row.markers.slice(0, 4).map((m) => (
        <div key={m.kind + m.id} className="mt-1 flex gap-1.5 border-t pt-1">
          {m.kind === "mention" ? <XLogo className="mt-0.5 size-3 shrink-0" /> : <GitCommitHorizontal className="mt-0.5 size-3 shrink-0" />}
          <span>
            <span className="line-clamp-2">
              <span className="font-medium">{m.author}</span> {m.text}
            </span>
            {m.visitors ? (
              <span className="text-muted-foreground">
                brought {formatNumber(m.visitors)} {m.visitors === 1 ? "visitor" : "visitors"}
                {m.revenue ? `, ${formatMoney(m.revenue, currency)}` : ""}
              </span>
            ) : null}
          </span>
        </div>
      ))}
      {row.markers.length > 4 ? <div className="text-muted-foreground">and {row.markers.length - 4} more</div> : null}
    </div>
  );
}

export function OverlayChart({ rows, interval, currency, showRevenue, showPrevious }: Props) {
  const labels = new Map(rows.map((r) => [r.time, r.label]));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart data={rows} margin={CHART_MARGIN} barCategoryGap="20%">
        <defs>
          <linearGradient id="visitors-fill" x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor="var(--brand)" stopOpacity={0.28} />
            <stop offset="100%" stopColor="var(--brand)" stopOpacity={0.02} />
          </linearGradient>
        </defs>
        <CartesianGrid vertical={false} stroke="var(--border)" strokeDasharray="3 3" />
        <XAxis dataKey="time" tickFormatter={(t: string) => labels.get(t) ?? t} tick={{ fontSize: 11, fill: "var(--muted-foreground)" }} tickLine={false} axisLine={false} minTickGap={24} />
        <YAxis yAxisId="visitors" width={LEFT_AXIS} allowDecimals={false} tickFormatter={(n: number) => formatNumber(n)} tick={{ fontSize: 11, fill: "var(--muted-foreground)" }} tickLine={false} axisLine={false} />
        <YAxis
          yAxisId="revenue"
          orientation="right"
          width={RIGHT_AXIS}
          hide={!showRevenue}
          tickFormatter={(n: number) => formatMoneyCompact(n, currency)}
          tick={{ fontSize: 11, fill: "var(--revenue)" }}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip cursor={{ fill: "var(--foreground)", fillOpacity: 0.04 }} content={<ChartTooltip interval={interval} currency={currency} showRevenue={showRevenue} />} />
        {rows.filter((r) => r.markers.length).map((r) => (
          <ReferenceLine key={`m-${r.time}`} x={r.time} yAxisId="visitors" stroke="var(--muted-foreground)" strokeOpacity={0.35} strokeDasharray="2 3" />
        ))}
        {showRevenue ? <Bar dataKey="revenue" yAxisId="revenue" fill="var(--revenue)" fillOpacity={0.75} radius={[3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} /> : null}
        <Area dataKey="visitors" yAxisId="visitors" type="monotone" stroke="var(--brand)" strokeWidth={2} fill="url(#visitors-fill)" isAnimationActive={false} dot={false} activeDot={{ r: 4 }} />
        {showPrevious ? (
          <Line dataKey="previousVisitors" yAxisId="visitors" type="monotone" stroke="var(--muted-foreground)" strokeOpacity={0.45} strokeDasharray="4 4" dot={false} activeDot={false} isAnimationActive={false} connectNulls />
        ) : null}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney, formatMoneyCompact } from "@/components/format";

// Render-only bar charts of the revenue page: net revenue per bucket, and MRR
// per month with its gains above the axis and losses below it, and its level as a line.

type Bars = { key: string; color: string; label: string; stack?: string }[];
type Props<R> = { rows: R[]; bars: Bars; line?: { key: string; color: string; label: string }; currency: string; height?: number; testId: string };

function MoneyTooltip({ active, payload, label, currency }: { active?: boolean; payload?: { name: string; value: number; color: string }[]; label?: string; currency: string }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <div className="mb-1 font-medium">{label}</div>
      {payload.map((p) => (
        <div key={p.name} className="flex justify-between gap-4">
          <span className="flex items-center gap-1.5"><i className="size-2 rounded-sm" style={{ background: p.color }} />{p.name}</span>
          <span className="font-medium tabular-nums">{formatMoney(Math.abs(p.value), currency)}</span>
        </div>
      ))}
    </div>
  );
}

export function MoneyBars<R extends { label: string }>({ rows, bars, line, currency, height = 220, testId }: Props<R>) {
  return (
    <div data-testid={testId}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 4 }} stackOffset="sign">
          <CartesianGrid vertical={false} stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="label" tickLine={false} axisLine={false} tick={{ fill: "var(--muted-foreground)", fontSize: 11 }} minTickGap={16} />
          <YAxis width={56} tickLine={false} axisLine={false} tick={{ fill: "var(--muted-foreground)", fontSize: 11 }} tickFormatter={(v: number) => formatMoneyCompact(v, currency)} />
          <Tooltip cursor={{ fill: "var(--muted)", opacity: 0.5 }} content={<MoneyTooltip currency={currency} />} />
          {bars.map((b) => (
            <Bar key={b.key} dataKey={b.key} name={b.label} stackId={b.stack} fill={b.color} maxBarSize={32} isAnimationActive={false} />
          ))}
          {line ? <Line dataKey={line.key} name={line.label} stroke={line.color} strokeWidth={2} dot={{ r: 2.5, fill: line.color }} isAnimationActive={false} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { shortLabel, type FunnelBar } from "@/components/site/funnels/funnel-chart-data";

function FunnelTooltip({ active, payload }: { active?: boolean; payload?: { payload: FunnelBar }[] }) {
  const bar = payload?.[0]?.payload;
  if (!active || !bar) return null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-medium">{bar.label}</p>
      <p>{bar.visitors.toLocaleString("en-US")} visitors ({bar.conversion} of entries)</p>
      {bar.dropped ? <p className="text-muted-foreground">{bar.dropped.toLocaleString("en-US")} dropped off ({bar.dropoff})</p> : null}
    </div>
  );
}

/** Render-only: bars come from toFunnelBars. */
export function FunnelChart({ bars }: { bars: FunnelBar[] }) {
  return (
    <div className="h-64 w-full sm:h-72" role="img" aria-label={`Funnel: ${bars.map((b) => `${b.label} ${b.visitors}`).join(", ")}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" tickFormatter={(l: string) => shortLabel(l)} tick={{ fontSize: 11, fill: "var(--muted-foreground)" }} tickLine={false} axisLine={false} interval={0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "var(--muted-foreground)" }} tickLine={false} axisLine={false} />
          <Tooltip content={<FunnelTooltip />} cursor={{ fill: "var(--muted)" }} />
          <Bar dataKey="visitors" stackId="f" fill="var(--brand)" radius={[0, 0, 4, 4]} isAnimationActive={false} />
          <Bar dataKey="dropped" stackId="f" fill="var(--brand-soft)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

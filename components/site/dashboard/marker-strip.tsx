"use client";

import { useState } from "react";
import { HoverCard } from "radix-ui";
import { ExternalLink, GitCommitHorizontal } from "lucide-react";
import { CHART_MARGIN, LEFT_AXIS, RIGHT_AXIS } from "@/components/charts/overlay-chart";
import { XLogo } from "@/components/charts/x-logo";
import { formatDateTime } from "@/components/format";
import type { ChartRow, Marker } from "./chart-data";

function MarkerItem({ m }: { m: Marker }) {
  const Icon = m.kind === "mention" ? XLogo : GitCommitHorizontal;
  return (
    <li className="flex gap-2 py-1.5">
      <Icon className="mt-0.5 size-3.5 shrink-0 text-muted-foreground" />
      <div className="min-w-0 text-xs">
        <div className="flex items-center gap-1 font-medium">
          {m.author}
          <span className="font-normal text-muted-foreground">· {formatDateTime(m.time)}</span>
        </div>
        <p className="line-clamp-3 break-words">{m.text || (m.kind === "mention" ? "(post)" : "(no message)")}</p>
        {m.url ? (
          <a href={m.url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-brand hover:underline">
            {m.kind === "mention" ? "Open on X" : "Open on GitHub"} <ExternalLink className="size-3" />
          </a>
        ) : null}
      </div>
    </li>
  );
}

/** One bucket's markers: hover (or tap, on a phone) opens the list with links. */
function MarkerPin({ row }: { row: ChartRow }) {
  const [open, setOpen] = useState(false);
  const mentions = row.markers.filter((m) => m.kind === "mention").length;
  const commits = row.markers.length - mentions;
  const label = [mentions ? `${mentions} mention${mentions > 1 ? "s" : ""} on X` : "", commits ? `${commits} commit${commits > 1 ? "s" : ""}` : ""].filter(Boolean).join(", ");
  return (
    <HoverCard.Root open={open} onOpenChange={setOpen} openDelay={80} closeDelay={150}>
      <HoverCard.Trigger asChild>
        <button
          type="button"
          aria-label={`${label}, ${row.label}`}
          onClick={() => setOpen((o) => !o)}
          className="flex h-5 items-center gap-0.5 rounded-full border bg-background px-1 text-muted-foreground shadow-xs hover:text-foreground"
          data-testid="chart-marker"
        >
          {mentions ? <XLogo className="size-3" /> : null}
          {commits ? <GitCommitHorizontal className="size-3.5" /> : null}
          {row.markers.length > 1 ? <span className="text-[10px] leading-none tabular-nums">{row.markers.length}</span> : null}
        </button>
      </HoverCard.Trigger>
      <HoverCard.Portal>
        <HoverCard.Content side="top" sideOffset={6} collisionPadding={8} className="z-50 w-72 max-w-[calc(100vw-16px)] rounded-md border bg-popover px-3 py-1 text-popover-foreground shadow-md">
          <ul className="max-h-64 divide-y overflow-y-auto">
            {row.markers.map((m) => (
              <MarkerItem key={m.kind + m.id} m={m} />
            ))}
          </ul>
        </HoverCard.Content>
      </HoverCard.Portal>
    </HoverCard.Root>
  );
}

/**
 * Pins under the chart, each centred on its bucket's band: the plot spans the
 * chart width minus the margins and both axes, split into equal bands.
 */
export function MarkerStrip({ rows, showRevenue }: { rows: ChartRow[]; showRevenue: boolean }) {
  if (!rows.some((r) => r.markers.length)) return null;
  const left = CHART_MARGIN.left + LEFT_AXIS;
  const right = CHART_MARGIN.right + (showRevenue ? RIGHT_AXIS : 0);
  return (
    <div className="relative h-6" style={{ marginLeft: left, marginRight: right }} aria-label="Mentions and commits">
      {rows.map((r, i) =>
        r.markers.length ? (
          <div key={r.time} className="absolute top-0 -translate-x-1/2" style={{ left: `${((i + 0.5) / rows.length) * 100}%` }}>
            <MarkerPin row={r} />
          </div>
        ) : null,
      )}
    </div>
  );
}

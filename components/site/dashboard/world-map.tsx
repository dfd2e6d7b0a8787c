"use client";

import { useEffect, useMemo, useState } from "react";
import type { Topology } from "topojson-specification";
import { formatNumber } from "@/components/format";
import { Skeleton } from "@/components/ui/skeleton";
import { shade, type BreakdownRow } from "./panel-rows";
import { countryShapes, MAP_HEIGHT, MAP_WIDTH, type CountryShape } from "./world-geo";

/**
 * An SVG choropleth of visitors per country. The ~100 KB atlas is loaded on
 * demand from the bundle (world-atlas, no CDN), so pages without the map never pay for it.
 */
export function WorldMap({ rows, onSelect }: { rows: BreakdownRow[]; onSelect: (code: string) => void }) {
  const [shapes, setShapes] = useState<CountryShape[] | null>(null);
  const [hover, setHover] = useState<{ shape: CountryShape; visitors: number } | null>(null);
  useEffect(() => {
    let live = true;
    import("world-atlas/countries-110m.json").then((m) => live && setShapes(countryShapes(m.default as unknown as Topology)));
    return () => {
      live = false;
    };
  }, []);
  const byCode = useMemo(() => new Map(rows.map((r) => [r.value.toUpperCase(), r.visitors])), [rows]);
  const max = Math.max(0, ...byCode.values());

  if (!shapes) return <Skeleton className="aspect-[2/1] w-full" />;
  return (
    <div className="relative">
      <svg viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} className="h-auto w-full" role="img" aria-label="Visitors by country" data-testid="world-map">
        {shapes.map((s, i) => {
          const visitors = (s.code && byCode.get(s.code)) || 0;
          return (
            <path
              key={`${s.code ?? s.name}-${i}`}
              d={s.d}
              fill={shade(visitors, max)}
              stroke="var(--background)"
              strokeWidth={0.6}
              className={visitors ? "cursor-pointer hover:opacity-80" : undefined}
              data-country={s.code ?? undefined}
              onMouseEnter={() => setHover({ shape: s, visitors })}
              onMouseLeave={() => setHover(null)}
              onClick={() => visitors && s.code && onSelect(s.code)}
            >
              <title>{`${s.name}: ${formatNumber(visitors)} visitors`}</title>
            </path>
          );
        })}
      </svg>
      {hover ? (
        <div className="pointer-events-none absolute top-1 left-1 rounded-md border bg-popover px-2 py-1 text-xs shadow-sm">
          {hover.shape.name}: <span className="font-medium tabular-nums">{formatNumber(hover.visitors)}</span> visitors
        </div>
      ) : null}
    </div>
  );
}

"use client";

import { useState } from "react";
import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { cn } from "@/lib/utils";
import { NONE } from "@/lib/stats/dimensions";
import { DASH_PERIODS, DIMENSION_LABELS, withCustomRange, withPeriod, withoutFilter, type DashPeriod, type DashState } from "./query";

const OP_TEXT = { is: "is", is_not: "is not", contains: "contains" } as const;

/** Period (named or custom days) and the attribution model; both rewrite the URL. */
export function Toolbar({ state, onChange }: { state: DashState; onChange: (s: DashState) => void }) {
  const [custom, setCustom] = useState(state.period === null);
  const [from, setFrom] = useState(state.from ?? "");
  const [to, setTo] = useState(state.to ?? state.from ?? "");
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Select
        aria-label="Period"
        className="w-44"
        value={custom ? "custom" : (state.period ?? "custom")}
        onChange={(e) => {
          if (e.target.value === "custom") return setCustom(true);
          setCustom(false);
          onChange(withPeriod(state, e.target.value as DashPeriod));
        }}
      >
        {DASH_PERIODS.map((p) => (
          <option key={p.key} value={p.key}>
            {p.label}
          </option>
        ))}
        <option value="custom">Custom range…</option>
      </Select>
      {custom ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (from) onChange(withCustomRange(state, from, to || from));
          }}
        >
          <Input type="date" aria-label="From" className="w-36" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} required />
          <span className="text-sm text-muted-foreground">to</span>
          <Input type="date" aria-label="To" className="w-36" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
          <Button type="submit" size="sm" variant="outline" disabled={!from}>
            Apply
          </Button>
        </form>
      ) : null}
      <div className="inline-flex h-9 items-center rounded-lg bg-muted p-1 text-muted-foreground" role="group" aria-label="Revenue attribution">
        {(["first_touch", "last_touch"] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={state.model === m}
            title={m === "first_touch" ? "Credit revenue to the source of the buyer's first visit" : "Credit revenue to the source of the buyer's last visit before paying"}
            onClick={() => onChange({ ...state, model: m })}
            className={cn("h-full rounded-md px-2.5 text-xs font-medium whitespace-nowrap", state.model === m && "bg-background text-foreground shadow-sm")}
          >
            {m === "first_touch" ? "First touch" : "Last touch"}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Active filters as chips; each removes itself, and "Clear" removes them all. */
export function FilterChips({ state, onChange }: { state: DashState; onChange: (s: DashState) => void }) {
  if (!state.filters.length) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" aria-label="Active filters">
      {state.filters.map((f, i) => (
        <span key={`${f.dimension}:${f.op}:${f.value}`} className="inline-flex max-w-full items-center gap-1 rounded-full border bg-brand-soft/60 py-0.5 pr-1 pl-3 text-sm">
          <span className="truncate">
            {DIMENSION_LABELS[f.dimension]} {OP_TEXT[f.op]} <strong className="font-semibold">{f.value === NONE ? "(none)" : f.value}</strong>
          </span>
          <button
            type="button"
            aria-label={`Remove filter ${DIMENSION_LABELS[f.dimension]} ${OP_TEXT[f.op]} ${f.value}`}
            onClick={() => onChange(withoutFilter(state, i))}
            className="rounded-full p-1 text-muted-foreground hover:bg-background hover:text-foreground"
          >
            <X className="size-3.5" />
          </button>
        </span>
      ))}
      {state.filters.length > 1 ? (
        <Button variant="ghost" size="sm" onClick={() => onChange({ ...state, filters: [] })}>
          Clear all
        </Button>
      ) : null}
    </div>
  );
}

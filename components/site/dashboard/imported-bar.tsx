"use client";

import { History } from "lucide-react";
import { Switch } from "@/components/ui/switch";
import type { ImportedInfo } from "./metrics";
import type { DashState } from "./query";

/**
 * The "includes imported data" marker and its switch, shown when imported
 * history covers the range (or was switched off, so it can be switched back).
 */
export function ImportedBar({ info, state, onChange }: { info: ImportedInfo | undefined; state: DashState; onChange: (s: DashState) => void }) {
  const off = state.imported === false;
  if (!info && !off) return null;
  const { imported: _drop, ...on } = state;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-dashed px-3 py-2 text-sm" data-testid="imported-bar">
      <History className="size-4 shrink-0 text-muted-foreground" />
      {off ? (
        <span className="text-muted-foreground">Imported data hidden: Trailmark&apos;s own data only</span>
      ) : info?.included ? (
        <span className="font-medium" data-testid="imported-marker">Includes imported data</span>
      ) : (
        <span className="text-muted-foreground" data-testid="imported-left-out">{info?.note}</span>
      )}
      <label className="ml-auto inline-flex items-center gap-2 text-xs text-muted-foreground">
        Imported data
        <Switch checked={!off} onCheckedChange={(checked) => onChange(checked ? on : { ...state, imported: false })} aria-label="Show imported data" />
      </label>
    </div>
  );
}

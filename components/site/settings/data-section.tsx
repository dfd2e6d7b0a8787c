"use client";

import { Download } from "lucide-react";
import { useState } from "react";
import type { WebsiteDTO } from "@/lib/websites/types";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SettingsSection } from "./settings-section";
import { StatusMessage } from "./status-message";
import { usePatchWebsite } from "./use-patch-website";

/** Retention (empty: keep forever) and the whole site's data as a zip. */
export function DataSection({ website, onSaved }: { website: WebsiteDTO; onSaved: (w: WebsiteDTO) => void }) {
  const [days, setDays] = useState(website.settings.retentionDays?.toString() ?? "");
  const { pending, status, patch } = usePatchWebsite(website.id, onSaved);
  const parsed = days.trim() === "" ? null : Number(days);
  const valid = parsed === null || (Number.isInteger(parsed) && parsed >= 1 && parsed <= 3650);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) void patch({ settings: { retentionDays: parsed } }, parsed === null ? "Data is kept forever" : `Visits older than ${parsed} days will be deleted daily`);
      }}
    >
      <SettingsSection
        id="data"
        title="Data retention and export"
        description="Visits, pageviews, goals and identities older than the retention period are deleted every day. Payments are kept as revenue, without the visitor."
        footer={
          <>
            <StatusMessage status={status} />
            <Button asChild variant="outline" className="ml-auto">
              <a href={`/api/websites/${website.id}/export?format=zip`} download>
                <Download /> Export all data (.zip)
              </a>
            </Button>
            <Button type="submit" disabled={pending || !valid}>
              {pending ? "Saving…" : "Save"}
            </Button>
          </>
        }
      >
        <div className="grid max-w-xs gap-2">
          <Label htmlFor="retention-days">Keep visitor data for (days)</Label>
          <Input id="retention-days" inputMode="numeric" placeholder="Forever" value={days} onChange={(e) => setDays(e.target.value)} aria-invalid={!valid} />
          <p className="text-sm text-muted-foreground">{valid ? "Leave empty to keep everything. Your plan may keep less." : "A whole number of days from 1 to 3650, or empty."}</p>
        </div>
      </SettingsSection>
    </form>
  );
}

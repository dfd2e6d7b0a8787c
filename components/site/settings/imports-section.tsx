"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { ImportView } from "@/lib/imports/jobs";
import { JobList, useJobs } from "./import-jobs";
import { SettingsSection } from "./settings-section";
import { StatusMessage } from "./status-message";

type ErrorBody = { error?: { message?: string } };

/** Analytics history from Plausible, Umami (an export file) or GA4 (the Google connection). */
export function ImportsSection({ websiteId }: { websiteId: string }) {
  const base = `/api/websites/${websiteId}/imports`;
  const { jobs, reload, status, setStatus } = useJobs(base, (b: { imports: ImportView[] }) => b.imports);
  const [pending, setPending] = useState(false);

  async function send(init: RequestInit, ok: string) {
    setPending(true);
    setStatus(null);
    const res = await fetch(base, { method: "POST", ...init }).catch(() => null);
    setPending(false);
    const body = (await res?.json().catch(() => null)) as (ErrorBody & { duplicate?: boolean }) | null;
    if (!res?.ok) return setStatus({ kind: "error", message: body?.error?.message ?? "The upload did not reach the server" }), false;
    setStatus({ kind: "success", message: body?.duplicate ? "This file was imported already" : ok });
    void reload();
    return true;
  }

  async function onUpload(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    if (await send({ body: new FormData(form) }, "Import started")) form.reset();
  }

  async function onGa4(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const propertyId = String(new FormData(e.currentTarget).get("propertyId") ?? "").trim();
    await send({ headers: { "content-type": "application/json" }, body: JSON.stringify({ source: "ga4", propertyId }) }, "GA4 import started");
  }

  return (
    <SettingsSection
      id="imports"
      title="Import history"
      description="Bring daily visitors, pages and sources from Plausible, Umami or Google Analytics 4. Imported days show on the dashboard (marked, with a switch) wherever Trailmark has no data of its own for that day."
    >
      <form onSubmit={onUpload} className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end">
        <div className="grid gap-2">
          <Label htmlFor="import-source">From</Label>
          <Select id="import-source" name="source" defaultValue="plausible">
            <option value="plausible">Plausible (CSV zip)</option>
            <option value="umami">Umami (data export)</option>
          </Select>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="import-file">Export file</Label>
          <Input id="import-file" name="file" type="file" accept=".zip,.csv" required />
        </div>
        <Button type="submit" disabled={pending}>Import</Button>
      </form>
      <form onSubmit={onGa4} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
        <div className="grid gap-2">
          <Label htmlFor="ga4-property">Google Analytics 4 property id</Label>
          <Input id="ga4-property" name="propertyId" inputMode="numeric" placeholder="123456789" pattern="\d+" required />
        </div>
        <Button type="submit" variant="outline" disabled={pending}>Import from GA4</Button>
      </form>
      <StatusMessage status={status} />
      <JobList jobs={jobs} base={base} onChanged={() => void reload()} setStatus={setStatus} empty="Nothing imported yet." />
    </SettingsSection>
  );
}

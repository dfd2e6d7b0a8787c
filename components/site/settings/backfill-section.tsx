"use client";

import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { ImportView } from "@/lib/imports/jobs";
import { JobList, useJobs } from "./import-jobs";
import { SettingsSection } from "./settings-section";
import { StatusMessage } from "./status-message";

// What each provider's key must be able to read (the README's table says the same).
const KEY_HELP: Record<string, string> = {
  stripe: "A restricted key (rk_live_…) with read access to Checkout Sessions, Invoices, Payment Intents and Charges",
  lemonsqueezy: "An API key (Settings → API) of the account that owns the store, in the store's mode: it reads orders and subscription invoices",
  polar: "An organization access token with the orders:read scope",
  paddle: "A Paddle Billing API key (pdl_live_apikey_… or a sandbox one) with transaction.read, adjustment.read and customer.read",
};

/** Past payments from a provider, attributed like webhooks, counted once with them. */
export function BackfillSection({ websiteId }: { websiteId: string }) {
  const base = `/api/websites/${websiteId}/backfills`;
  const { jobs, reload, status, setStatus } = useJobs(base, (b: { backfills: ImportView[] }) => b.backfills);
  const [provider, setProvider] = useState("stripe");
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const storeId = String(f.get("storeId") ?? "").trim();
    setPending(true);
    const r = await apiFetch(base, { method: "POST", body: { provider, apiKey: String(f.get("apiKey") ?? ""), days: Number(f.get("days") || 365), ...(storeId ? { storeId } : {}) } });
    setPending(false);
    setStatus(r.ok ? { kind: "success", message: "Backfill started; the key is kept encrypted and never shown again" } : { kind: "error", message: r.message });
    if (r.ok) {
      form.reset();
      void reload();
    }
  }

  return (
    <SettingsSection
      id="backfill"
      title="Payment history"
      description="Import past payments, renewals and refunds with a read-only key. They are attributed like webhook payments, and a payment that also arrives by webhook counts once."
    >
      <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[9rem_1fr_6rem_auto] sm:items-end">
        <div className="grid gap-2">
          <Label htmlFor="backfill-provider">Provider</Label>
          <Select id="backfill-provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="stripe">Stripe</option>
            <option value="lemonsqueezy">LemonSqueezy</option>
            <option value="polar">Polar</option>
            <option value="paddle">Paddle</option>
          </Select>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="backfill-key">Read-only API key</Label>
          <Input id="backfill-key" name="apiKey" type="password" autoComplete="off" required minLength={8} title={KEY_HELP[provider]} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="backfill-days">Days</Label>
          <Input id="backfill-days" name="days" type="number" min={1} max={3650} defaultValue={365} />
        </div>
        <Button type="submit" disabled={pending}>Backfill</Button>
        {provider === "lemonsqueezy" ? (
          <div className="grid gap-2 sm:col-span-2">
            <Label htmlFor="backfill-store">LemonSqueezy store id (optional: only this store's orders, when the account has several)</Label>
            <Input id="backfill-store" name="storeId" inputMode="numeric" pattern="[0-9]+" />
          </div>
        ) : null}
      </form>
      <p className="text-xs text-muted-foreground">{KEY_HELP[provider]}.</p>
      <StatusMessage status={status} />
      <JobList jobs={jobs} base={base} onChanged={() => void reload()} setStatus={setStatus} empty="No backfill yet." />
    </SettingsSection>
  );
}

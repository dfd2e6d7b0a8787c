"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { WebsiteDTO } from "@/lib/websites/types";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { COMMON_TIMEZONES, CURRENCIES, withExtras } from "../options";
import { SettingsSection } from "./settings-section";
import { StatusMessage } from "./status-message";
import { usePatchWebsite } from "./use-patch-website";

export function GeneralSection({ website, onSaved }: { website: WebsiteDTO; onSaved: (w: WebsiteDTO) => void }) {
  const [name, setName] = useState(website.name);
  const [timezone, setTimezone] = useState(website.timezone);
  const [currency, setCurrency] = useState(website.currency);
  const router = useRouter();
  const { pending, status, setStatus, patch } = usePatchWebsite(website.id, onSaved);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setStatus({ kind: "error", message: "The name cannot be empty." });
    const changes: Record<string, string> = {};
    if (name.trim() !== website.name) changes.name = name.trim();
    if (timezone !== website.timezone) changes.timezone = timezone;
    if (currency !== website.currency) changes.currency = currency;
    if (Object.keys(changes).length === 0) return setStatus({ kind: "success", message: "Nothing to change" });
    const saved = await patch(changes);
    if (!saved) return;
    setName(saved.name);
    // The site header lives in a server layout; refresh it to show the new name.
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit}>
      <SettingsSection
        id="general"
        title="General"
        description={`The domain (${website.domain}) is fixed; add a new site to track another domain.`}
        footer={
          <>
            <StatusMessage status={status} />
            <Button type="submit" disabled={pending} className="ml-auto">
              {pending ? "Saving…" : "Save"}
            </Button>
          </>
        }
      >
        <div className="grid gap-2">
          <Label htmlFor="site-name">Name</Label>
          <Input id="site-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <div className="grid gap-2">
            <Label htmlFor="site-timezone">Time zone</Label>
            <Select id="site-timezone" value={timezone} onChange={(e) => setTimezone(e.target.value)}>
              {withExtras(COMMON_TIMEZONES, website.timezone).map((tz) => (
                <option key={tz} value={tz}>
                  {tz}
                </option>
              ))}
            </Select>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="site-currency">Currency</Label>
            <Select id="site-currency" value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {withExtras(CURRENCIES, website.currency).map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          </div>
        </div>
      </SettingsSection>
    </form>
  );
}

"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { SettingsSection } from "@/components/site/settings/settings-section";
import { StatusMessage } from "@/components/site/settings/status-message";
import type { Status } from "@/components/site/settings/use-patch-website";
import type { EmailReportsDTO } from "@/lib/reports/preferences";

/** Per user, not per site: one email covers all of the user's websites. */
export function EmailReportsSection() {
  const [prefs, setPrefs] = useState<EmailReportsDTO | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    void apiFetch<EmailReportsDTO>("/api/account/email-reports").then((r) => r.ok && setPrefs(r.data));
  }, []);

  async function toggle(kind: "weekly" | "monthly", on: boolean) {
    const r = await apiFetch<EmailReportsDTO>("/api/account/email-reports", { method: "PATCH", body: { [kind]: on } });
    if (r.ok) setPrefs(r.data);
    setStatus(r.ok ? { kind: "success", message: `${kind === "weekly" ? "Weekly" : "Monthly"} report ${on ? "on" : "off"}` } : { kind: "error", message: r.message });
  }

  async function sendNow() {
    setPending(true);
    const r = await apiFetch<{ to: string }>("/api/account/email-reports/send", { method: "POST", body: { kind: "weekly" } });
    setPending(false);
    setStatus(r.ok ? { kind: "success", message: `Sent last week's report to ${r.data.to}` } : { kind: "error", message: r.message });
  }

  return (
    <SettingsSection id="email-reports" title="Email reports" description="Visitors, revenue, top sources and pages of all your sites, with the change against the previous period.">
      {prefs ? (
        <div className="grid gap-3">
          {(["weekly", "monthly"] as const).map((kind) => (
            <div key={kind} className="flex items-center gap-3">
              <Switch id={`report-${kind}`} checked={prefs[kind]} onCheckedChange={(on) => void toggle(kind, on)} />
              <Label htmlFor={`report-${kind}`}>{kind === "weekly" ? "Weekly report (Mondays in your sites' time zones)" : "Monthly report (the 1st)"}</Label>
            </div>
          ))}
          <div className="flex flex-wrap items-center gap-3 text-xs text-muted-foreground">
            <span>Sent to {prefs.email}.</span>
            {prefs.smtpConfigured ? (
              <Button size="sm" variant="outline" disabled={pending} onClick={() => void sendNow()}>
                Send last week&apos;s report now
              </Button>
            ) : (
              <span>Set SMTP_URL on the server to send reports.</span>
            )}
          </div>
        </div>
      ) : null}
      <StatusMessage status={status} />
    </SettingsSection>
  );
}

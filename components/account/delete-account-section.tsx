"use client";

import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { SettingsSection } from "@/components/site/settings/settings-section";
import { StatusMessage } from "@/components/site/settings/status-message";
import type { Status } from "@/components/site/settings/use-patch-website";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Deletes the account with its personal team and every team it alone owns, with all their sites' data. */
export function DeleteAccountSection({ email, hasPassword }: { email: string; hasPassword: boolean }) {
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget).get("confirmDelete") ?? "");
    setPending(true);
    const r = await apiFetch("/api/account", { method: "DELETE", body: hasPassword ? { password: value } : { confirmEmail: value } });
    setPending(false);
    if (!r.ok) return setStatus({ kind: "error", message: r.message });
    window.location.assign("/");
  }

  return (
    <form method="post" onSubmit={onSubmit}>
      <SettingsSection
        id="delete-account"
        title="Delete account"
        className="border-destructive/40"
        description="Removes your account, your personal team and every team where you are the only owner, with all of their sites and data. Teams you share with other owners keep going without you. This cannot be undone."
      >
        <div className="grid gap-2">
          <Label htmlFor="confirmDelete">{hasPassword ? "Your password" : <>Type <span className="font-mono">{email}</span> to confirm</>}</Label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Input id="confirmDelete" name="confirmDelete" type={hasPassword ? "password" : "text"} autoComplete={hasPassword ? "current-password" : "off"} required />
            <Button type="submit" variant="destructive" disabled={pending}>{pending ? "Deleting…" : "Delete my account"}</Button>
          </div>
        </div>
        <StatusMessage status={status} />
      </SettingsSection>
    </form>
  );
}

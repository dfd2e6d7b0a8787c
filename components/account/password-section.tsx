"use client";

import { useState } from "react";
import Link from "next/link";
import { apiFetch } from "@/components/api-client";
import { SettingsSection } from "@/components/site/settings/settings-section";
import { StatusMessage } from "@/components/site/settings/status-message";
import type { Status } from "@/components/site/settings/use-patch-website";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export const PASSWORD_HINT = "At least 10 characters; the most common passwords are refused.";

/** Change of password after the current one; every other session ends. */
export function PasswordSection({ hasPassword }: { hasPassword: boolean }) {
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    if (f.get("newPassword") !== f.get("confirmPassword")) return setStatus({ kind: "error", message: "The two new passwords differ." });
    setPending(true);
    const r = await apiFetch("/api/account/password", { method: "PATCH", body: { currentPassword: f.get("currentPassword"), newPassword: f.get("newPassword") } });
    setPending(false);
    if (!r.ok) return setStatus({ kind: "error", message: r.message });
    form.reset();
    setStatus({ kind: "success", message: "Password changed; every other session is signed out" });
  }

  if (!hasPassword) {
    return (
      <SettingsSection id="password" title="Password">
        <p className="text-sm text-muted-foreground">
          You sign in with GitHub or Google. To add a password, use{" "}
          <Link href="/forgot-password" className="font-medium text-foreground underline-offset-4 hover:underline">Forgot password</Link>: the link goes to your address.
        </p>
      </SettingsSection>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit}>
      <SettingsSection
        id="password"
        title="Password"
        description={PASSWORD_HINT}
        footer={<><StatusMessage status={status} /><Button type="submit" className="ml-auto" disabled={pending}>{pending ? "Changing…" : "Change password"}</Button></>}
      >
        <div className="grid gap-2">
          <Label htmlFor="currentPassword">Current password</Label>
          <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <div className="grid gap-2">
            <Label htmlFor="newPassword">New password</Label>
            <Input id="newPassword" name="newPassword" type="password" autoComplete="new-password" minLength={10} required />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="confirmPassword">New password again</Label>
            <Input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" minLength={10} required />
          </div>
        </div>
      </SettingsSection>
    </form>
  );
}

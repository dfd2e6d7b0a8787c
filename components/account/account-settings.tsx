"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";
import { PageHeader } from "@/components/dashboard/page-header";
import { SettingsSection } from "@/components/site/settings/settings-section";
import { StatusMessage } from "@/components/site/settings/status-message";
import type { Status } from "@/components/site/settings/use-patch-website";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DeleteAccountSection } from "./delete-account-section";
import { PasswordSection } from "./password-section";

type User = { name: string; email: string; emailVerified: boolean; hasPassword: boolean };

/** A form that submits its fields as JSON to one endpoint and shows the outcome under it. */
function useAction() {
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);
  async function run(url: string, method: "POST" | "PATCH", body: unknown, success: string): Promise<boolean> {
    setPending(true);
    setStatus(null);
    const r = await apiFetch(url, { method, body });
    setPending(false);
    setStatus(r.ok ? { kind: "success", message: success } : { kind: "error", message: r.message });
    return r.ok;
  }
  return { status, pending, run };
}

function Field({ id, label, ...props }: { id: string; label: string } & React.ComponentProps<typeof Input>) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} name={id} {...props} />
    </div>
  );
}

export function AccountSettings({ user, notice }: { user: User; notice: Status }) {
  const router = useRouter();
  const profile = useAction();
  const email = useAction();
  const sessions = useAction();
  const fields = (e: React.FormEvent<HTMLFormElement>) => Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;

  return (
    <div className="mx-auto grid max-w-2xl gap-6">
      <PageHeader title="Account" description="Your profile, sign-in and sessions." />
      <StatusMessage status={notice} />
      <form
        method="post"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await profile.run("/api/account", "PATCH", { name: fields(e).name }, "Saved")) router.refresh();
        }}
      >
        <SettingsSection id="profile" title="Profile" footer={<><StatusMessage status={profile.status} /><Button type="submit" className="ml-auto" disabled={profile.pending}>Save</Button></>}>
          <Field id="name" label="Name" defaultValue={user.name} maxLength={100} required />
        </SettingsSection>
      </form>
      <form
        method="post"
        onSubmit={async (e) => {
          e.preventDefault();
          const f = fields(e);
          if (await email.run("/api/account/email", "POST", { email: f.newEmail, password: f.emailPassword }, `We sent a link to ${f.newEmail}: the address changes when you follow it`)) e.currentTarget?.reset();
        }}
      >
        <SettingsSection
          id="email"
          title="Email address"
          description={
            <span className="inline-flex flex-wrap items-center gap-2">
              You sign in with <strong className="font-medium text-foreground">{user.email}</strong>
              {user.emailVerified ? <Badge variant="success">Confirmed</Badge> : <Badge variant="outline">Not confirmed</Badge>}
            </span>
          }
          footer={<><StatusMessage status={email.status} /><Button type="submit" variant="outline" className="ml-auto" disabled={email.pending || !user.hasPassword}>Change address</Button></>}
        >
          <div className="grid gap-5 sm:grid-cols-2">
            <Field id="newEmail" label="New address" type="email" autoComplete="email" required />
            <Field id="emailPassword" label="Current password" type="password" autoComplete="current-password" required disabled={!user.hasPassword} />
          </div>
        </SettingsSection>
      </form>
      <PasswordSection hasPassword={user.hasPassword} />
      <SettingsSection
        id="sessions"
        title="Sessions"
        description="Signed in on a shared or lost device? End every session except this one, at once."
        footer={
          <>
            <StatusMessage status={sessions.status} />
            <Button variant="outline" className="ml-auto" disabled={sessions.pending} onClick={() => void sessions.run("/api/account/sessions/revoke", "POST", undefined, "Every other session is signed out")}>
              Sign out everywhere else
            </Button>
          </>
        }
      >
        <p className="text-sm text-muted-foreground">Changing your password does this too.</p>
      </SettingsSection>
      <DeleteAccountSection email={user.email} hasPassword={user.hasPassword} />
    </div>
  );
}

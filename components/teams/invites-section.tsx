"use client";

import { CopyButton } from "@/components/copy-button";
import { formatDateTime } from "@/components/format";
import { SettingsSection } from "@/components/site/settings/settings-section";
import { StatusMessage } from "@/components/site/settings/status-message";
import { useApiList } from "@/components/use-api-data";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { ROLE_HINT, ROLE_LABEL, type Role } from "./labels";

type Invite = { id: string; email: string; role: Role; url: string; expiresAt: string; invitedBy: string; emailed: boolean };

/** Pending invitations (owners and admins see them; owners send and revoke). Each link is shown to copy. */
export function InvitesSection({ teamId, owner, emailVerified }: { teamId: string; owner: boolean; emailVerified: boolean }) {
  const base = `/api/teams/${teamId}/invites`;
  const { items: invites, pending, status, create, remove } = useApiList<Invite>(base, (b: { invites: Invite[] }) => b.invites);

  async function invite(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const body = { email: String(f.get("email") ?? "").trim(), role: f.get("role") };
    const sent = (i: Invite) => (i.emailed ? `Invitation mailed to ${i.email}; you can also copy the link` : `Copy the link below and send it to ${i.email}`);
    // A new invitation to an address replaces its pending one.
    if (await create(body, sent, (old, i) => old.email === i.email)) form.reset();
  }

  return (
    <SettingsSection
      id="invites"
      title="Invitations"
      description={`A link for one address, valid for 7 days and usable once. ${emailVerified ? "It is also mailed when this server can send mail." : "Confirm your own address to have invitations mailed; meanwhile copy the link."}`}
    >
      {owner ? (
        <form method="post" onSubmit={invite} className="grid gap-3 sm:grid-cols-[1fr_9rem_auto] sm:items-end">
          <div className="grid gap-2">
            <Label htmlFor="invite-email">Email</Label>
            <Input id="invite-email" name="email" type="email" required placeholder="colleague@example.com" />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="invite-role">Role</Label>
            <Select id="invite-role" name="role" defaultValue="viewer">
              {(["viewer", "admin", "owner"] as const).map((r) => (
                <option key={r} value={r} title={ROLE_HINT[r]}>{ROLE_LABEL[r]}</option>
              ))}
            </Select>
          </div>
          <Button type="submit" disabled={pending}>Invite</Button>
        </form>
      ) : null}
      <StatusMessage status={status} />
      {invites?.length ? (
        <ul className="grid gap-2" aria-label="Pending invitations">
          {invites.map((i) => (
            <li key={i.id} className="grid gap-2 rounded-lg border p-3" data-invite={i.email}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">{i.email}</span>
                <Badge variant="secondary">{ROLE_LABEL[i.role]}</Badge>
                {i.emailed ? <Badge variant="outline">Mailed</Badge> : null}
                <span className="text-xs text-muted-foreground">by {i.invitedBy} · expires {formatDateTime(i.expiresAt)}</span>
              </div>
              <div className="flex min-w-0 flex-wrap items-center gap-2">
                <code className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1 font-mono text-xs" data-testid="invite-url">{i.url}</code>
                <CopyButton value={i.url} label="Copy link" />
                {owner ? <Button size="sm" variant="outline" disabled={pending} onClick={() => void remove(i.id, "Invitation revoked: its link no longer works")}>Revoke</Button> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : invites ? (
        <p className="text-sm text-muted-foreground">No pending invitations.</p>
      ) : null}
    </SettingsSection>
  );
}

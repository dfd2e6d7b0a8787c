"use client";

import { useState } from "react";
import { Lock, Timer } from "lucide-react";
import { CodeBlock } from "@/components/code-block";
import { CopyButton } from "@/components/copy-button";
import { formatDateTime } from "@/components/format";
import { useApiList } from "@/components/use-api-data";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { SettingsSection } from "./settings-section";
import { StatusMessage } from "./status-message";

export type Share = { id: string; url: string; label: string | null; hasPassword: boolean; expiresAt: string | null; expired: boolean; createdAt: string };

/** The iframe snippet the README documents: the shared link, full width, no border. */
export const embedSnippet = (url: string) => `<iframe src="${url}" title="Analytics" loading="lazy" style="width:100%;height:1600px;border:0"></iframe>`;

function ShareRow({ share, onRevoke, pending }: { share: Share; onRevoke: () => void; pending: boolean }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="grid gap-2 rounded-lg border p-3" data-share={share.id}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{share.label ?? "Shared link"}</span>
        {share.hasPassword ? <Badge variant="secondary"><Lock /> Password</Badge> : null}
        {share.expiresAt ? <Badge variant={share.expired ? "destructive" : "outline"}><Timer /> {share.expired ? "Expired" : `Until ${formatDateTime(share.expiresAt)}`}</Badge> : null}
      </div>
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1 font-mono text-xs" data-testid="share-url">{share.url}</code>
        <CopyButton value={share.url} label="Copy link" />
        <CopyButton value={embedSnippet(share.url)} label="Copy embed" />
        {confirming ? (
          <span className="inline-flex gap-1">
            <Button size="sm" variant="destructive" disabled={pending} onClick={onRevoke}>Revoke</Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>Cancel</Button>
          </span>
        ) : (
          <Button size="sm" variant="outline" onClick={() => setConfirming(true)}>Revoke…</Button>
        )}
      </div>
    </li>
  );
}

/** Public read-only links to this site's dashboard (owners and admins). */
export function SharingSection({ websiteId }: { websiteId: string }) {
  const base = `/api/websites/${websiteId}/shares`;
  const { items: shares, error, pending, status, create, remove } = useApiList<Share>(base, (b: { shares: Share[] }) => b.shares);

  async function onCreate(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const label = String(f.get("label") ?? "").trim();
    const password = String(f.get("password") ?? "");
    const expires = String(f.get("expires") ?? "");
    const body = { ...(label ? { label } : {}), ...(password ? { password } : {}), ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}) };
    if (await create(body, () => "Link created: copy it below")) form.reset();
  }

  return (
    <SettingsSection
      id="sharing"
      title="Shared dashboards"
      description="A public link shows this dashboard read-only: the numbers, chart and breakdowns, never visitor profiles or payments. Embed it in an iframe with the snippet."
    >
      <form onSubmit={onCreate} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto_auto] sm:items-end">
        <div className="grid gap-2">
          <Label htmlFor="share-label">Name (optional)</Label>
          <Input id="share-label" name="label" maxLength={80} placeholder="e.g. Investors" />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="share-password-new">Password (optional)</Label>
          <Input id="share-password-new" name="password" type="password" autoComplete="new-password" minLength={4} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="share-expires">Expires (optional)</Label>
          <Input id="share-expires" name="expires" type="date" min={new Date().toISOString().slice(0, 10)} />
        </div>
        <Button type="submit" disabled={pending}>Create link</Button>
      </form>
      <StatusMessage status={status} />
      {shares === null ? (
        error ? null : <Skeleton className="h-16" />
      ) : shares.length === 0 ? (
        <p className="text-sm text-muted-foreground">No shared links yet.</p>
      ) : (
        <ul className="grid gap-2">
          {shares.map((s) => <ShareRow key={s.id} share={s} pending={pending} onRevoke={() => void remove(s.id, "Link revoked: it now answers “not found”")} />)}
        </ul>
      )}
      {shares?.length ? <CodeBlock>{embedSnippet(shares[shares.length - 1].url)}</CodeBlock> : null}
    </SettingsSection>
  );
}

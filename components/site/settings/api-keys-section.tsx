"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { formatDateTime } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CreatedKeyDialog } from "./created-key-dialog";
import { SettingsSection } from "./settings-section";
import { StatusMessage } from "./status-message";
import type { Status } from "./use-patch-website";

type ApiKey = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

export function ApiKeysSection({ websiteId }: { websiteId: string }) {
  const base = `/api/websites/${websiteId}/api-keys`;
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [name, setName] = useState("");
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void apiFetch<{ apiKeys: ApiKey[] }>(base).then((r) => {
      if (!live) return;
      if (r.ok) setKeys(r.data.apiKeys);
      else {
        setKeys([]);
        setStatus({ kind: "error", message: r.message });
      }
    });
    return () => {
      live = false;
    };
  }, [base]);

  async function create(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setStatus(null);
    const r = await apiFetch<ApiKey & { key: string }>(base, { method: "POST", body: { name: name.trim() || "API key" } });
    setPending(false);
    if (!r.ok) return setStatus({ kind: "error", message: r.message });
    const { key, ...apiKey } = r.data;
    setKeys((list) => [...(list ?? []), apiKey]);
    setCreated({ name: apiKey.name, key });
    setName("");
  }

  async function revoke(id: string) {
    setPending(true);
    const r = await apiFetch(`${base}/${id}`, { method: "DELETE" });
    setPending(false);
    setConfirming(null);
    if (!r.ok) return setStatus({ kind: "error", message: r.message });
    setKeys((list) => (list ?? []).filter((k) => k.id !== id));
    setStatus({ kind: "success", message: "Key revoked" });
  }

  return (
    <SettingsSection
      id="api-keys"
      title="API keys"
      description={
        <>
          Keys for the public REST API (/api/v1): payments, goals, visitors and stats from your server. Each key reads and writes
          this site only.{" "}
          <Link href="/docs/api" className="font-medium text-foreground underline underline-offset-4">
            API reference
          </Link>
        </>
      }
    >
      <form onSubmit={create} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="grid flex-1 gap-2">
          <Label htmlFor="api-key-name">New key name</Label>
          <Input id="api-key-name" value={name} maxLength={100} placeholder="e.g. Backend server" onChange={(e) => setName(e.target.value)} />
        </div>
        <Button type="submit" disabled={pending}>
          Create key
        </Button>
      </form>
      <StatusMessage status={status} />
      {keys === null ? (
        <Skeleton className="h-20" />
      ) : keys.length === 0 ? (
        <p className="text-sm text-muted-foreground">No API keys yet.</p>
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Key</TableHead>
              <TableHead className="hidden sm:table-cell">Created</TableHead>
              <TableHead className="hidden md:table-cell">Last used</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((k) => (
              <TableRow key={k.id}>
                <TableCell className="font-medium">{k.name}</TableCell>
                <TableCell className="font-mono text-xs">{k.prefix}…</TableCell>
                <TableCell className="hidden text-muted-foreground sm:table-cell">{formatDateTime(k.createdAt)}</TableCell>
                <TableCell className="hidden text-muted-foreground md:table-cell">{formatDateTime(k.lastUsedAt)}</TableCell>
                <TableCell className="text-right whitespace-nowrap">
                  {confirming === k.id ? (
                    <span className="inline-flex gap-1">
                      <Button size="sm" variant="destructive" disabled={pending} onClick={() => void revoke(k.id)}>
                        Revoke
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                        Cancel
                      </Button>
                    </span>
                  ) : (
                    <Button size="sm" variant="outline" onClick={() => setConfirming(k.id)}>
                      Revoke…
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <CreatedKeyDialog created={created} onClose={() => setCreated(null)} />
    </SettingsSection>
  );
}

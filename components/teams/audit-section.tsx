"use client";

import { useState } from "react";
import type { AuditEntryDTO } from "@/lib/teams/audit";
import { apiFetch } from "@/components/api-client";
import { formatDateTime } from "@/components/format";
import { SettingsSection } from "@/components/site/settings/settings-section";
import { useApiData } from "@/components/use-api-data";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { AUDIT_LABEL } from "./labels";

const PAGE = 30;

/** Who did what in the team, newest first (owners and admins). */
export function AuditSection({ teamId }: { teamId: string }) {
  const base = `/api/teams/${teamId}/audit?limit=${PAGE}`;
  const { data: entries, setData, error } = useApiData<AuditEntryDTO[]>(base, (b: { entries: AuditEntryDTO[] }) => b.entries);
  const [more, setMore] = useState(true);

  async function older() {
    const last = entries?.at(-1);
    if (!last) return;
    const r = await apiFetch<{ entries: AuditEntryDTO[] }>(`${base}&before=${encodeURIComponent(last.at)}`);
    if (!r.ok) return;
    setData((list) => [...(list ?? []), ...r.data.entries]);
    if (r.data.entries.length < PAGE) setMore(false);
  }

  return (
    <SettingsSection id="audit" title="Audit log" description="Members, keys, secrets, integrations, shared links and sites: who changed what, and when.">
      {error ? <p className="text-sm text-destructive">{error}</p> : null}
      {entries === null ? (
        error ? null : <Skeleton className="h-24" />
      ) : entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing recorded yet.</p>
      ) : (
        <ol className="divide-y text-sm" aria-label="Audit log">
          {entries.map((e) => (
            <li key={e.id} className="flex flex-col gap-0.5 py-2 sm:flex-row sm:items-baseline sm:gap-3" data-action={e.action}>
              <time className="shrink-0 text-xs text-muted-foreground tabular-nums sm:w-36" dateTime={e.at}>{formatDateTime(e.at)}</time>
              <span className="min-w-0 break-words">
                <strong className="font-medium">{e.actor.name}</strong> {AUDIT_LABEL[e.action]} {e.target ? <strong className="font-medium">{e.target}</strong> : null}
                {e.detail ? <span className="text-muted-foreground"> ({e.detail})</span> : null}
              </span>
            </li>
          ))}
        </ol>
      )}
      {entries && entries.length >= PAGE && more ? (
        <Button variant="outline" size="sm" className="justify-self-start" onClick={() => void older()}>Older entries</Button>
      ) : null}
    </SettingsSection>
  );
}

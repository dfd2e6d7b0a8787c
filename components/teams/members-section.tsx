"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";
import { formatDateTime } from "@/components/format";
import { SettingsSection } from "@/components/site/settings/settings-section";
import { StatusMessage } from "@/components/site/settings/status-message";
import type { Status } from "@/components/site/settings/use-patch-website";
import { useApiData } from "@/components/use-api-data";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { ROLE_HINT, ROLE_LABEL, type Role } from "./labels";

type Member = { userId: string; name: string; email?: string; role?: Role; joinedAt?: string };
type Props = { teamId: string; role: Role; personal: boolean; me: string };

/** Members: names for everyone; addresses and roles for admins; changing roles and removing for owners; leaving for all. */
export function MembersSection({ teamId, role, personal, me }: Props) {
  const router = useRouter();
  const base = `/api/teams/${teamId}/members`;
  const { data: members, setData, error } = useApiData<Member[]>(base, (b: { members: Member[] }) => b.members);
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);
  const owner = role === "owner";

  async function setRole(userId: string, next: Role) {
    setPending(true);
    const r = await apiFetch<{ member: Member }>(`${base}/${userId}`, { method: "PATCH", body: { role: next } });
    setPending(false);
    if (!r.ok) return setStatus({ kind: "error", message: r.message });
    setData((list) => (list ?? []).map((m) => (m.userId === userId ? { ...m, role: next } : m)));
    setStatus({ kind: "success", message: "Role changed: it applies from their next request" });
    if (userId === me) router.refresh();
  }

  async function remove(userId: string) {
    setPending(true);
    const r = await apiFetch(`${base}/${userId}`, { method: "DELETE" });
    setPending(false);
    if (!r.ok) return setStatus({ kind: "error", message: r.message });
    if (userId === me) {
      router.push("/teams");
      return router.refresh();
    }
    setData((list) => (list ?? []).filter((m) => m.userId !== userId));
    setStatus({ kind: "success", message: "Member removed: their access ended at once" });
  }

  return (
    <SettingsSection id="members" title="Members" description={owner ? "Owners manage members; a team always keeps at least one owner." : undefined}>
      <StatusMessage status={status ?? (error ? { kind: "error", message: error } : null)} />
      {members === null ? (
        error ? null : <Skeleton className="h-20" />
      ) : (
        <ul className="divide-y rounded-lg border" aria-label="Members">
          {members.map((m) => (
            <li key={m.userId} className="flex flex-wrap items-center gap-3 px-3 py-2.5" data-member={m.email ?? m.name}>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium">
                  {m.name} {m.userId === me ? <span className="text-muted-foreground">(you)</span> : null}
                </p>
                {m.email ? <p className="truncate text-xs text-muted-foreground">{m.email}{m.joinedAt ? ` · joined ${formatDateTime(m.joinedAt)}` : ""}</p> : null}
              </div>
              {owner && m.role && !(personal && m.userId === teamId) ? (
                <Select aria-label={`Role of ${m.name}`} className="w-28" value={m.role} disabled={pending} onChange={(e) => void setRole(m.userId, e.target.value as Role)}>
                  {(["viewer", "admin", "owner"] as const).map((r) => (
                    <option key={r} value={r} title={ROLE_HINT[r]}>{ROLE_LABEL[r]}</option>
                  ))}
                </Select>
              ) : m.role ? (
                <Badge variant="secondary">{ROLE_LABEL[m.role]}</Badge>
              ) : null}
              {(owner || m.userId === me) && !(personal && m.userId === teamId) ? (
                <Button size="sm" variant="outline" disabled={pending} onClick={() => void remove(m.userId)}>
                  {m.userId === me ? "Leave" : "Remove"}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </SettingsSection>
  );
}

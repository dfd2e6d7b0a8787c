"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/components/api-client";
import { SettingsSection } from "@/components/site/settings/settings-section";
import { StatusMessage } from "@/components/site/settings/status-message";
import type { Status } from "@/components/site/settings/use-patch-website";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Owners of a shared team: rename it, or delete it with every site it owns. */
export function TeamSettingsSection({ team }: { team: { id: string; name: string } }) {
  const router = useRouter();
  const [name, setName] = useState(team.name);
  const [typed, setTyped] = useState("");
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);

  async function rename(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    const r = await apiFetch(`/api/teams/${team.id}`, { method: "PATCH", body: { name } });
    setPending(false);
    setStatus(r.ok ? { kind: "success", message: "Renamed" } : { kind: "error", message: r.message });
    if (r.ok) router.refresh();
  }

  async function remove(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    const r = await apiFetch(`/api/teams/${team.id}`, { method: "DELETE" });
    setPending(false);
    if (!r.ok) return setStatus({ kind: "error", message: r.message });
    router.push("/teams");
    router.refresh();
  }

  return (
    <SettingsSection id="team-settings" title="Team settings" className="border-destructive/40">
      <form onSubmit={rename} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="grid flex-1 gap-2">
          <Label htmlFor="team-rename">Name</Label>
          <Input id="team-rename" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        </div>
        <Button type="submit" variant="outline" disabled={pending || !name.trim() || name.trim() === team.name}>Rename</Button>
      </form>
      <form onSubmit={remove} className="grid gap-2">
        <Label htmlFor="team-delete">
          Delete the team and every site it owns, with all their data: type <span className="font-mono">{team.name}</span>
        </Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input id="team-delete" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
          <Button type="submit" variant="destructive" disabled={pending || typed.trim() !== team.name}>Delete team</Button>
        </div>
      </form>
      <StatusMessage status={status} />
    </SettingsSection>
  );
}

"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { WebsiteDTO } from "@/lib/websites/types";
import { apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SettingsSection } from "./settings-section";
import { StatusMessage } from "./status-message";
import type { Status } from "./use-patch-website";

export function DangerZone({ website }: { website: WebsiteDTO }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const confirmed = typed.trim().toLowerCase() === website.domain.toLowerCase();

  async function onDelete(event: React.FormEvent) {
    event.preventDefault();
    if (!confirmed) return;
    setPending(true);
    const r = await apiFetch(`/api/websites/${website.id}`, { method: "DELETE" });
    if (!r.ok) {
      setPending(false);
      return setStatus({ kind: "error", message: r.message });
    }
    router.push("/dashboard");
    router.refresh();
  }

  return (
    <SettingsSection
      id="danger"
      title="Danger zone"
      description="Deleting a site removes its settings, keys and every event and payment recorded for it. This cannot be undone."
      className="border-destructive/40"
    >
      <form onSubmit={onDelete} className="grid gap-3">
        <div className="grid gap-2">
          <Label htmlFor="confirm-domain">
            Type <span className="font-mono">{website.domain}</span> to confirm
          </Label>
          <Input id="confirm-domain" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="destructive" disabled={!confirmed || pending}>
            {pending ? "Deleting…" : "Delete this site"}
          </Button>
          <StatusMessage status={status} />
        </div>
      </form>
    </SettingsSection>
  );
}

"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { WebsiteDTO } from "@/lib/websites/types";
import { useApiData } from "@/components/use-api-data";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { SettingsSection } from "./settings-section";
import { StatusMessage } from "./status-message";
import { usePatchWebsite } from "./use-patch-website";

type Team = { id: string; name: string; role: "owner" | "admin" | "viewer"; personal: boolean };

/** Which team owns the site, and a move to another team the user administers (data, keys and links go along). */
export function TeamSection({ website, onSaved }: { website: WebsiteDTO; onSaved: (w: WebsiteDTO) => void }) {
  const router = useRouter();
  const { data: teams } = useApiData<Team[]>("/api/teams", (b: { teams: Team[] }) => b.teams);
  const [target, setTarget] = useState("");
  const { pending, status, patch } = usePatchWebsite(website.id, onSaved);
  const current = teams?.find((t) => t.id === website.teamId);
  const targets = (teams ?? []).filter((t) => t.id !== website.teamId && t.role !== "viewer");

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!target) return;
    const to = targets.find((t) => t.id === target);
    if (await patch({ teamId: target }, `Moved to ${to?.name ?? "the team"}`)) {
      setTarget("");
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit}>
      <SettingsSection
        id="team"
        title="Team"
        description={
          <>
            This site belongs to{" "}
            <Link href={`/team/${website.teamId}`} className="font-medium text-foreground underline-offset-4 hover:underline">
              {current ? (current.personal ? "your personal team" : current.name) : "its team"}
            </Link>
            ; its members see it with their role there. Moving it keeps all data, keys and shared links.
          </>
        }
        footer={
          <>
            <StatusMessage status={status} />
            <Button type="submit" variant="outline" disabled={pending || !target} className="ml-auto">
              {pending ? "Moving…" : "Move site"}
            </Button>
          </>
        }
      >
        <div className="grid gap-2">
          <Label htmlFor="move-team">Move to</Label>
          <Select id="move-team" value={target} onChange={(e) => setTarget(e.target.value)} disabled={!targets.length}>
            <option value="">{targets.length ? "Choose a team…" : "No other team you administer"}</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.personal ? "Personal" : t.name}
              </option>
            ))}
          </Select>
        </div>
      </SettingsSection>
    </form>
  );
}

"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ArrowRight, Users } from "lucide-react";
import type { TeamDTO } from "@/lib/teams/teams";
import { apiFetch } from "@/components/api-client";
import { PageHeader } from "@/components/dashboard/page-header";
import { StatusMessage } from "@/components/site/settings/status-message";
import type { Status } from "@/components/site/settings/use-patch-website";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ROLE_LABEL, teamName } from "./labels";

/** Every team the user is in, and a form to start a new one. */
export function TeamsList({ teams }: { teams: TeamDTO[] }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<Status>(null);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "").trim();
    if (!name) return setStatus({ kind: "error", message: "Give the team a name." });
    setPending(true);
    const r = await apiFetch<{ team: TeamDTO }>("/api/teams", { method: "POST", body: { name } });
    setPending(false);
    if (!r.ok) return setStatus({ kind: "error", message: r.message });
    router.push(`/team/${r.data.team.id}`);
  }

  return (
    <>
      <PageHeader title="Teams" description="Share sites with co-founders, colleagues and clients, each with a role." />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid content-start gap-3">
          {teams.map((t) => (
            <Link key={t.id} href={`/team/${t.id}`} className="group rounded-xl outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
              <Card className="flex-row items-center gap-3 px-5 py-4 transition-colors group-hover:border-ring/40">
                <span className="flex size-9 items-center justify-center rounded-full bg-brand-soft text-brand">
                  <Users className="size-4" />
                </span>
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{teamName(t)}</p>
                  <p className="text-xs text-muted-foreground">{t.personal ? "Your own sites" : "Shared team"}</p>
                </div>
                <Badge variant="secondary">{ROLE_LABEL[t.role]}</Badge>
                <ArrowRight className="size-4 text-muted-foreground" />
              </Card>
            </Link>
          ))}
        </div>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">New team</CardTitle>
            <CardDescription>You become its owner; add sites to it or move existing ones in from their settings.</CardDescription>
          </CardHeader>
          <CardContent>
            <form onSubmit={create} className="grid gap-3">
              <div className="grid gap-2">
                <Label htmlFor="team-name">Name</Label>
                <Input id="team-name" name="name" maxLength={80} placeholder="e.g. Acme Inc." />
              </div>
              <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create team"}</Button>
              <StatusMessage status={status} />
            </form>
          </CardContent>
        </Card>
      </div>
    </>
  );
}

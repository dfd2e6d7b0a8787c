"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { StatusMessage } from "@/components/site/settings/status-message";
import type { Status } from "@/components/site/settings/use-patch-website";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

/** Adds a goal, then re-renders the server page so its numbers include it. */
export function GoalForm({ websiteId }: { websiteId: string }) {
  const router = useRouter();
  const [kind, setKind] = useState<"event" | "page">("event");
  const [name, setName] = useState("");
  const [match, setMatch] = useState("");
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<Status>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setStatus(null);
    const m = match.trim();
    const body = { name: name.trim() || m, ...(kind === "event" ? { eventName: m } : { pagePath: m }) };
    const r = await apiFetch(`/api/websites/${websiteId}/goals`, { method: "POST", body });
    setPending(false);
    if (!r.ok) return setStatus({ kind: "error", message: r.message });
    setName("");
    setMatch("");
    setStatus({ kind: "success", message: `Goal “${body.name}” added` });
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="grid gap-3">
      <div className="grid gap-3 sm:grid-cols-[10rem_1fr_1fr_auto] sm:items-end">
        <div className="grid gap-2">
          <Label htmlFor="goal-kind">Reached by</Label>
          <Select id="goal-kind" value={kind} onChange={(e) => setKind(e.target.value as "event" | "page")}>
            <option value="event">Custom event</option>
            <option value="page">Page visit</option>
          </Select>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="goal-match">{kind === "event" ? "Event name" : "Page path"}</Label>
          <Input id="goal-match" required value={match} maxLength={500} placeholder={kind === "event" ? "signup" : "/thank-you or /blog/*"} onChange={(e) => setMatch(e.target.value)} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="goal-name">Display name (optional)</Label>
          <Input id="goal-name" value={name} maxLength={100} placeholder="Signed up" onChange={(e) => setName(e.target.value)} />
        </div>
        <Button type="submit" disabled={pending || !match.trim()}>
          Add goal
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        {kind === "event" ? (
          <>Send it from your site with <code className="font-mono">trailmark(&apos;goal&apos;, &apos;signup&apos;)</code>, a <code className="font-mono">data-goal</code> attribute or POST /api/v1/goals.</>
        ) : (
          <>Matches the path exactly; <code className="font-mono">*</code> matches anything, e.g. <code className="font-mono">/docs/*</code>.</>
        )}
      </p>
      <StatusMessage status={status} />
    </form>
  );
}

"use client";

import { Plus, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { StatusMessage } from "@/components/site/settings/status-message";
import type { Status } from "@/components/site/settings/use-patch-website";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

type Step = { type: "page" | "goal"; value: string };
const MAX_STEPS = 8;

/** Defines a funnel of 2 to 8 steps and opens its report. */
export function FunnelForm({ websiteId, goalNames }: { websiteId: string; goalNames: string[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [windowHours, setWindowHours] = useState(24);
  const [steps, setSteps] = useState<Step[]>([{ type: "page", value: "/" }, { type: "page", value: "" }]);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const update = (i: number, patch: Partial<Step>) => setSteps((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setStatus(null);
    const body = { name: name.trim(), windowHours, steps: steps.map((s) => ({ type: s.type, value: s.value.trim() })) };
    const r = await apiFetch<{ funnel: { id: string } }>(`/api/websites/${websiteId}/funnels`, { method: "POST", body });
    setPending(false);
    if (!r.ok) return setStatus({ kind: "error", message: r.message });
    setName("");
    setSteps([{ type: "page", value: "/" }, { type: "page", value: "" }]);
    router.push(`/dashboard/${websiteId}/funnels?funnel=${r.data.funnel.id}`);
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="grid gap-4">
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
        <div className="grid gap-2">
          <Label htmlFor="funnel-name">Funnel name</Label>
          <Input id="funnel-name" required maxLength={100} value={name} placeholder="Signup flow" onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="funnel-window">Complete within</Label>
          <Select id="funnel-window" value={windowHours} onChange={(e) => setWindowHours(Number(e.target.value))}>
            {[1, 6, 24, 72, 168, 720].map((h) => (
              <option key={h} value={h}>{h < 24 ? `${h} hour${h > 1 ? "s" : ""}` : `${h / 24} day${h > 24 ? "s" : ""}`}</option>
            ))}
          </Select>
        </div>
      </div>
      <ol className="grid gap-2">
        {steps.map((step, i) => (
          <li key={i} className="grid grid-cols-[1.5rem_7.5rem_1fr_auto] items-center gap-2">
            <span className="text-center text-sm font-medium text-muted-foreground">{i + 1}</span>
            <Select aria-label={`Step ${i + 1} type`} value={step.type} onChange={(e) => update(i, { type: e.target.value as Step["type"], value: "" })}>
              <option value="page">Page</option>
              <option value="goal">Goal</option>
            </Select>
            <Input
              aria-label={`Step ${i + 1} ${step.type === "page" ? "path" : "goal"}`}
              required
              value={step.value}
              list={step.type === "goal" ? "funnel-goal-names" : undefined}
              placeholder={step.type === "page" ? "/pricing or /blog/*" : "Goal or event name"}
              onChange={(e) => update(i, { value: e.target.value })}
            />
            <Button type="button" variant="ghost" size="icon" aria-label={`Remove step ${i + 1}`} disabled={steps.length <= 2} onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}>
              <X />
            </Button>
          </li>
        ))}
      </ol>
      <datalist id="funnel-goal-names">
        {goalNames.map((g) => <option key={g} value={g} />)}
      </datalist>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="outline" size="sm" disabled={steps.length >= MAX_STEPS} onClick={() => setSteps((all) => [...all, { type: "page", value: "" }])}>
          <Plus /> Add step
        </Button>
        <Button type="submit" disabled={pending}>Create funnel</Button>
        <StatusMessage status={status} />
      </div>
    </form>
  );
}

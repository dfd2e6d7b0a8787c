"use client";

import { useState } from "react";
import { Check } from "lucide-react";
import { apiFetch } from "@/components/api-client";
import { StatusMessage } from "@/components/site/settings/status-message";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { PlanDTO } from "@/lib/billing/overview";
import { cn } from "@/lib/utils";
import { planFeatures } from "./labels";

/** Opens Stripe (Checkout or the Customer Portal): the API answers with the page to go to. */
export function useStripeRedirect(teamId: string) {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function go(what: "checkout" | "portal", key: string, body?: unknown) {
    setPending(key);
    setError(null);
    const r = await apiFetch<{ url: string }>(`/api/teams/${teamId}/billing/${what}`, { method: "POST", body: body ?? {} });
    if (!r.ok) {
      setPending(null);
      return setError(r.message);
    }
    window.location.assign(r.data.url);
  }
  return { pending, error, go };
}

/** The plans side by side, monthly or yearly; choosing one opens Stripe Checkout for the team. */
export function PlanPicker({ teamId, plans, current }: { teamId: string; plans: PlanDTO[]; current?: string | null }) {
  const [interval, setCycle] = useState<"month" | "year">("month");
  const { pending, error, go } = useStripeRedirect(teamId);
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium">Choose a plan</p>
        <div className="inline-flex rounded-lg bg-muted p-1 text-sm" role="group" aria-label="Billing interval">
          {(["month", "year"] as const).map((i) => (
            <button
              key={i}
              type="button"
              aria-pressed={interval === i}
              onClick={() => setCycle(i)}
              className={cn("rounded-md px-3 py-1 font-medium text-muted-foreground", interval === i && "bg-background text-foreground shadow-sm")}
            >
              {i === "month" ? "Monthly" : "Yearly"}
            </button>
          ))}
        </div>
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Plans">
        {plans.map((p) => {
          const price = interval === "month" ? p.monthlyPrice : p.yearlyPrice;
          return (
            <li key={p.id} className={cn("flex flex-col gap-3 rounded-lg border bg-background p-4", current === p.id && "border-primary")} data-plan={p.id}>
              <div className="flex items-center justify-between gap-2">
                <p className="font-semibold">{p.name}</p>
                {current === p.id ? <Badge variant="secondary">Trial limits</Badge> : null}
              </div>
              {price ? (
                <p className="text-sm text-muted-foreground">
                  <span className="text-2xl font-semibold text-foreground">{price}</span> / {interval}
                </p>
              ) : null}
              <ul className="grid flex-1 gap-1.5 text-sm">
                {planFeatures(p).map((f) => (
                  <li key={f} className="flex items-start gap-2">
                    <Check className="mt-0.5 size-4 shrink-0 text-success" /> {f}
                  </li>
                ))}
              </ul>
              <Button disabled={pending !== null} onClick={() => void go("checkout", p.id, { plan: p.id, interval })}>
                {pending === p.id ? "Opening checkout…" : `Upgrade to ${p.name}`}
              </Button>
            </li>
          );
        })}
      </ul>
      <StatusMessage status={error ? { kind: "error", message: error } : null} />
      <p className="text-xs text-muted-foreground">Payment by Stripe. Change plans, update the card, get invoices or cancel at any time in the billing portal.</p>
    </div>
  );
}

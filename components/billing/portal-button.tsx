"use client";

import { CreditCard } from "lucide-react";
import { StatusMessage } from "@/components/site/settings/status-message";
import { Button } from "@/components/ui/button";
import { useStripeRedirect } from "./plan-picker";

/** Opens Stripe's Customer Portal for the team (card, plan, invoices, cancellation). */
export function PortalButton({ teamId, label = "Manage billing" }: { teamId: string; label?: string }) {
  const { pending, error, go } = useStripeRedirect(teamId);
  return (
    <div className="grid justify-items-start gap-2">
      <Button disabled={pending !== null} onClick={() => void go("portal", "portal")}>
        <CreditCard /> {pending ? "Opening…" : label}
      </Button>
      <StatusMessage status={error ? { kind: "error", message: error } : null} />
    </div>
  );
}

"use client";

import { AlertTriangle, CreditCard } from "lucide-react";
import { SettingsSection } from "@/components/site/settings/settings-section";
import { StatusMessage } from "@/components/site/settings/status-message";
import { useApiData } from "@/components/use-api-data";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { BillingOverview, PlanDTO } from "@/lib/billing/overview";
import { GRACE_CAUSE } from "@/lib/billing/messages";
import type { TeamUsage } from "@/lib/billing/usage/team-usage";
import { daysUntil, formatDay, STATUS_LABEL, statusVariant } from "./labels";
import { PlanPicker, useStripeRedirect } from "./plan-picker";
import { UsageMeter } from "./usage-meter";
import { usageMeter } from "./usage-meter-data";

type Props = { teamId: string; owner: boolean; plans: PlanDTO[] | null };

/**
 * The team page's billing (billing on) or usage (billing off) section: this
 * month's events with the projection, and for owners the plan, its limits,
 * the trial, Checkout and the Customer Portal.
 */
export function BillingSection({ teamId, owner, plans }: Props) {
  if (plans && owner) return <OwnerBilling teamId={teamId} />;
  return <UsageOnly teamId={teamId} plans={plans} />;
}

function UsageOnly({ teamId, plans }: { teamId: string; plans: PlanDTO[] | null }) {
  const { data, error } = useApiData<TeamUsage>(`/api/teams/${teamId}/usage`, (b: TeamUsage) => b);
  const plan = plans?.find((p) => p.id === data?.plan);
  return (
    <SettingsSection id="billing" title={plans ? "Plan and usage" : "Usage"} description={plans ? "Owners of the team choose and manage its plan." : "Events your sites recorded this month (UTC). Nothing is limited on this server."}>
      <StatusMessage status={error ? { kind: "error", message: error } : null} />
      {data ? (
        <>
          {plans ? (
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">{plan ? `${plan.name} plan` : "No plan"}</span>
              <Badge variant={statusVariant(data.status)}>{STATUS_LABEL[data.status]}</Badge>
            </p>
          ) : null}
          <UsageMeter meter={usageMeter(data, Date.now())} />
        </>
      ) : error ? null : (
        <Skeleton className="h-20" />
      )}
    </SettingsSection>
  );
}

function Limit({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const over = limit !== null && used > limit;
  return (
    <div className="rounded-lg border px-3 py-2" data-limit={label.toLowerCase()}>
      <p className="text-xs text-muted-foreground">{label}</p>
      <p className={over ? "font-medium text-destructive" : "font-medium"}>
        {used} <span className="text-muted-foreground">/ {limit === null ? "unlimited" : limit}</span>
      </p>
    </div>
  );
}

function PlanLine({ b }: { b: BillingOverview }) {
  const now = Date.now();
  let detail: string;
  if (b.trial) detail = `${daysUntil(b.trialEndsAt, now)} days left (ends ${formatDay(b.trialEndsAt)}), with the limits of ${b.plan?.name ?? "the trial plan"}; no card needed`;
  else if (b.status === "none") detail = `The free trial ended on ${formatDay(b.trialEndsAt)}`;
  else if (b.status === "canceled") detail = "The subscription has ended";
  else if (b.cancelAtPeriodEnd && b.currentPeriodEnd) detail = `Billed ${b.interval === "year" ? "yearly" : "monthly"}; ends on ${formatDay(b.currentPeriodEnd)}`;
  else detail = `Billed ${b.interval === "year" ? "yearly" : "monthly"}${b.currentPeriodEnd ? `; renews on ${formatDay(b.currentPeriodEnd)}` : ""}`;
  return (
    <div className="grid gap-1">
      <p className="flex flex-wrap items-center gap-2">
        <span className="text-lg font-semibold" data-testid="billing-plan">{b.trial ? "Free trial" : b.plan ? `${b.plan.name} plan` : "No plan"}</span>
        <Badge variant={statusVariant(b.status)} data-testid="billing-status">{STATUS_LABEL[b.status]}</Badge>
      </p>
      <p className="text-sm text-muted-foreground">{detail}</p>
    </div>
  );
}

function OwnerBilling({ teamId }: { teamId: string }) {
  const { data: b, error } = useApiData<BillingOverview>(`/api/teams/${teamId}/billing`, (x: BillingOverview) => x);
  const portal = useStripeRedirect(teamId);
  const subscribed = b && !b.trial && (b.status === "active" || b.status === "past_due" || b.status === "trialing");
  return (
    <SettingsSection id="billing" title="Billing" description="Your plan, this month's usage and payments. Tracking never stops and nothing is deleted for billing reasons.">
      <StatusMessage status={error ? { kind: "error", message: error } : portal.error ? { kind: "error", message: portal.error } : null} />
      {!b ? (
        error ? null : <Skeleton className="h-40" />
      ) : (
        <>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <PlanLine b={b} />
            {b.portal ? (
              <Button variant="outline" disabled={portal.pending !== null} onClick={() => void portal.go("portal", "portal")}>
                <CreditCard /> {portal.pending ? "Opening…" : "Manage billing"}
              </Button>
            ) : null}
          </div>
          {b.grace ? (
            <Alert variant="destructive" data-testid="billing-grace">
              <AlertTriangle />
              <AlertTitle>{b.locked ? "Stats are locked" : `Stats lock on ${formatDay(b.grace.endsAt)}`}</AlertTitle>
              <AlertDescription>
                {GRACE_CAUSE[b.grace.reason]}. Tracking goes on and nothing is lost;{" "}
                {b.grace.reason === "payment_failed" ? "update the card in the billing portal" : "choose a plan that fits"} to {b.locked ? "open them again" : "keep them open"}.
              </AlertDescription>
            </Alert>
          ) : null}
          <UsageMeter meter={usageMeter(b.usage, Date.now())} />
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            <Limit label="Sites" used={b.sites.used} limit={b.sites.limit} />
            <Limit label="Members" used={b.members.used} limit={b.members.limit} />
          </div>
          {subscribed ? (
            <p className="text-sm text-muted-foreground">Change the plan, update the card, download invoices or cancel in the billing portal.</p>
          ) : (
            <PlanPicker teamId={teamId} plans={b.plans} current={b.trial ? b.plan?.id : null} />
          )}
        </>
      )}
    </SettingsSection>
  );
}

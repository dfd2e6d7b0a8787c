import Link from "next/link";
import { Lock } from "lucide-react";
import { formatNumber } from "@/components/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { billingConfig } from "@/lib/billing/config";
import { GRACE_CAUSE } from "@/lib/billing/messages";
import { planDTO } from "@/lib/billing/overview";
import { hasLiveSubscription } from "@/lib/billing/standing";
import { teamUsage } from "@/lib/billing/usage/team-usage";
import { Team } from "@/models/Team";
import { PlanPicker } from "./plan-picker";
import { PortalButton } from "./portal-button";

/**
 * What a locked team's stats pages show instead of stats: why, that tracking
 * goes on and nothing is lost, and (for owners) the plans or the billing
 * portal. It goes away by itself once the plan fits.
 */
export async function UpgradeWall({ teamId, siteName, owner }: { teamId: string; siteName: string; owner: boolean }) {
  const config = billingConfig();
  const [{ usage, standing, doc }, team] = await Promise.all([teamUsage(teamId), Team.findById(teamId, { name: 1, personal: 1 }).lean()]);
  const reason = standing?.grace?.reason ?? "trial_ended";
  const teamLabel = team?.personal ? "your personal team" : `the team ${team?.name ?? ""}`;
  return (
    <Card className="mx-auto max-w-4xl" data-testid="upgrade-wall">
      <CardHeader className="gap-3">
        <span className="grid size-10 place-items-center rounded-full bg-muted">
          <Lock className="size-5" />
        </span>
        <CardTitle className="text-xl">Stats for {siteName} are paused</CardTitle>
        <CardDescription className="text-base">
          {GRACE_CAUSE[reason]} ({teamLabel}). Tracking goes on and nothing is lost: {formatNumber(usage.events)} events were recorded this month, and every one
          of them shows again as soon as the plan fits.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {!owner ? (
          <p className="text-sm">
            An owner of the team can choose a plan on the <Link href={`/team/${teamId}#billing`} className="font-medium underline underline-offset-4">team page</Link>.
          </p>
        ) : doc && hasLiveSubscription(doc) ? (
          reason === "payment_failed" ? (
            <>
              <p className="text-sm">Update the card in the billing portal; Stripe retries the payment and the stats open once it succeeds.</p>
              <PortalButton teamId={teamId} label="Update payment method" />
            </>
          ) : (
            <>
              <p className="text-sm">Move to a larger plan in the billing portal; the stats open as soon as it fits.</p>
              <PortalButton teamId={teamId} label="Change plan" />
            </>
          )
        ) : config ? (
          <PlanPicker teamId={teamId} plans={config.plans.map(planDTO)} />
        ) : null}
        <p className="text-xs text-muted-foreground">
          Exports and the public API keep working meanwhile. <Link href={`/team/${teamId}#billing`} className="underline underline-offset-4">Usage and billing</Link>
        </p>
      </CardContent>
    </Card>
  );
}

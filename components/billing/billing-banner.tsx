import Link from "next/link";
import { AlertTriangle } from "lucide-react";
import { billingConfig } from "@/lib/billing/config";
import { graceMessage, lockedMessage } from "@/lib/billing/messages";
import { warningLevel } from "@/lib/billing/standing";
import { teamUsage } from "@/lib/billing/usage/team-usage";
import { cn } from "@/lib/utils";

const num = (n: number) => n.toLocaleString("en-US");
const TRIAL_WARNING_DAYS = 3;

/**
 * The line above a site's pages when its team needs to act (billing on):
 * stats locked, a grace period running, 80 % or 100 % of the month's events
 * used, or the trial about to end. Owners get the way to the plans.
 */
export async function BillingBanner({ teamId, owner }: { teamId: string; owner: boolean }) {
  if (!billingConfig()) return null;
  const { usage, standing } = await teamUsage(teamId);
  if (!standing) return null;
  const now = Date.now();
  const level = warningLevel(usage.events, usage.limit);
  const trialDays = Math.ceil((standing.trialEndsAt.getTime() - now) / 86_400_000);
  let text: string | null = null;
  let urgent = true;
  if (standing.locked && standing.grace) text = lockedMessage(standing.grace.reason);
  else if (standing.grace) text = graceMessage(standing.grace);
  else if (level && usage.limit !== null) {
    text = `This team recorded ${num(usage.events)} of the ${num(usage.limit)} events its ${standing.plan?.name ?? ""} plan includes this month (${Math.floor((usage.events / usage.limit) * 100)}%).`;
    urgent = level === 100;
  } else if (standing.trial && trialDays <= TRIAL_WARNING_DAYS) {
    text = `The free trial ends in ${trialDays} day${trialDays === 1 ? "" : "s"}: choose a plan to keep the stats open.`;
    urgent = false;
  }
  if (!text) return null;
  return (
    <div role="status" data-testid="billing-banner" className={cn("mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border px-4 py-2.5 text-sm", urgent ? "border-destructive/30 bg-destructive/5" : "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-100")}>
      <AlertTriangle className={cn("size-4 shrink-0", urgent ? "text-destructive" : "")} />
      <span className="min-w-0 flex-1">{text}</span>
      {owner ? (
        <Link href={`/team/${teamId}#billing`} className="font-medium underline-offset-4 hover:underline">
          See plans
        </Link>
      ) : (
        <span className="text-xs text-muted-foreground">An owner of the team can change the plan.</span>
      )}
    </div>
  );
}

import { ApiError } from "@/lib/http/errors";
import type { TeamDoc } from "@/models/Team";
import { billingConfig } from "./config";
import type { Interval, Plan } from "./plans";
import type { BillingStatus, GraceReason, LimitName } from "./standing";
import { teamUsage } from "./usage/team-usage";

export type PlanDTO = Pick<Plan, "id" | "name" | "monthlyEvents" | "sites" | "members" | "retentionDays"> & { monthlyPrice: string | null; yearlyPrice: string | null };

/** GET /api/teams/{id}/billing (owners): everything the billing section shows and acts on. */
export type BillingOverview = {
  status: BillingStatus;
  plan: PlanDTO | null;
  trial: boolean;
  trialEndsAt: string;
  interval: Interval | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  grace: { reason: GraceReason; endsAt: string } | null;
  locked: boolean;
  overLimit: LimitName[];
  usage: { month: string; events: number; limit: number | null };
  sites: { used: number; limit: number | null };
  members: { used: number; limit: number | null };
  /** The team has a Stripe customer: the portal can be opened. */
  portal: boolean;
  plans: PlanDTO[];
};

export const planDTO = (p: Plan): PlanDTO => ({
  id: p.id, name: p.name, monthlyEvents: p.monthlyEvents, sites: p.sites, members: p.members, retentionDays: p.retentionDays,
  monthlyPrice: p.monthlyPrice ?? null, yearlyPrice: p.yearlyPrice ?? null,
});

export async function billingOverview(team: TeamDoc, now = new Date()): Promise<BillingOverview> {
  const config = billingConfig();
  const { usage, used, standing, doc } = await teamUsage(team._id, now);
  if (!config || !standing || !doc) throw new ApiError(404, "not_found", "Billing is not enabled on this server");
  const plan = standing.plan;
  return {
    status: standing.status,
    plan: plan ? planDTO(plan) : null,
    trial: standing.trial,
    trialEndsAt: standing.trialEndsAt.toISOString(),
    interval: !standing.trial && doc.interval ? (doc.interval as Interval) : null,
    currentPeriodEnd: !standing.trial && doc.currentPeriodEnd ? doc.currentPeriodEnd.toISOString() : null,
    cancelAtPeriodEnd: !!doc.cancelAtPeriodEnd,
    grace: standing.grace ? { reason: standing.grace.reason, endsAt: standing.grace.endsAt.toISOString() } : null,
    locked: standing.locked,
    overLimit: (doc.overLimit ?? []) as LimitName[],
    usage: { month: usage.month, events: usage.events, limit: usage.limit },
    sites: { used: used.sites, limit: plan?.sites ?? null },
    members: { used: used.members, limit: plan?.members ?? null },
    portal: !!doc.customerId,
    plans: config.plans.map(planDTO),
  };
}

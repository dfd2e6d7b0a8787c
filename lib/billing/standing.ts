import type { TeamBillingDoc } from "@/models/TeamBilling";
import { daysMs, type BillingConfig } from "./config";
import type { Plan } from "./plans";

/** The team's status as the usage API reports it. */
export type BillingStatus = "none" | "trialing" | "active" | "past_due" | "canceled";
export type GraceReason = "trial_ended" | "canceled" | "payment_failed" | "over_limit";
export type Grace = { reason: GraceReason; since: Date; endsAt: Date };
export type LimitName = "events" | "sites" | "members";

export type Standing = {
  status: BillingStatus;
  /** The plan whose limits apply: the subscription's, the trial's, or none. */
  plan: Plan | null;
  /** True while the limits are the free trial's. */
  trial: boolean;
  trialEndsAt: Date;
  /** The grace period running out first, if any: stats lock when it ends. */
  grace: Grace | null;
  locked: boolean;
};

export type BillingFacts = Pick<TeamBillingDoc, "trialEndsAt" | "status" | "planId" | "endedAt" | "pastDueSince" | "overLimitSince">;

const LIVE = new Set(["trialing", "active", "past_due"]);
export const hasLiveSubscription = (doc: Pick<BillingFacts, "status">) => !!doc.status && LIVE.has(doc.status);

/**
 * Where a team stands, from its billing record alone (no counting), so every
 * stats request can afford it. Ingest never looks at this: events are
 * accepted and kept whatever the standing. Grace periods start when the
 * trial ends without a subscription, when a subscription ends, when a payment
 * fails, and when the team was first seen over its plan; the dashboard locks
 * when the first of them runs out, and opens again once none applies.
 */
export function standingOf(doc: BillingFacts, config: BillingConfig, now: number): Standing {
  const graceMs = daysMs(config.graceDays);
  const graces: Grace[] = [];
  const add = (reason: GraceReason, since: Date) => graces.push({ reason, since, endsAt: new Date(since.getTime() + graceMs) });
  const trialEndsAt = doc.trialEndsAt;
  const inTrial = trialEndsAt.getTime() > now;
  let status: BillingStatus;
  let plan: Plan | null = null;
  let trial = false;
  if (hasLiveSubscription(doc)) {
    status = doc.status as BillingStatus;
    plan = config.plans.find((p) => p.id === doc.planId) ?? null;
    if (doc.status === "past_due") add("payment_failed", doc.pastDueSince ?? new Date(now));
  } else if (inTrial) {
    status = "trialing";
    plan = config.trialPlan;
    trial = true;
  } else {
    status = doc.status === "canceled" ? "canceled" : "none";
    const ended = doc.endedAt && doc.endedAt >= trialEndsAt ? doc.endedAt : null;
    add(ended ? "canceled" : "trial_ended", ended ?? trialEndsAt);
  }
  if (plan && doc.overLimitSince) add("over_limit", doc.overLimitSince);
  const grace = graces.sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime())[0] ?? null;
  return { status, plan, trial, trialEndsAt, grace, locked: !!grace && grace.endsAt.getTime() <= now };
}

/** Which of the plan's limits the team exceeds (none without a plan: the grace for having none covers it). */
export function limitsExceeded(plan: Plan | null, used: { events: number; sites: number; members: number }): LimitName[] {
  if (!plan) return [];
  const over: LimitName[] = [];
  if (plan.monthlyEvents !== null && used.events > plan.monthlyEvents) over.push("events");
  if (plan.sites !== null && used.sites > plan.sites) over.push("sites");
  if (plan.members !== null && used.members > plan.members) over.push("members");
  return over;
}

/** The usage warning a month's events call for: 100 at the limit, 80 from 80 %, else 0. */
export function warningLevel(events: number, limit: number | null): 0 | 80 | 100 {
  if (limit === null) return 0;
  if (events >= limit) return 100;
  return events >= limit * 0.8 ? 80 : 0;
}

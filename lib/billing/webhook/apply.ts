import { Types } from "mongoose";
import type Stripe from "stripe";
import { connectDb } from "@/lib/db";
import { Team } from "@/models/Team";
import { TeamBilling, type SubscriptionStatus } from "@/models/TeamBilling";
import type { BillingConfig } from "../config";
import { planOfPrice } from "../plans";
import { billingRecord } from "../state";
import { idOf, TEAM_METADATA_KEY } from "../stripe";
import { teamUsage } from "../usage/team-usage";

/** Stripe's subscription statuses as the team sees them; an incomplete one (checkout not paid yet) changes nothing. */
function statusOf(s: Stripe.Subscription.Status): SubscriptionStatus | null {
  if (s === "trialing" || s === "active") return s as SubscriptionStatus;
  if (s === "past_due" || s === "unpaid" || s === "paused") return "past_due";
  if (s === "canceled" || s === "incomplete_expired") return "canceled";
  return null;
}

/** The team a subscription is for: its metadata (set at checkout), the checkout's reference, or its customer's team. */
async function teamOf(sub: Stripe.Subscription, hint: string | null): Promise<Types.ObjectId | null> {
  const named = sub.metadata?.[TEAM_METADATA_KEY] || hint;
  if (named && Types.ObjectId.isValid(named)) return new Types.ObjectId(named);
  const customer = idOf(sub.customer);
  const byCustomer = customer ? await TeamBilling.findOne({ customerId: customer }, { _id: 1 }).lean() : null;
  return byCustomer?._id ?? null;
}

/**
 * Makes the team's record mirror the subscription as Stripe holds it now.
 * Handlers pass the subscription freshly retrieved from Stripe, never the
 * event's copy: deliveries come late, twice and out of order, and the
 * current object is right whichever event prompted the look. A subscription
 * older than the one the team has is left alone (a late event of a canceled
 * one must not undo the new one). Returns what it did.
 */
export async function applySubscription(sub: Stripe.Subscription, config: BillingConfig, hint: { teamId?: string | null } = {}, now = new Date()): Promise<string> {
  await connectDb();
  const teamId = await teamOf(sub, hint.teamId ?? null);
  if (!teamId || !(await Team.exists({ _id: teamId }))) return "ignored: no team for this subscription";
  const status = statusOf(sub.status);
  if (!status) return `ignored: subscription ${sub.status}`;
  const doc = await billingRecord(teamId, now, config);
  if (!doc) return "ignored: billing is off";
  const created = new Date(sub.created * 1000);
  if (doc.subscriptionId && doc.subscriptionId !== sub.id && doc.subscriptionCreatedAt && doc.subscriptionCreatedAt > created) return "ignored: the team has a newer subscription";

  const item = sub.items.data[0];
  const match = item ? planOfPrice(config.plans, item.price.id) : null;
  if (item && !match) console.error(`[billing] subscription ${sub.id} is on price ${item.price.id}, which no configured plan names`);
  const $set: Record<string, unknown> = {
    subscriptionId: sub.id,
    subscriptionCreatedAt: created,
    status,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
  };
  // A team that subscribes has converted: its free trial ends there, so once the subscription ends there is no trial to fall back on.
  if (doc.trialEndsAt > created) $set.trialEndsAt = created;
  const $unset: Record<string, 1> = {};
  const customer = idOf(sub.customer);
  if (customer) $set.customerId = customer;
  if (item) {
    $set.priceId = item.price.id;
    $set.currentPeriodEnd = new Date(item.current_period_end * 1000);
  }
  if (match) Object.assign($set, { planId: match.plan.id, interval: match.interval, retentionDays: match.plan.retentionDays });
  else Object.assign($unset, { planId: 1, interval: 1 });
  // The grace for a failed payment runs from the first failure, not from each retry.
  if (status === "past_due") $set.pastDueSince = doc.status === "past_due" && doc.pastDueSince ? doc.pastDueSince : now;
  else $unset.pastDueSince = 1;
  if (status === "canceled") $set.endedAt = new Date((sub.ended_at ?? sub.canceled_at ?? Math.floor(now.getTime() / 1000)) * 1000);
  else $unset.endedAt = 1;
  await TeamBilling.updateOne({ _id: teamId }, { $set, ...(Object.keys($unset).length ? { $unset } : {}) });
  // A new plan may fit the team where the old one did not: settle at once, so a lock lifts with the upgrade.
  await teamUsage(teamId, now);
  return `${status}${match ? ` on ${match.plan.id} (${match.interval})` : ""}`;
}

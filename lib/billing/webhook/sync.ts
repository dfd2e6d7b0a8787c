import type Stripe from "stripe";
import type { BillingConfig } from "../config";
import { stripeClient } from "../stripe";
import { applySubscription } from "./apply";

export type BillingHandler = (event: Stripe.Event, config: BillingConfig) => Promise<string>;

/** Looks the subscription up in Stripe (its state now, not the event's snapshot) and mirrors it onto its team. */
export async function syncSubscription(id: string, config: BillingConfig, teamId?: string | null): Promise<string> {
  let sub: Stripe.Subscription;
  try {
    sub = await stripeClient(config).subscriptions.retrieve(id);
  } catch (err) {
    // Unknown to this Stripe account (another account's, or a test mode object): nothing to retry. Anything else is retried.
    if (err instanceof Error && (err as { code?: string }).code === "resource_missing") return `ignored: no subscription ${id} in this Stripe account`;
    throw err;
  }
  return applySubscription(sub, config, { teamId });
}

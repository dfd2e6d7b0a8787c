import type Stripe from "stripe";
import { idOf } from "../stripe";
import { syncSubscription, type BillingHandler } from "./sync";

/** checkout.session.completed: the team paid for a plan; the session's reference names the team. */
export const checkoutSessionCompleted: BillingHandler = async (event, config) => {
  const session = event.data.object as Stripe.Checkout.Session;
  const subscription = idOf(session.subscription);
  if (session.mode !== "subscription" || !subscription) return "ignored: not a subscription checkout";
  return syncSubscription(subscription, config, session.client_reference_id);
};

import type Stripe from "stripe";
import { syncSubscription, type BillingHandler } from "./sync";

/** customer.subscription.created|updated|deleted: a new plan, a plan change, a renewal, a cancellation or its end. */
export const subscriptionChanged: BillingHandler = async (event, config) => syncSubscription((event.data.object as Stripe.Subscription).id, config);

import type Stripe from "stripe";
import { idOf } from "../stripe";
import { syncSubscription, type BillingHandler } from "./sync";

/**
 * invoice.paid and invoice.payment_failed: Stripe moves the subscription to
 * past_due when a payment fails and back to active when one succeeds; the
 * team follows the subscription as it is now.
 */
export const invoiceSettled: BillingHandler = async (event, config) => {
  const invoice = event.data.object as Stripe.Invoice;
  const subscription = idOf(invoice.parent?.subscription_details?.subscription);
  if (!subscription) return "ignored: not a subscription invoice";
  return syncSubscription(subscription, config);
};

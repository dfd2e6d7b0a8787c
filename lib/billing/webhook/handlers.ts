import { checkoutSessionCompleted } from "./checkout-session-completed";
import { invoiceSettled } from "./invoice-settled";
import { subscriptionChanged } from "./subscription-changed";
import type { BillingHandler } from "./sync";

/** The events Trailmark's own Stripe account sends that change a team's subscription. */
export const BILLING_HANDLERS: Record<string, BillingHandler> = {
  "checkout.session.completed": checkoutSessionCompleted,
  "customer.subscription.created": subscriptionChanged,
  "customer.subscription.updated": subscriptionChanged,
  "customer.subscription.deleted": subscriptionChanged,
  "invoice.paid": invoiceSettled,
  "invoice.payment_failed": invoiceSettled,
};

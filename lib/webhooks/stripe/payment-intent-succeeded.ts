import { recordPayment } from "@/lib/revenue";
import { providerTime, trailmarkIds } from "../metadata";
import type { EventHandler } from "../types";
import { paymentIntentSchema, stripeId } from "./schemas";

// From this API version on, a payment intent no longer names its invoice
// (Stripe's changelog: "Removed the invoice field from the PaymentIntent").
const NO_INVOICE_LINK_SINCE = "2025-03-31";

/**
 * A direct charge (Payment Element, API). A Checkout's payment intent has the
 * transaction id checkout.session.completed records, so it is one payment
 * whichever arrives first, and a later checkout event adds its metadata. An
 * invoice's payment intent is left to invoice.paid. On API versions where it
 * cannot be told from a direct charge, only payment intents that carry
 * trailmark_visitor_id count here: a subscription's would be counted twice.
 */
export const paymentIntentSucceeded: EventHandler = async (website, event) => {
  const pi = paymentIntentSchema.parse(event.body);
  if (stripeId(pi.invoice)) return "ignored: invoice payment, counted by invoice.paid";
  const tagged = trailmarkIds(pi.metadata).visitorId;
  if (!tagged && (event.apiVersion ?? "") >= NO_INVOICE_LINK_SINCE) return "ignored: untagged, and this API version does not say whether an invoice made it";
  if (pi.amount_received <= 0) return "ignored: nothing received";
  await recordPayment(website, {
    provider: "stripe",
    transactionId: pi.id,
    amount: pi.amount_received,
    currency: pi.currency,
    ...trailmarkIds(pi.metadata),
    email: pi.receipt_email ?? undefined,
    customerId: stripeId(pi.customer),
    timestamp: providerTime(pi.created),
  });
  return "recorded";
};

import { recordPayment } from "@/lib/revenue";
import { providerTime, trailmarkIds } from "../metadata";
import type { EventHandler } from "../types";
import { paymentIntentSchema, stripeId } from "./schemas";

/**
 * A direct charge (Payment Element, API). A Checkout's payment intent has the
 * transaction id checkout.session.completed records, so it is one payment
 * whichever arrives first, and a later checkout event adds its metadata. An
 * invoice's payment intent is left to invoice.paid.
 */
export const paymentIntentSucceeded: EventHandler = async (website, event) => {
  const pi = paymentIntentSchema.parse(event.body);
  if (stripeId(pi.invoice)) return "ignored: invoice payment, counted by invoice.paid";
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

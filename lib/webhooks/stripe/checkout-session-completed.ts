import { recordPayment } from "@/lib/revenue";
import { providerTime, trailmarkIds } from "../metadata";
import type { EventHandler } from "../types";
import { checkoutSessionSchema, stripeId } from "./schemas";

/**
 * A completed Checkout. The transaction is what the other events will name:
 * the subscription's first invoice (invoice.paid and charge.invoice say the
 * same id) or the payment intent (payment_intent.succeeded and charge.refunded
 * do), so the same money arriving by two events is one payment.
 */
export const checkoutSessionCompleted: EventHandler = async (website, event) => {
  const s = checkoutSessionSchema.parse(event.body);
  if (s.payment_status !== "paid") return `ignored: payment_status ${s.payment_status ?? "missing"}`;
  if (!s.amount_total || !s.currency) return "ignored: nothing charged";
  const transactionId = (s.mode === "subscription" ? stripeId(s.invoice) : stripeId(s.payment_intent)) ?? s.id;
  const ids = trailmarkIds(s.metadata, s.client_reference_id ? { trailmark_visitor_id: s.client_reference_id } : null);
  await recordPayment(website, {
    provider: "stripe",
    transactionId,
    amount: s.amount_total,
    currency: s.currency,
    ...ids,
    email: s.customer_details?.email ?? s.customer_email ?? undefined,
    customerName: s.customer_details?.name ?? undefined,
    customerId: stripeId(s.customer),
    timestamp: providerTime(s.created),
  });
  return "recorded";
};

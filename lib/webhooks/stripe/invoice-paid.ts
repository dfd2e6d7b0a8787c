import { recordPayment } from "@/lib/revenue";
import { providerTime, trailmarkIds } from "../metadata";
import type { EventHandler } from "../types";
import { invoiceSchema, stripeId } from "./schemas";

/**
 * A paid invoice: a subscription's first payment (the same transaction as its
 * Checkout, when there was one) or a renewal (billing_reason
 * subscription_cycle), which follows the customer's first payment's visitor.
 */
export const invoicePaid: EventHandler = async (website, event) => {
  const inv = invoiceSchema.parse(event.body);
  if (inv.amount_paid <= 0) return "ignored: nothing paid (trial or credit)";
  await recordPayment(website, {
    provider: "stripe",
    transactionId: inv.id,
    amount: inv.amount_paid,
    currency: inv.currency,
    ...trailmarkIds(inv.metadata, inv.parent?.subscription_details?.metadata, inv.subscription_details?.metadata),
    email: inv.customer_email ?? undefined,
    customerName: inv.customer_name ?? undefined,
    customerId: stripeId(inv.customer),
    renewal: inv.billing_reason === "subscription_cycle",
    timestamp: providerTime(inv.status_transitions?.paid_at ?? inv.created),
  });
  return "recorded";
};

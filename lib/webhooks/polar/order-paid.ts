import { recordPayment } from "@/lib/revenue";
import { providerTime, trailmarkIds } from "../metadata";
import type { EventHandler } from "../types";
import { polarOrderSchema } from "./schemas";

/** Every paid order: a purchase, a subscription's first payment, or a renewal (subscription_cycle). */
export const orderPaid: EventHandler = async (website, event) => {
  const o = polarOrderSchema.parse(event.body);
  const amount = o.total_amount ?? o.amount ?? 0;
  if (amount <= 0) return "ignored: nothing paid";
  await recordPayment(website, {
    provider: "polar",
    transactionId: o.id,
    amount,
    currency: o.currency,
    ...trailmarkIds(o.metadata),
    email: o.customer?.email ?? undefined,
    customerName: o.customer?.name ?? undefined,
    // The site's own user id, when it created the Polar customer with one.
    userId: o.customer?.external_id ?? undefined,
    customerId: o.customer_id ?? undefined,
    renewal: o.billing_reason === "subscription_cycle",
    timestamp: providerTime(o.created_at),
  });
  return "recorded";
};

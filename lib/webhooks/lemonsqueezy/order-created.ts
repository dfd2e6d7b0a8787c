import { recordPayment } from "@/lib/revenue";
import { providerTime, trailmarkIds } from "../metadata";
import type { EventHandler } from "../types";
import { orderEventSchema, orderTransactionId, WAS_PAID } from "./schemas";

/** A one-off purchase, or a subscription's first payment (its subscription_payment_success is skipped). */
export const orderCreated: EventHandler = async (website, event) => {
  const { meta, data } = orderEventSchema.parse(event.body);
  const a = data.attributes;
  if (!WAS_PAID.has(a.status)) return `ignored: order status ${a.status}`;
  await recordPayment(website, {
    provider: "lemonsqueezy",
    transactionId: orderTransactionId(data.id),
    amount: a.total,
    currency: a.currency,
    ...trailmarkIds(meta.custom_data),
    email: a.user_email ?? undefined,
    customerName: a.user_name ?? undefined,
    customerId: a.customer_id ?? undefined,
    timestamp: providerTime(a.created_at),
  });
  return "recorded";
};

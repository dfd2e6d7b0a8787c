import { recordPayment } from "@/lib/revenue";
import { providerTime, trailmarkIds } from "../metadata";
import type { EventHandler } from "../types";
import { invoiceTransactionId, subscriptionInvoiceEventSchema, WAS_PAID } from "./schemas";

/**
 * A subscription charge. The first one ("initial") is also an order, which
 * order_created records; renewals and plan-change charges are recorded here
 * and follow the customer's first payment when no visitor travels with them.
 */
export const subscriptionPaymentSuccess: EventHandler = async (website, event) => {
  const { meta, data } = subscriptionInvoiceEventSchema.parse(event.body);
  const a = data.attributes;
  if (a.billing_reason === "initial") return "ignored: first payment, counted by order_created";
  if (!WAS_PAID.has(a.status) || a.total <= 0) return `ignored: invoice status ${a.status}, total ${a.total}`;
  await recordPayment(website, {
    provider: "lemonsqueezy",
    transactionId: invoiceTransactionId(data.id),
    amount: a.total,
    currency: a.currency,
    ...trailmarkIds(meta.custom_data),
    email: a.user_email ?? undefined,
    customerName: a.user_name ?? undefined,
    customerId: a.customer_id ?? undefined,
    renewal: a.billing_reason === "renewal",
    timestamp: providerTime(a.created_at),
  });
  return "recorded";
};

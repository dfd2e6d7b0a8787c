import { recordPayment } from "@/lib/revenue";
import { providerTime, trailmarkIds } from "../metadata";
import type { EventHandler } from "../types";
import { transactionSchema } from "./schemas";

/** A paid transaction; Paddle's webhook payload names the customer only by id, a listed one may bring its email. */
export const transactionCompleted: EventHandler = async (website, event) => {
  const t = transactionSchema.parse(event.body);
  const amount = t.details.totals.grand_total ?? t.details.totals.total ?? 0;
  if (amount <= 0) return "ignored: nothing paid";
  await recordPayment(website, {
    provider: "paddle",
    transactionId: t.id,
    amount,
    currency: t.currency_code,
    ...trailmarkIds(t.custom_data),
    email: t.customer?.email ?? undefined,
    customerName: t.customer?.name ?? undefined,
    customerId: t.customer_id ?? undefined,
    renewal: t.origin === "subscription_recurring",
    timestamp: providerTime(t.billed_at ?? t.created_at),
  });
  return "recorded";
};

import { recordRefund } from "@/lib/revenue";
import type { EventHandler } from "../types";
import { chargeSchema, stripeId } from "./schemas";

/**
 * A full or partial refund. amount_refunded is the charge's running total, so
 * every delivery (and every later partial refund) sets the same ledger entry
 * with $max. The transaction is named as the payment events named it.
 */
export const chargeRefunded: EventHandler = async (website, event) => {
  const ch = chargeSchema.parse(event.body);
  const transactionId = stripeId(ch.invoice) ?? stripeId(ch.payment_intent) ?? ch.id;
  const r = await recordRefund(website, { provider: "stripe", transactionId, amount: ch.amount_refunded });
  return r.applied ? "refunded" : "refund kept until its payment arrives";
};

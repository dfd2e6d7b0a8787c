import { recordRefund } from "@/lib/revenue";
import { providerTime } from "../metadata";
import type { EventHandler } from "../types";
import { invoiceTransactionId, subscriptionInvoiceEventSchema } from "./schemas";

/**
 * A refunded subscription charge. The first charge is the subscription's
 * order, whose order_refunded carries the refund; later charges were recorded
 * under their invoice. refunded_amount is the invoice's running total.
 */
export const subscriptionPaymentRefunded: EventHandler = async (website, event) => {
  const { data } = subscriptionInvoiceEventSchema.parse(event.body);
  const a = data.attributes;
  if (a.billing_reason === "initial") return "ignored: first payment, refunded through order_refunded";
  const amount = a.refunded_amount ?? (a.refunded ? a.total : 0);
  if (amount <= 0) return "ignored: nothing refunded";
  const r = await recordRefund(website, { provider: "lemonsqueezy", transactionId: invoiceTransactionId(data.id), amount, timestamp: providerTime(a.refunded_at) });
  return r.applied ? "refunded" : "refund kept until its payment arrives";
};

import { recordRefund } from "@/lib/revenue";
import { providerTime } from "../metadata";
import type { EventHandler } from "../types";
import { orderEventSchema, orderTransactionId } from "./schemas";

/** refunded_amount is the order's running total; a full refund may only say refunded: true. */
export const orderRefunded: EventHandler = async (website, event) => {
  const { data } = orderEventSchema.parse(event.body);
  const a = data.attributes;
  const amount = a.refunded_amount ?? (a.refunded ? a.total : 0);
  if (amount <= 0) return "ignored: nothing refunded";
  const r = await recordRefund(website, { provider: "lemonsqueezy", transactionId: orderTransactionId(data.id), amount, timestamp: providerTime(a.refunded_at) });
  return r.applied ? "refunded" : "refund kept until its payment arrives";
};

import { recordRefund } from "@/lib/revenue";
import { providerTime } from "../metadata";
import type { EventHandler } from "../types";
import { polarOrderSchema } from "./schemas";

/** refunded_amount is the order's running total, partial or full. */
export const orderRefunded: EventHandler = async (website, event) => {
  const o = polarOrderSchema.parse(event.body);
  const amount = o.refunded_amount ?? 0;
  if (amount <= 0) return "ignored: nothing refunded";
  const r = await recordRefund(website, { provider: "polar", transactionId: o.id, amount, timestamp: providerTime(o.modified_at) });
  return r.applied ? "refunded" : "refund kept until its payment arrives";
};

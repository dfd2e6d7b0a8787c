import { recordRefund } from "@/lib/revenue";
import { providerTime } from "../metadata";
import type { EventHandler } from "../types";
import { adjustmentSchema } from "./schemas";

const MONEY_BACK = new Set(["refund", "chargeback"]);

/**
 * adjustment.created and adjustment.updated: a refund is usually created
 * pending_approval and approved later, so it counts only once approved. Each
 * adjustment is one refund, kept under its own id: redeliveries overwrite it,
 * several partial refunds add up.
 */
export const adjustment: EventHandler = async (website, event) => {
  const adj = adjustmentSchema.parse(event.body);
  if (!MONEY_BACK.has(adj.action)) return `ignored: ${adj.action} adjustment`;
  if (adj.status !== "approved") return `ignored: adjustment ${adj.status}`;
  const r = await recordRefund(website, {
    provider: "paddle",
    transactionId: adj.transaction_id,
    refundId: adj.id,
    amount: adj.totals.total,
    timestamp: providerTime(adj.updated_at),
  });
  return r.applied ? "refunded" : "refund kept until its payment arrives";
};

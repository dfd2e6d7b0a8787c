import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { syncPayment } from "@/lib/engine/payments";
import { Payment } from "@/models/Payment";
import { RefundLedger } from "@/models/RefundLedger";
import { ledgerKey, paymentObjectId, refundField, upsertRetrying } from "./ids";
import { writeMarker } from "./markers";
import { refundInputSchema, websiteIdOf, type RefundInput, type WebsiteRef } from "./types";

export type RefundOutcome = { applied: boolean; refundedAmount?: number; status?: "paid" | "refunded" | "partially_refunded" };

const statusOf = (refunded: number, amount: number) => (refunded <= 0 ? "paid" : refunded >= amount ? "refunded" : "partially_refunded");

/**
 * Brings a payment's refundedAmount and status up to its ledger. Safe to run
 * any number of times, concurrently, in any order with recordRefund: the
 * refunded amount only grows ($max), and the status is set only while the
 * amount is still the one it was derived from.
 */
export async function applyLedger(websiteId: string, provider: string, transactionId: string): Promise<RefundOutcome> {
  const ledger = await RefundLedger.findById(ledgerKey(websiteId, provider, transactionId)).lean();
  const _id = paymentObjectId(websiteId, provider, transactionId);
  const amounts = (ledger?.amounts ?? {}) as Record<string, number>;
  const sum = Object.values(amounts).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const payment = await Payment.findById(_id).lean();
  if (!payment) return { applied: false };
  if (!ledger || sum <= 0) return { applied: true, refundedAmount: payment.refundedAmount ?? 0, status: payment.status ?? "paid" };

  const updated = await Payment.findOneAndUpdate({ _id }, { $max: { refundedAmount: Math.min(sum, payment.amount) } }, { returnDocument: "after" }).lean();
  const refunded = updated?.refundedAmount ?? 0;
  const status = statusOf(refunded, payment.amount);
  await Payment.updateOne({ _id, refundedAmount: refunded }, { $set: { status } });
  if (updated) await syncPayment(updated);

  const at = ledger.lastRefundAt ?? new Date();
  for (const [key, value] of Object.entries(amounts)) {
    await writeMarker(payment, { name: "refund", key: `refund:${key}`, value: Math.min(value, payment.amount), at });
  }
  return { applied: true, refundedAmount: refunded, status };
}

/**
 * Records a refund of a transaction. It is kept in the transaction's ledger
 * first, so a refund that arrives before its payment is applied when the
 * payment is recorded; `applied: false` says the payment is not here yet.
 */
export async function recordRefund(website: WebsiteRef, input: RefundInput): Promise<RefundOutcome> {
  const r = refundInputSchema.parse(input);
  const websiteId = websiteIdOf(website);
  await connectDb();
  const at = r.timestamp ?? new Date();
  const amountUpdate = r.refundId ? { $set: { [`amounts.${refundField(r.refundId)}`]: r.amount } } : { $max: { "amounts.total": r.amount } };
  const upsert = () => RefundLedger.updateOne(
    { _id: ledgerKey(websiteId, r.provider, r.transactionId) },
    {
      ...amountUpdate,
      $max: { ...("$max" in amountUpdate ? amountUpdate.$max : {}), lastRefundAt: at },
      $setOnInsert: { websiteId: new Types.ObjectId(websiteId), provider: r.provider, transactionId: r.transactionId },
    },
    { upsert: true },
  );
  await upsertRetrying(upsert);
  return applyLedger(websiteId, r.provider, r.transactionId);
}

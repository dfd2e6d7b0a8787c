import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { GoalEvent } from "@/models/GoalEvent";
import { Payment } from "@/models/Payment";
import { RefundLedger } from "@/models/RefundLedger";
import { ledgerKey, markerObjectId, paymentObjectId } from "./ids";
import { websiteIdOf, type PaymentProvider, type WebsiteRef } from "./types";

/**
 * Removes a payment with its refunds and timeline markers. Returns whether the
 * payment existed. Every step is a delete by _id, so a call that failed part
 * way is finished by calling again; the payment goes last, so until then the
 * call can still be retried with nothing orphaned.
 */
export async function deletePayment(website: WebsiteRef, provider: PaymentProvider, transactionId: string): Promise<boolean> {
  const websiteId = websiteIdOf(website);
  await connectDb();
  const ledger = await RefundLedger.findById(ledgerKey(websiteId, provider, transactionId)).lean();
  const markerKeys = ["payment", ...Object.keys((ledger?.amounts ?? {}) as Record<string, number>).map((k) => `refund:${k}`)];
  await GoalEvent.deleteMany({ _id: { $in: markerKeys.map((k) => markerObjectId(websiteId, provider, transactionId, k)) } });
  await RefundLedger.deleteOne({ _id: ledgerKey(websiteId, provider, transactionId) });
  const byId = await Payment.deleteOne({ _id: paymentObjectId(websiteId, provider, transactionId) });
  if (byId.deletedCount) return true;
  // A payment written by other means (seed data, imports) has a random _id.
  const byKey = await Payment.deleteOne({ websiteId: new Types.ObjectId(websiteId), provider, transactionId });
  return byKey.deletedCount > 0;
}

import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { deleteEvents } from "@/lib/engine/events";
import { dropPayment } from "@/lib/engine/payments";
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
  const markerIds = markerKeys.map((key) => markerObjectId(websiteId, provider, transactionId, key));
  // Out of the stats first (the markers counted as goals of their visits), then one by _id: FerretDB scans the collection for $in.
  await deleteEvents(websiteId, markerIds.map(String));
  for (const _id of markerIds) await GoalEvent.deleteOne({ _id });
  await RefundLedger.deleteOne({ _id: ledgerKey(websiteId, provider, transactionId) });
  const byId = await Payment.findById(paymentObjectId(websiteId, provider, transactionId)).lean();
  // A payment written by other means (seed data, imports) has a random _id.
  const doc = byId ?? (await Payment.findOne({ websiteId: new Types.ObjectId(websiteId), provider, transactionId }).lean());
  if (!doc) return false;
  // Out of the stats first: a retry after a failure below still finds the payment to delete.
  await dropPayment(doc);
  const deleted = await Payment.deleteOne({ _id: doc._id });
  return deleted.deletedCount > 0;
}

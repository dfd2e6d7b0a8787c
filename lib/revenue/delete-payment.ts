import { Types } from "mongoose";
import { connectDb } from "@/lib/db";
import { writeGoalExtra } from "@/lib/blocks/write-visits";
import { GoalEvent } from "@/models/GoalEvent";
import { Session, sessionKey } from "@/models/Session";
import { dropPaymentRow } from "@/lib/blocks/payments";
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
  for (const key of markerKeys) {
    // One by _id: FerretDB scans the collection for $in.
    const marker = await GoalEvent.findOneAndDelete({ _id: markerObjectId(websiteId, provider, transactionId, key) }).lean();
    if (!marker?.sessionId) continue;
    const session = await Session.findById(sessionKey(websiteId, marker.sessionId), { sessionId: 1, visitorId: 1, startedAt: 1 }).lean();
    // The visit's block counted the marker as a goal: take it back.
    if (session) await writeGoalExtra(websiteId, session, marker.name, true);
  }
  await RefundLedger.deleteOne({ _id: ledgerKey(websiteId, provider, transactionId) });
  const byId = await Payment.findById(paymentObjectId(websiteId, provider, transactionId)).lean();
  // A payment written by other means (seed data, imports) has a random _id.
  const doc = byId ?? (await Payment.findOne({ websiteId: new Types.ObjectId(websiteId), provider, transactionId }).lean());
  if (!doc) return false;
  // Out of the stats first: a retry after a failure below still finds the payment to delete.
  await dropPaymentRow(doc);
  const deleted = await Payment.deleteOne({ _id: doc._id });
  return deleted.deletedCount > 0;
}

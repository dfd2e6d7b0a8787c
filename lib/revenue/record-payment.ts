import { Types } from "mongoose";
import { hashEmail } from "@/lib/crypto";
import { connectDb } from "@/lib/db";
import { syncPayment } from "@/lib/engine/payments";
import { Payment, type PaymentDoc } from "@/models/Payment";
import { isDuplicateKey, paymentObjectId } from "./ids";
import { paymentMarker } from "./markers";
import { matchVisitor, type MatchQuery } from "./match";
import { applyLedger } from "./refunds";
import { paymentInputSchema, websiteIdOf, type Attribution, type PaymentInput, type WebsiteRef } from "./types";

export type RecordedPayment = {
  /** False when this transaction was already recorded (a redelivery): nothing was counted twice. */
  created: boolean;
  payment: PaymentDoc;
};

const attributionFields = (a: Attribution) =>
  Object.fromEntries(Object.entries({ matchedBy: a.matchedBy, visitorId: a.visitorId, sessionId: a.sessionId, firstTouch: a.firstTouch, lastTouch: a.lastTouch }).filter(([, v]) => v !== undefined));

/**
 * Records a payment once per (website, provider, transactionId) and attributes
 * it (lib/revenue/match.ts). Idempotent and convergent, without transactions:
 *  1. the payment is inserted under an _id derived from its unique key, so a
 *     concurrent duplicate fails on the store's _id uniqueness, not after it;
 *  2. refunds that arrived first (the ledger) are applied;
 *  3. the `payment` / `renewal` marker goes on the visitor's timeline.
 * Steps 2 and 3 run again on every call, so a call that failed after step 1
 * is completed by the retry. A payment recorded unattributed is attributed by
 * a later call that brings a visitor (e.g. Stripe's payment_intent.succeeded
 * arriving before checkout.session.completed, which carries the metadata).
 */
export async function recordPayment(website: WebsiteRef, input: PaymentInput): Promise<RecordedPayment> {
  const p = paymentInputSchema.parse(input);
  const websiteId = websiteIdOf(website);
  await connectDb();
  const _id = paymentObjectId(websiteId, p.provider, p.transactionId);
  const at = p.timestamp ?? new Date();
  const emailHash = p.email ? hashEmail(p.email) : undefined;
  const query: MatchQuery = { websiteId, provider: p.provider, paymentId: _id, at, visitorId: p.visitorId, sessionId: p.sessionId, userId: p.userId, emailHash, customerId: p.customerId };

  let created = false;
  let payment = await Payment.findById(_id).lean<PaymentDoc>();
  if (!payment) {
    const attribution = await matchVisitor(query);
    try {
      await Payment.create({
        _id,
        websiteId: new Types.ObjectId(websiteId),
        provider: p.provider,
        transactionId: p.transactionId,
        amount: p.amount,
        currency: p.currency.toUpperCase(),
        renewal: p.renewal ?? false,
        customerId: p.customerId,
        customerName: p.customerName || undefined,
        emailHash,
        timestamp: at,
        ...attributionFields(attribution),
      });
      created = true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // A concurrent delivery of the same transaction won the insert.
    }
    payment = await Payment.findById(_id).lean<PaymentDoc>();
    if (!payment) throw new Error(`payment ${p.transactionId} vanished after its insert`);
  } else if (payment.matchedBy === "none" && (p.visitorId || p.userId || p.email)) {
    const attribution = await matchVisitor(query);
    if (attribution.matchedBy !== "none") {
      await Payment.updateOne({ _id, matchedBy: "none" }, { $set: attributionFields(attribution) });
      payment = (await Payment.findById(_id).lean<PaymentDoc>()) ?? payment;
    }
  }

  // A later delivery may name a buyer the first one did not (Stripe's invoice after its payment intent).
  if (p.customerName && !payment.customerName) await Payment.updateOne({ _id, customerName: { $exists: false } }, { $set: { customerName: p.customerName } });
  await applyLedger(websiteId, p.provider, p.transactionId);
  await paymentMarker(payment);
  const final = (await Payment.findById(_id).lean<PaymentDoc>()) ?? payment;
  // Every call copies the final state, so a call that failed before this is completed by the retry.
  await syncPayment(final);
  return { created, payment: final };
}

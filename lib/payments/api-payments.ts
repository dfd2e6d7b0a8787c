import { connectDb } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { deletePayment, paymentObjectId, recordPayment, recordRefund } from "@/lib/revenue";
import type { PaymentRequest } from "@/lib/schemas/api-v1";
import type { ApiPayment, PaymentTouch } from "@/lib/schemas/api-v1-responses";
import { Payment, type PaymentDoc } from "@/models/Payment";

// Payments reported by the site's own server (POST/DELETE /api/v1/payments).
// They are recorded by lib/revenue under provider "api", keyed by (website,
// transactionId), so a key only ever reaches its own website's payments, and
// the webhooks' payments (other providers) are out of this API's reach.

const PROVIDER = "api";

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

function touchOf(t: Record<string, unknown> | null | undefined): PaymentTouch | null {
  if (!t) return null;
  return {
    channel: str(t.channel),
    referrerDomain: str(t.referrerDomain),
    utmSource: str(t.utmSource),
    utmMedium: str(t.utmMedium),
    utmCampaign: str(t.utmCampaign),
    utmTerm: str(t.utmTerm),
    utmContent: str(t.utmContent),
    landingPage: str(t.entryPage),
    country: str(t.country),
    device: str(t.device),
    at: t.at instanceof Date ? t.at.toISOString() : null,
  };
}

/** The money of a stored payment as every API response shows it. */
export function paymentMoneyOf(p: PaymentDoc) {
  return {
    id: String(p._id),
    transactionId: p.transactionId,
    amount: p.amount,
    refundedAmount: p.refundedAmount ?? 0,
    currency: p.currency,
    renewal: !!p.renewal,
    status: p.status ?? "paid",
    timestamp: p.timestamp.toISOString(),
  };
}

export function toApiPayment(p: PaymentDoc): ApiPayment {
  return {
    ...paymentMoneyOf(p),
    visitorId: p.visitorId ?? null,
    matchedBy: p.matchedBy ?? "none",
    firstTouch: touchOf(p.firstTouch as Record<string, unknown> | null | undefined),
    lastTouch: touchOf(p.lastTouch as Record<string, unknown> | null | undefined),
  };
}

/** A repeat of a transaction must describe the same money; anything else is a caller's bug, not a retry. */
function assertSameMoney(stored: PaymentDoc, input: PaymentRequest) {
  if (stored.amount !== input.amount || stored.currency !== input.currency) {
    throw new ApiError(
      409,
      "transaction_conflict",
      `Transaction ${input.transactionId} is already recorded as ${stored.amount} ${stored.currency}; delete it first to record it differently`,
    );
  }
}

export type ApiPaymentOutcome = { created: boolean; payment: ApiPayment };

/**
 * Records a payment once per transactionId and attributes it (visitorId, then
 * a visitor identified with the userId or email, then the customer's earlier
 * payment). A repeat with the same amount and currency returns the stored
 * payment (`created: false`), adding a refund it now reports: refunds only
 * grow, so `refunded: false` never undoes one. A repeat with another amount or
 * currency is a 409 and changes nothing.
 */
export async function recordApiPayment(websiteId: string, input: PaymentRequest): Promise<ApiPaymentOutcome> {
  await connectDb();
  const existing = await Payment.findById(paymentObjectId(websiteId, PROVIDER, input.transactionId)).lean<PaymentDoc>();
  if (existing) assertSameMoney(existing, input);

  const recorded = await recordPayment({ id: websiteId }, {
    provider: PROVIDER,
    transactionId: input.transactionId,
    amount: input.amount,
    currency: input.currency,
    visitorId: input.visitorId,
    email: input.email,
    userId: input.userId,
    customerId: input.customerId,
    renewal: input.renewal,
    timestamp: input.timestamp,
  });
  // A concurrent call with other money won the insert.
  if (!recorded.created) assertSameMoney(recorded.payment, input);

  let payment = recorded.payment;
  const refunded = input.refunded ? input.amount : input.refundedAmount;
  if (refunded) {
    // Without a refund id the ledger keeps the running total ($max): repeats never add up.
    await recordRefund({ id: websiteId }, { provider: PROVIDER, transactionId: input.transactionId, amount: refunded });
    payment = (await Payment.findById(payment._id).lean<PaymentDoc>()) ?? payment;
  }
  return { created: recorded.created, payment: toApiPayment(payment) };
}

/** Deletes a payment recorded through the API, with its refunds and timeline events; 404 when there is none. */
export async function deleteApiPayment(websiteId: string, transactionId: string): Promise<void> {
  if (!(await deletePayment({ id: websiteId }, PROVIDER, transactionId))) {
    throw new ApiError(404, "payment_not_found", "No payment with this transactionId on this website");
  }
}

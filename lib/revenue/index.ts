// The attribution engine's public surface: webhook handlers and the public
// API (/api/v1/payments) record money only through these.
export { recordPayment, type RecordedPayment } from "./record-payment";
export { recordRefund, applyLedger, type RefundOutcome } from "./refunds";
export { deletePayment } from "./delete-payment";
export { matchVisitor, type MatchQuery } from "./match";
export { paymentObjectId } from "./ids";
export type { Attribution, MatchedBy, PaymentInput, PaymentProvider, RefundInput, Touch, WebsiteRef } from "./types";

import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

/**
 * Every refund known for one transaction, kept apart from the payment so a
 * refund that arrives before its payment is not lost: the payment applies the
 * ledger when it is recorded. _id is "<websiteId>:<provider>:<transactionId>".
 *
 * `amounts` maps a refund key to minor units. Providers that report a running
 * total (Stripe amount_refunded, LemonSqueezy/Polar refunded_amount) write the
 * key "total" with $max, so late or repeated deliveries never lower it;
 * providers that report each refund (Paddle adjustments) write one key per
 * refund id. The refunded amount is the sum, capped at the payment's amount.
 */
const refundLedgerSchema = new Schema(
  {
    _id: { type: String },
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    provider: { type: String, required: true },
    transactionId: { type: String, required: true },
    // No default: an upsert that $max-es "amounts.total" must not also $setOnInsert "amounts".
    amounts: { type: Schema.Types.Mixed },
    lastRefundAt: { type: Date },
  },
  { timestamps: true },
);
refundLedgerSchema.index({ websiteId: 1, provider: 1, transactionId: 1 });

export type RefundLedgerDoc = InferSchemaType<typeof refundLedgerSchema> & { amounts: Record<string, number> };
export const RefundLedger = defineModel("RefundLedger", refundLedgerSchema);

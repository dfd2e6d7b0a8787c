import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

/** The touch a payment is credited to, copied from the matched visitor's sessions. */
const touchSchema = new Schema(
  {
    channel: String,
    referrerDomain: String,
    utmSource: String,
    utmMedium: String,
    utmCampaign: String,
    utmTerm: String,
    utmContent: String,
    entryPage: String,
    country: String,
    device: String,
    at: Date,
  },
  { _id: false },
);

const paymentSchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    provider: { type: String, required: true, enum: ["stripe", "lemonsqueezy", "polar", "paddle", "api"] },
    transactionId: { type: String, required: true },
    amount: { type: Number, required: true }, // integer minor units
    refundedAmount: { type: Number, default: 0 },
    currency: { type: String, required: true }, // ISO 4217, upper case
    renewal: { type: Boolean, default: false },
    status: { type: String, enum: ["paid", "refunded", "partially_refunded"], default: "paid" },
    customerId: { type: String },
    // The buyer's name as the provider sent it (owners and admins see it; erasure removes it).
    customerName: { type: String },
    // Salted SHA-256 of the lower-cased email: matches identify calls without keeping the address.
    emailHash: { type: String },
    visitorId: { type: String },
    sessionId: { type: String },
    matchedBy: { type: String, enum: ["metadata", "identity", "customer", "none"], default: "none" },
    firstTouch: { type: touchSchema },
    lastTouch: { type: touchSchema },
    timestamp: { type: Date, required: true },
  },
  { timestamps: true },
);
paymentSchema.index({ websiteId: 1, provider: 1, transactionId: 1 }, { unique: true });
paymentSchema.index({ websiteId: 1, timestamp: 1 });
paymentSchema.index({ websiteId: 1, visitorId: 1 });
paymentSchema.index({ websiteId: 1, customerId: 1 });

export type PaymentDoc = InferSchemaType<typeof paymentSchema> & { _id: Types.ObjectId };
export const Payment = defineModel("Payment", paymentSchema);

import { Schema, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

/**
 * An event from Trailmark's own Stripe account that was fully handled; _id is
 * Stripe's event id, so a redelivery is an _id hit. Written only after the
 * handler's writes succeeded: a delivery that failed half-way is retried whole.
 */
const billingEventSchema = new Schema(
  {
    _id: { type: String },
    type: { type: String, required: true },
    outcome: { type: String },
    receivedAt: { type: Date, required: true },
  },
  { timestamps: false },
);

export type BillingEventDoc = InferSchemaType<typeof billingEventSchema>;
export const BillingEvent = defineModel("BillingEvent", billingEventSchema);

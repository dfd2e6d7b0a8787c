import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

/**
 * A provider delivery that was fully handled. _id is
 * "<websiteId>:<provider>:<eventId>" so the duplicate check is an _id lookup
 * (the only filter FerretDB pushes down) and the store's own _id uniqueness is
 * the idempotency key. Written only after the handler's writes succeeded: a
 * delivery that failed half-way has no record and is retried in full.
 */
export const webhookEventKey = (websiteId: unknown, provider: string, eventId: string) => `${String(websiteId)}:${provider}:${eventId}`;

const webhookEventSchema = new Schema(
  {
    _id: { type: String },
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    provider: { type: String, required: true },
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    // What the handler did: "recorded", "refunded", "ignored: <why>".
    outcome: { type: String },
    receivedAt: { type: Date, required: true },
  },
  { timestamps: false },
);
webhookEventSchema.index({ websiteId: 1, receivedAt: 1 });

export type WebhookEventDoc = InferSchemaType<typeof webhookEventSchema>;
export const WebhookEvent = defineModel("WebhookEvent", webhookEventSchema);

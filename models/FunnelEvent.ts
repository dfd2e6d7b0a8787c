import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";

// The furthest step a visitor reached in a funnel, upserted as steps complete,
// so the funnel page reads one small document per visitor instead of replaying events.
const funnelEventSchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    funnelId: { type: Types.ObjectId, ref: "Funnel", required: true },
    visitorId: { type: String, required: true },
    sessionId: { type: String },
    step: { type: Number, required: true }, // 0-based index of the furthest step reached
    startedAt: { type: Date, required: true },
    timestamp: { type: Date, required: true },
  },
  { timestamps: false },
);
funnelEventSchema.index({ websiteId: 1, funnelId: 1, visitorId: 1, startedAt: 1 }, { unique: true });
funnelEventSchema.index({ websiteId: 1, funnelId: 1, timestamp: 1 });

export type FunnelEventDoc = InferSchemaType<typeof funnelEventSchema> & { _id: Types.ObjectId };
export const FunnelEvent = defineModel("FunnelEvent", funnelEventSchema);

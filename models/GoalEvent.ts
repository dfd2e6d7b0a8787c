import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";
import { propsField, visitContextFields } from "./fields";

// A custom event as it happened (trailmark('goal', ...), data-goal, the API, or
// a payment's `payment` / `renewal` / `refund` marker on the visitor's timeline).
const goalEventSchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    name: { type: String, required: true },
    sessionId: { type: String },
    visitorId: { type: String, required: true },
    timestamp: { type: Date, required: true },
    path: { type: String },
    props: propsField,
    value: { type: Number }, // minor units, for payment markers
    ...visitContextFields,
  },
  { timestamps: false },
);
goalEventSchema.index({ websiteId: 1, timestamp: 1 });
goalEventSchema.index({ websiteId: 1, name: 1, timestamp: 1 });
goalEventSchema.index({ websiteId: 1, visitorId: 1, timestamp: 1 });

export type GoalEventDoc = InferSchemaType<typeof goalEventSchema> & { _id: Types.ObjectId };
export const GoalEvent = defineModel("GoalEvent", goalEventSchema);

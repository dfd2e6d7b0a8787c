import { Schema, Types, type InferSchemaType } from "mongoose";
import { defineModel } from "./define";
import { visitContextFields } from "./fields";

// One visit: upserted at ingest so entry/exit page, duration and bounce are
// precomputed (FerretDB cannot derive them with $first/$last).
const sessionSchema = new Schema(
  {
    websiteId: { type: Types.ObjectId, ref: "Website", required: true },
    sessionId: { type: String, required: true },
    visitorId: { type: String, required: true },
    userId: { type: String },
    startedAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    entryPage: { type: String },
    exitPage: { type: String },
    pageviews: { type: Number, default: 0 },
    events: { type: Number, default: 0 },
    duration: { type: Number, default: 0 }, // seconds
    bounce: { type: Boolean, default: true },
    ...visitContextFields,
  },
  { timestamps: false },
);
sessionSchema.index({ websiteId: 1, startedAt: 1 });
sessionSchema.index({ websiteId: 1, sessionId: 1 }, { unique: true });
sessionSchema.index({ websiteId: 1, visitorId: 1, startedAt: 1 });

export type SessionDoc = InferSchemaType<typeof sessionSchema> & { _id: Types.ObjectId };
export const Session = defineModel("Session", sessionSchema);
